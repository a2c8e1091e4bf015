import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the events subgraph's Event: a session may also be published as an event. */
@ObjectType({ description: 'An event of the ecosystem (owned by the events subgraph).' })
@Directive('@key(fields: "id")')
export class Event {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

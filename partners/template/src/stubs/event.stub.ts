import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The core Event (owned by the events subgraph), as partners may extend it: the key only. */
@ObjectType({ description: 'An event of the ecosystem (owned by the events subgraph).' })
@Directive('@key(fields: "id")')
export class Event {
  @Field(() => ID, { description: 'Opaque, stable id of the event.' })
  id!: string;
}

import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the members subgraph's Person. */
@ObjectType({ description: 'A person of the ecosystem (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

export function personStub(id: string): Person {
  return { id };
}

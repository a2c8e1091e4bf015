import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the members subgraph's Project. */
@ObjectType({ description: 'An R&D project (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Project {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

export function projectStub(id: string): Project {
  return { id };
}

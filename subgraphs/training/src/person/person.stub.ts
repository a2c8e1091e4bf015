import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stub of the members subgraph's Person. `jobTitle` is owned by members: it is @external here and
 * only read by `suggestedPersona`, which @requires it (the gateway fetches it from members first).
 */
@ObjectType({ description: 'A person of the ecosystem (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Person {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Job title (owned by the members subgraph).' })
  @Directive('@external')
  jobTitle?: string | null;
}

export function personStub(id: string): Person {
  return { id };
}

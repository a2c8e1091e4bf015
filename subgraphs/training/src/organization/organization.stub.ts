import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the members subgraph's Organization: training stores its id and contributes fields to it. */
@ObjectType({ description: 'An organisation of the ecosystem (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

export function organizationStub(id: string): Organization {
  return { id };
}

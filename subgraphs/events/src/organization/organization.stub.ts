import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** Stub of the members subgraph's Organization: events stores only its id. */
@ObjectType({ description: 'An organisation of the ecosystem (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  id!: string;
}

export function organizationRef(id: string): Organization {
  return Object.assign(new Organization(), { id });
}

export function resolveOrganizationReference(reference: { id: string }): Organization {
  return organizationRef(String(reference.id));
}

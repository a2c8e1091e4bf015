import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * The core Organization (owned by the members subgraph), as partners may extend it: the key only.
 * Fields the campus adds live in a `@Resolver(() => Organization)` (see campus-profile.resolver.ts).
 */
@ObjectType({ description: 'An organisation of the ecosystem (owned by the members subgraph).' })
@Directive('@key(fields: "id")')
export class Organization {
  @Field(() => ID, { description: 'Opaque, stable id of the organisation.' })
  id!: string;
}

import { Field, ObjectType } from 'type-graphql';

/** The identity the gateway forwarded to this partner subgraph (only the claims granted to it): a GraphQL type with no table. */
@ObjectType({ description: 'Who is asking, as the partner subgraph sees it: only the claims the gateway grants partners.' })
export class CampusViewer {
  @Field(() => String, { nullable: true, description: 'The person id (members subgraph), when the gateway sends it.' })
  sub!: string | null;

  @Field(() => String, { nullable: true, description: 'The organisation the viewer acts for, when granted to this subgraph.' })
  org!: string | null;

  @Field(() => [String], { description: 'The viewer roles, when granted to this subgraph (empty otherwise).' })
  roles!: string[];
}

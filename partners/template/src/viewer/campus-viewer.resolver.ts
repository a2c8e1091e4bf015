import { Ctx, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { type PartnerContext } from '../context';

/** The identity the gateway forwarded to this partner subgraph (only the claims granted to it). */
@ObjectType({ description: 'Who is asking, as the partner subgraph sees it: only the claims the gateway grants partners.' })
export class CampusViewer {
  @Field(() => String, { nullable: true, description: 'The person id (members subgraph), when the gateway sends it.' })
  sub!: string | null;

  @Field(() => String, { nullable: true, description: 'The organisation the viewer acts for, when granted to this subgraph.' })
  org!: string | null;

  @Field(() => [String], { description: 'The viewer roles, when granted to this subgraph (empty otherwise).' })
  roles!: string[];
}

@Resolver()
export class CampusViewerResolver {
  @Query(() => CampusViewer, { nullable: true, description: 'The identity this partner subgraph received for the request (null when anonymous).' })
  campusViewer(@Ctx() context: PartnerContext): CampusViewer | null {
    const viewer = context.viewer;
    if (!viewer) return null;
    return { sub: viewer.sub || null, org: viewer.org ?? null, roles: viewer.roles };
  }
}

import { Ctx, Query, Resolver } from 'type-graphql';
import { type PartnerContext } from '../context';
import { CampusViewer } from './campus-viewer.types';

/** Query.campusViewer: read from the request context, no database. */
@Resolver(() => CampusViewer)
export class CampusViewerResolver {
  @Query(() => CampusViewer, { nullable: true, description: 'The identity this partner subgraph received for the request (null when anonymous).' })
  campusViewer(@Ctx() context: PartnerContext): CampusViewer | null {
    const viewer = context.viewer;
    if (!viewer) return null;
    return { sub: viewer.sub || null, org: viewer.org ?? null, roles: viewer.roles };
  }
}

import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { CampusProfileResolver } from './campus-profile/campus-profile.resolver';
import { type PartnerContext } from './context';
import { EventLogisticsResolver } from './event-logistics/event-logistics.resolver';
import { Event } from './stubs/event.stub';
import { Organization } from './stubs/organization.stub';
import { CampusViewerResolver } from './viewer/campus-viewer.resolver';

/** The partner's subgraph schema: its own types, plus fields on the core Organization and Event. */
export async function buildPartnerSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<PartnerContext>({
    resolvers: [CampusProfileResolver, EventLogisticsResolver, CampusViewerResolver],
    // The core owns these entities: a reference is only their key, which is all the partner needs.
    stubs: [Organization, Event],
  });
}

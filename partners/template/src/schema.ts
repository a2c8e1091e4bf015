import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { type PartnerContext } from './context';
// Listed in the order of the schema's types (type-graphql prints them in the order their modules load).
import { OrganizationCampusResolver } from './organization/organization.resolver';
import { Organization } from './organization/organization.stub';
import { EventCampusResolver } from './event/event.resolver';
import { Event } from './event/event.stub';
import { CampusViewerResolver } from './campus-viewer/campus-viewer.resolver';

/** The partner's subgraph schema: its own types, plus fields on the core Organization and Event. */
export async function buildPartnerSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<PartnerContext>({
    resolvers: [OrganizationCampusResolver, EventCampusResolver, CampusViewerResolver],
    // The core owns these entities: a reference is only their key, which is all the partner needs.
    stubs: [Organization, Event],
  });
}

import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { type EventsContext } from './context';
import { DatasetEventsResolver } from './dataset/dataset.resolver';
import { Dataset, resolveDatasetReference } from './dataset/dataset.stub';
import { resolveEventReference } from './event/event.reference';
import { EventResolver } from './event/event.resolver';
import { OrganizationEventsResolver } from './organization/organization.resolver';
import { Organization, resolveOrganizationReference } from './organization/organization.stub';

export async function buildEventsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<EventsContext>({
    resolvers: [EventResolver, OrganizationEventsResolver, DatasetEventsResolver],
    orphanedTypes: [Organization, Dataset],
    referenceResolvers: {
      Event: { __resolveReference: resolveEventReference },
      Organization: { __resolveReference: resolveOrganizationReference },
      Dataset: { __resolveReference: resolveDatasetReference },
    },
  });
}

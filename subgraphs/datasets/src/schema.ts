import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { type DatasetsContext } from './context';
import { resolveDatasetReference } from './dataset/dataset.reference';
import { DatasetResolver } from './dataset/dataset.resolver';
import { OrganizationDatasetsResolver } from './organization/organization.resolver';
import { Organization, organizationStub } from './organization/organization.stub';

export async function buildDatasetsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<DatasetsContext>({
    resolvers: [DatasetResolver, OrganizationDatasetsResolver],
    orphanedTypes: [Organization],
    referenceResolvers: {
      Dataset: { __resolveReference: resolveDatasetReference },
      Organization: { __resolveReference: (reference) => organizationStub(String(reference.id)) },
    },
  });
}

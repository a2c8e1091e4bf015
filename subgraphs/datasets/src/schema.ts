import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { resolveAccessRequestReference } from './access-request/access-request.reference';
import { AccessRequestResolver, AccessRequestStateResolver, StatusChangeResolver } from './access-request/access-request.resolver';
import { resolveCatalogueReference } from './catalogue/catalogue.reference';
import { CatalogueResolver } from './catalogue/catalogue.resolver';
import { type DatasetsContext } from './context';
import { resolveDatasetReference } from './dataset/dataset.reference';
import { DATASET_FACET_RESOLVERS } from './dataset/dataset-facets';
import { DatasetConnectionResolver, DatasetFacetsResolver, DatasetResolver } from './dataset/dataset.resolver';
import { OrganizationDatasetsResolver } from './organization/organization.resolver';
import { Organization } from './organization/organization.stub';
import { datasetsPubSub } from './common/pub-sub';
import { PersonAccessRequestsResolver } from './person/person.resolver';
import { Person } from './person/person.stub';
import { ProjectDatasetsResolver } from './project/project.resolver';
import { Project } from './project/project.stub';

export async function buildDatasetsSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<DatasetsContext>({
    resolvers: [
      DatasetResolver,
      DatasetConnectionResolver,
      DatasetFacetsResolver,
      CatalogueResolver,
      AccessRequestResolver,
      StatusChangeResolver,
      AccessRequestStateResolver,
      OrganizationDatasetsResolver,
      PersonAccessRequestsResolver,
      ProjectDatasetsResolver,
      ...DATASET_FACET_RESOLVERS,
    ],
    stubs: [Organization, Person, Project],
    pubSub: datasetsPubSub(),
    referenceResolvers: {
      Dataset: { __resolveReference: resolveDatasetReference },
      Catalogue: { __resolveReference: resolveCatalogueReference },
      AccessRequest: { __resolveReference: resolveAccessRequestReference },
    },
  });
}

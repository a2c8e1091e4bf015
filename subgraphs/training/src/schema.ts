import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { CategoryResolver, DomainResolver } from './catalogue/catalogue.resolver';
import { type TrainingContext } from './context';
import { resolveModuleReference } from './module/module.reference';
import { ModuleResolver } from './module/module.resolver';
import { OrganizationTrainingResolver } from './organization/organization.resolver';
import { Organization, organizationStub } from './organization/organization.stub';

export async function buildTrainingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<TrainingContext>({
    resolvers: [ModuleResolver, CategoryResolver, DomainResolver, OrganizationTrainingResolver],
    orphanedTypes: [Organization],
    referenceResolvers: {
      Module: { __resolveReference: resolveModuleReference },
      Organization: { __resolveReference: (reference) => organizationStub(String(reference.id)) },
    },
  });
}

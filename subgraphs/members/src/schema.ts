import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { type MembersContext } from './context';
import { resolveEcosystemReference } from './ecosystem/ecosystem.reference';
import { EcosystemResolver } from './ecosystem/ecosystem.resolver';
import { MembershipResolver } from './membership/membership.resolver';
import { resolveOrganizationReference } from './organization/organization.reference';
import { OrganizationResolver } from './organization/organization.resolver';

export async function buildMembersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<MembersContext>({
    resolvers: [OrganizationResolver, MembershipResolver, EcosystemResolver],
    referenceResolvers: {
      Organization: { __resolveReference: resolveOrganizationReference },
      Ecosystem: { __resolveReference: resolveEcosystemReference },
    },
  });
}

import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { type MembersContext } from './context';
import { resolveEcosystemReference } from './ecosystem/ecosystem.reference';
import { EcosystemResolver, KeyFigureResolver } from './ecosystem/ecosystem.resolver';
import { MembershipResolver } from './membership/membership.resolver';
import { resolveOrganizationReference } from './organization/organization.reference';
import { ORGANIZATION_FACET_RESOLVERS } from './organization/organization.facets';
import { OrganizationResolver } from './organization/organization.resolver';
import { resolvePersonReference } from './person/person.reference';
import { AffiliationResolver, PersonResolver } from './person/person.resolver';
import { Call } from './project/call.stub';
import { resolveProjectReference } from './project/project.reference';
import { CallResolver, ProjectParticipationResolver, ProjectResolver } from './project/project.resolver';

export async function buildMembersSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<MembersContext>({
    resolvers: [OrganizationResolver, MembershipResolver, EcosystemResolver, KeyFigureResolver, PersonResolver, AffiliationResolver, ProjectResolver, ProjectParticipationResolver, CallResolver, ...ORGANIZATION_FACET_RESOLVERS],
    stubs: [Call],
    referenceResolvers: {
      Organization: { __resolveReference: resolveOrganizationReference },
      Ecosystem: { __resolveReference: resolveEcosystemReference },
      Person: { __resolveReference: resolvePersonReference },
      Project: { __resolveReference: resolveProjectReference },
    },
  });
}

import { buildFederatedSchema } from '@ecosystem/shared';
import { type GraphQLSchema } from 'graphql';
import { CategoryResolver, DomainResolver } from './catalogue/catalogue.resolver';
import { resolveCompetencyReference } from './competency/competency.reference';
import { CompetencyResolver } from './competency/competency.resolver';
import { type TrainingContext } from './context';
import { resolveEnrolmentReference } from './enrolment/enrolment.reference';
import { EnrolmentResolver } from './enrolment/enrolment.resolver';
import { MatrixResolver } from './matrix/matrix.resolver';
import { resolveModuleReference } from './module/module.reference';
import { ModuleConnectionResolver, ModuleResolver } from './module/module.resolver';
import { OrganizationTrainingResolver } from './organization/organization.resolver';
import { Organization, organizationStub } from './organization/organization.stub';
import { resolveLearningPathReference } from './path/path.reference';
import { LearningPathResolver, PathStepResolver } from './path/path.resolver';
import { Event } from './event/event.stub';
import { PersonTrainingResolver } from './person/person.resolver';
import { Person } from './person/person.stub';
import { resolvePersonaReference } from './persona/persona.reference';
import { CompetencyRequirementResolver, PersonaResolver } from './persona/persona.resolver';
import { RecommendationResolver } from './recommendation/recommendation.resolver';
import { resolveCourseSessionReference } from './session/session.reference';
import { CourseSessionResolver } from './session/session.resolver';

import { MODULE_FACET_RESOLVERS } from './module/module.facets';
export async function buildTrainingSchema(): Promise<GraphQLSchema> {
  return buildFederatedSchema<TrainingContext>({
    resolvers: [
      ModuleResolver,
      ModuleConnectionResolver,
      ...MODULE_FACET_RESOLVERS,
      CategoryResolver,
      DomainResolver,
      CompetencyResolver,
      PersonaResolver,
      CompetencyRequirementResolver,
      MatrixResolver,
      LearningPathResolver,
      PathStepResolver,
      CourseSessionResolver,
      EnrolmentResolver,
      RecommendationResolver,
      OrganizationTrainingResolver,
      PersonTrainingResolver,
    ],
    orphanedTypes: [Organization, Person, Event],
    referenceResolvers: {
      Module: { __resolveReference: resolveModuleReference },
      Competency: { __resolveReference: resolveCompetencyReference },
      Persona: { __resolveReference: resolvePersonaReference },
      LearningPath: { __resolveReference: resolveLearningPathReference },
      CourseSession: { __resolveReference: resolveCourseSessionReference },
      Enrolment: { __resolveReference: resolveEnrolmentReference },
      Organization: { __resolveReference: (reference) => organizationStub(String(reference.id)) },
      // With @requires, the gateway sends the required jobTitle along with the key.
      Person: {
        __resolveReference: (reference) => {
          const ref = reference as { id: string; jobTitle?: string | null };
          return { id: String(ref.id), jobTitle: ref.jobTitle ?? null };
        },
      },
      Event: { __resolveReference: (reference) => ({ id: String(reference.id) }) },
    },
  });
}

import { ForbiddenError, hasRole, Role, UnauthenticatedError, NOT_IN_PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type TrainingContext } from '../context';
import { Module } from '../module/module.entity';
import { type DomainLearningStats, LearningStats } from './organization.types';
import { Organization } from './organization.stub';

/** Fields the training subgraph contributes to members' Organization. */
@Resolver(() => Organization)
export class OrganizationTrainingResolver {
  @FieldResolver(() => [Module], { nullable: true, description: 'Published modules the organisation delivers as a training partner.' })
  async trainingOffers(@Root() organization: Organization, @Ctx() context: TrainingContext): Promise<Module[]> {
    return context.loaders.modulesByProviderId.load(organization.id);
  }

  @Directive(NOT_IN_PUBLIC_CONTRACT)
  @FieldResolver(() => LearningStats, {
    nullable: true,
    description: 'Enrolments and completions of the organisation’s people by domain: its own training managers and admins only.',
  })
  async learningStats(@Root() organization: Organization, @Ctx() context: TrainingContext): Promise<LearningStats> {
    const viewer = context.viewer;
    if (!viewer) throw new UnauthenticatedError();
    const ownManager = viewer.roles.includes(Role.TRAINING_MANAGER) && viewer.org === organization.id;
    if (!ownManager && !hasRole(viewer, Role.ADMIN)) {
      throw new ForbiddenError('Only the organisation’s training managers and admins can see its learning statistics');
    }
    const counts = await context.loaders.learningStatsByOrganizationId.load(organization.id);
    const byDomain = (
      await Promise.all(
        counts.map(async (c): Promise<DomainLearningStats | null> => {
          const domain = await context.loaders.domainById.load(c.domainId);
          return domain ? { domain, enrolments: c.enrolments, completions: c.completions } : null;
        }),
      )
    ).filter((d): d is DomainLearningStats => d !== null);
    return {
      enrolments: counts.reduce((sum, c) => sum + c.enrolments, 0),
      completions: counts.reduce((sum, c) => sum + c.completions, 0),
      byDomain,
    };
  }
}

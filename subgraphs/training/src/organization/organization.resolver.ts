import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type TrainingContext } from '../context';
import { Module } from '../module/module.entity';
import { Organization } from './organization.stub';

/** Fields the training subgraph contributes to members' Organization. */
@Resolver(() => Organization)
export class OrganizationTrainingResolver {
  @FieldResolver(() => [Module], { description: 'Published modules the organisation delivers as a training partner.' })
  async trainingOffers(@Root() organization: Organization, @Ctx() context: TrainingContext): Promise<Module[]> {
    return context.loaders.modulesByProviderId.load(organization.id);
  }
}

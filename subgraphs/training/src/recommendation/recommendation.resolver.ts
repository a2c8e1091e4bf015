import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type TrainingContext } from '../context';
import { RecommendationService } from './recommendation.service';
import { ModuleRecommendation } from './recommendation.types';

@Resolver(() => ModuleRecommendation)
export class RecommendationResolver {
  @Authorized()
  @Query(() => [ModuleRecommendation], {
    nullable: true,
    description:
      'Modules that close the gaps between the requirements of a person’s persona and what they completed, prerequisites first (the person, their employer’s training managers, admins).',
  })
  async recommendModules(
    @Arg('personId', () => ID, { description: 'The person (a Person id of the members subgraph).' }) personId: string,
    @Arg('personaId', () => ID, {
      nullable: true,
      description: 'The persona to aim for; default: the persona of the person’s latest path enrolment.',
    })
    personaId: string | null,
    @Ctx() context: TrainingContext,
  ): Promise<ModuleRecommendation[]> {
    return new RecommendationService(context).recommend(personId, personaId);
  }
}

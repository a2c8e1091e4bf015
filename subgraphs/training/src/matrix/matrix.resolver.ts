import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { type TrainingContext } from '../context';
import { MatrixService } from './matrix.service';
import { CompetencyMatrix } from './matrix.types';

@Resolver(() => CompetencyMatrix)
export class MatrixResolver {
  @Query(() => CompetencyMatrix, { nullable: true, description: 'The needs matrix (persona x competency), shaped for a heatmap.' })
  async competencyMatrix(
    @Arg('personaIds', () => [ID], { nullable: true, description: 'Rows; all personae (up to 200) when omitted.' })
    personaIds: string[] | null,
    @Arg('domainIds', () => [ID], {
      nullable: true,
      description: 'Columns: the competencies of these domains; when omitted, the competencies some row needs.',
    })
    domainIds: string[] | null,
    @Ctx() context: TrainingContext,
  ): Promise<CompetencyMatrix> {
    return new MatrixService(context.dataSource).matrix(personaIds, domainIds);
  }
}

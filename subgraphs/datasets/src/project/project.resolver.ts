import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type DatasetsContext } from '../context';
import { Dataset } from '../dataset/dataset.entity';
import { Project } from './project.stub';

/** Fields the datasets subgraph contributes to members' Project. */
@Resolver(() => Project)
export class ProjectDatasetsResolver {
  @FieldResolver(() => [Dataset], { nullable: true, description: 'Datasets the project uses, by title.' })
  async datasets(@Root() project: Project, @Ctx() context: DatasetsContext): Promise<Dataset[]> {
    return context.loaders.datasetsByProjectId.load(project.id);
  }
}

import { ConnectionType } from '@ecosystem/shared';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type DatasetsContext } from '../context';
import { Organization, organizationStub } from '../organization/organization.stub';
import { Dataset } from './dataset.entity';
import { DatasetsArgs } from './dataset.inputs';
import { DatasetService } from './dataset.service';

@ObjectType({ description: 'A page of datasets.' })
export class DatasetConnection extends ConnectionType(Dataset, 'Dataset') {}

@Resolver(() => Dataset)
export class DatasetResolver {
  @Query(() => Dataset, { nullable: true, description: 'One dataset by id.' })
  async dataset(
    @Arg('id', () => ID, { description: 'Dataset id.' }) id: string,
    @Ctx() context: DatasetsContext,
  ): Promise<Dataset | null> {
    return context.loaders.datasetById.load(id);
  }

  @Query(() => DatasetConnection, { description: 'The dataset catalogue, filtered and paginated (by title).' })
  async datasets(@Args() args: DatasetsArgs, @Ctx() context: DatasetsContext): Promise<DatasetConnection> {
    return new DatasetService(context.dataSource).list(args);
  }

  @FieldResolver(() => Organization, { description: 'The organisation that publishes the dataset (dct:publisher).' })
  publisher(@Root() dataset: Dataset): Organization {
    return organizationStub(dataset.publisherId);
  }
}

import { filterEvents, pipeEvents } from '@ecosystem/shared';
import { Arg, Ctx, Resolver, Root, Subscription } from 'type-graphql';
import { type DatasetsContext } from '../context';
import { DATASET_PUBLISHED, datasetsPubSub } from '../pub-sub';
import { Dataset } from './dataset.entity';
import { DatasetFilter } from './dataset.inputs';
import { DatasetService } from './dataset.service';

@Resolver(() => Dataset)
export class DatasetPublishedResolver {
  @Subscription(() => Dataset, {
    subscribe: ({ args, context }) => {
      const following = (args as { filter?: DatasetFilter | null }).filter ?? null;
      // A filter the catalogue would refuse is refused now (BAD_USER_INPUT), not at the first event.
      DatasetService.validate(following);
      // The catalogue's own filter (DatasetService.filtered), asked of the new dataset's row: a subscriber hears only what `datasets(filter)` would list.
      const matches = (payload: { id: string }): Promise<boolean> =>
        new DatasetService((context as DatasetsContext).dataSource).filtered(following).andWhere('d.id = :publishedId', { publishedId: payload.id }).getExists();
      return pipeEvents(datasetsPubSub().subscribe(DATASET_PUBLISHED), filterEvents(matches));
    },
    description:
      'Sent when a dataset matching the filter (as in datasets(filter)) is published, e.g. an analyst following health categories or themes. Through the gateway: over Server-Sent Events or graphql-ws; the dataset is read through Query.dataset.',
  })
  async datasetPublished(
    @Arg('filter', () => DatasetFilter, { nullable: true, description: 'What to follow; every dataset when omitted.' }) _filter: DatasetFilter | null,
    @Root() payload: { id: string },
    @Ctx() context: DatasetsContext,
  ): Promise<Dataset> {
    // Read from the database, not the request's DataLoaders: a subscription's context lives as long as the stream.
    return context.dataSource.getRepository(Dataset).findOneByOrFail({ id: payload.id });
  }
}

import { type GraphQLResolveInfo } from 'graphql';
import { Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { eventListColumns } from '../loaders';
import { Dataset } from './dataset.stub';

@Resolver(() => Dataset)
export class DatasetEventsResolver {
  @FieldResolver(() => [Event], { description: 'Events at which this dataset was presented, by start.' })
  async presentedAt(@Root() dataset: Dataset, @Ctx() context: EventsContext, @Info() info: GraphQLResolveInfo): Promise<Event[]> {
    return context.loaders.eventsByDatasetId.load({ key: dataset.id, columns: eventListColumns(info) });
  }
}

import { type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { eventWindow, EventWindowArgs } from '../event/event-window';
import { eventListColumns } from '../event/event.loaders';
import { Dataset } from './dataset.stub';

@Resolver(() => Dataset)
export class DatasetEventsResolver {
  @FieldResolver(() => [Event], {
    nullable: true,
    description: 'Events at which this dataset was presented, in a window, by start (at most `first`). Use Query.events with datasetId to page.',
  })
  async presentedAt(@Root() dataset: Dataset, @Ctx() context: EventsContext, @Info() info: GraphQLResolveInfo, @Args() args: EventWindowArgs): Promise<Event[]> {
    return context.loaders.eventsByDatasetId.load({ id: dataset.id, window: { columns: eventListColumns(info), ...eventWindow(args) } });
  }
}

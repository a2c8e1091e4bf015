import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { Dataset } from './dataset.stub';

@Resolver(() => Dataset)
export class DatasetEventsResolver {
  @FieldResolver(() => [Event], { description: 'Events at which this dataset was presented, by start.' })
  async presentedAt(@Root() dataset: Dataset, @Ctx() context: EventsContext): Promise<Event[]> {
    return context.loaders.eventsByDatasetId.load(dataset.id);
  }
}

import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { eventWindow, EventWindowArgs } from '../event/event-window';
import { loadEventsSorted } from '../event/event.loaders';
import { Ecosystem } from './ecosystem.stub';

@Resolver(() => Ecosystem)
export class EcosystemEventsResolver {
  @FieldResolver(() => [Event], { nullable: true, description: 'Events of the ecosystem in a window, by start (at most `first`). Use Query.events with ecosystemId to page.' })
  async events(@Root() ecosystem: Ecosystem, @Ctx() context: EventsContext, @Args() args: EventWindowArgs): Promise<Event[]> {
    const ids = await context.loaders.eventIdsByEcosystem.load({ id: ecosystem.id, window: eventWindow(args) });
    return loadEventsSorted(context.loaders, ids);
  }
}

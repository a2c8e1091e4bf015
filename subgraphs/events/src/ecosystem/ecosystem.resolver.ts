import { BadUserInputError, MAX_PAGE_SIZE } from '@ecosystem/shared';
import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { loadEventsSorted } from '../loaders';
import { Ecosystem } from './ecosystem.stub';

@Resolver(() => Ecosystem)
export class EcosystemEventsResolver {
  @FieldResolver(() => [Event], { description: 'Events of the ecosystem in a window, by start (at most `first`). Use Query.events with ecosystemId to page.' })
  async events(
    @Root() ecosystem: Ecosystem,
    @Ctx() context: EventsContext,
    @Arg('from', () => Date, { nullable: true, description: 'Events that end at or after this instant.' }) from?: Date | null,
    @Arg('to', () => Date, { nullable: true, description: 'Events that start before this instant.' }) to?: Date | null,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most this many (default 50, at most 200).' }) first = 50,
  ): Promise<Event[]> {
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw new BadUserInputError(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
    }
    const ids = await context.loaders.eventIdsByEcosystem.load({ ecosystemId: ecosystem.id, from: from ?? null, to: to ?? null, first });
    return loadEventsSorted(context.loaders, ids);
  }
}

import { createSubgraphPubSub, NotFoundError, type PubSub } from '@ecosystem/shared';
import { Arg, Ctx, Field, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { loadEventsConfig } from '../config';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { Registration } from './registration.entity';
import { RegistrationStatus } from './registration.enums';

/** The topic a registration change is published on, per event id. */
export const REGISTRATION_CHANGED = 'REGISTRATION_CHANGED';

type Topics = { [REGISTRATION_CHANGED]: [eventId: string, payload: { eventId: string }] };

let pubSub: PubSub<Topics> | undefined;

/** The events subgraph's PubSub (over Redis when REDIS_URL is set). */
export function eventsPubSub(): PubSub<Topics> {
  pubSub ??= createSubgraphPubSub<Topics>(loadEventsConfig().REDIS_URL);
  return pubSub;
}

/** Tells subscribers that an event's registrations changed: after the write's transaction committed. */
export function publishRegistrationChange(eventId: string): void {
  eventsPubSub().publish(REGISTRATION_CHANGED, eventId, { eventId });
}

@ObjectType({ description: 'Where the registrations of an event stand: seats taken, waiting list, the viewer\u2019s own registration.' })
export class RegistrationState {
  @Field(() => ID, { description: 'The event.' })
  eventId!: string;
}

/**
 * Read from the database at each call, without the request's DataLoaders: a subscription's context
 * lives as long as the stream, and its loaders would answer every event with the first one's rows.
 */
@Resolver(() => RegistrationState)
export class RegistrationStateResolver {
  @Query(() => RegistrationState, { nullable: true, description: 'Where the registrations of an event stand now (what registrationChanged sends on every change).' })
  async registrationState(@Arg('eventId', () => ID, { description: 'Event id.' }) eventId: string, @Ctx() context: EventsContext): Promise<RegistrationState> {
    await eventOf(eventId, context);
    return { eventId };
  }

  @Subscription(() => RegistrationState, {
    topics: REGISTRATION_CHANGED,
    topicId: ({ args }) => (args as { eventId: string }).eventId,
    description:
      'Sent whenever a registration of the event changes (registered, cancelled, promoted from the waiting list, checked in). Through the gateway: over Server-Sent Events or graphql-ws.',
  })
  registrationChanged(@Arg('eventId', () => ID, { description: 'Event id.' }) eventId: string, @Root() payload: { eventId: string }): RegistrationState {
    return { eventId: payload.eventId ?? eventId };
  }

  @FieldResolver(() => Event, { description: 'The event.' })
  event(@Root() state: RegistrationState, @Ctx() context: EventsContext): Promise<Event> {
    return eventOf(state.eventId, context);
  }

  @FieldResolver(() => Int, { description: 'Seats taken (confirmed, attended or no-show registrations).' })
  async seatsTaken(@Root() state: RegistrationState, @Ctx() context: EventsContext): Promise<number> {
    return (await eventOf(state.eventId, context)).seatsTaken;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats in total; null when unlimited.' })
  async maxCapacity(@Root() state: RegistrationState, @Ctx() context: EventsContext): Promise<number | null> {
    return (await eventOf(state.eventId, context)).maxCapacity;
  }

  @FieldResolver(() => Int, { description: 'Registrations on the waiting list.' })
  waitingListLength(@Root() state: RegistrationState, @Ctx() context: EventsContext): Promise<number> {
    return context.dataSource.getRepository(Registration).countBy({ eventId: state.eventId, status: RegistrationStatus.WAITLISTED });
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description: 'The viewer\u2019s place on the waiting list (1 = next to get a seat); null when the viewer is not waiting (or anonymous).',
  })
  async viewerWaitlistPosition(@Root() state: RegistrationState, @Ctx() context: EventsContext): Promise<number | null> {
    const registration = await viewerRegistration(state.eventId, context);
    if (!registration || registration.status !== RegistrationStatus.WAITLISTED) return null;
    const ahead = await context.dataSource
      .getRepository(Registration)
      .createQueryBuilder('r')
      .where('r.eventId = :eventId AND r.status = :waiting AND r.ticket < :ticket', { eventId: state.eventId, waiting: RegistrationStatus.WAITLISTED, ticket: registration.ticket })
      .getCount();
    return ahead + 1;
  }

  @FieldResolver(() => RegistrationStatus, { nullable: true, description: 'Where the viewer\u2019s own registration stands; null when none (or anonymous).' })
  async viewerStatus(@Root() state: RegistrationState, @Ctx() context: EventsContext): Promise<RegistrationStatus | null> {
    return (await viewerRegistration(state.eventId, context))?.status ?? null;
  }
}

async function eventOf(eventId: string, context: EventsContext): Promise<Event> {
  const event = await context.dataSource.getRepository(Event).findOneBy({ id: eventId });
  if (!event) throw new NotFoundError('Event', eventId);
  return event;
}

function viewerRegistration(eventId: string, context: EventsContext): Promise<Registration | null> {
  if (!context.viewer) return Promise.resolve(null);
  return context.dataSource.getRepository(Registration).findOneBy({ eventId, personId: context.viewer.sub });
}

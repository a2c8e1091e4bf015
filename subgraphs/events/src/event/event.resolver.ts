import { Money, Role, PUBLIC_CONTRACT, NOT_IN_PUBLIC_CONTRACT } from '@ecosystem/shared';
import { type GraphQLResolveInfo } from 'graphql';
import { Directive, Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Address, toAddress } from '@ecosystem/shared';
import { type EventsContext } from '../context';
import { Dataset, datasetRef } from '../dataset/dataset.stub';
import { Ecosystem, ecosystemRef } from '../ecosystem/ecosystem.stub';
import { ICAL_PATHS } from './event.ical';
import { Organization, organizationRef } from '../organization/organization.stub';
import { EventSpeaker } from './event-speaker.entity';
import { EventConnection } from './event.connection';
import { eventListColumns } from './event.loaders';
import { Event } from './event.entity';
import { AddSpeakerArgs, CreateEventArgs, EventsArgs } from './event.inputs';
import { type EventFacetCounts, EventService } from './event.service';
import { EventFacets, RegistrationPolicy, VirtualLocation } from './event.types';

@Resolver(() => Event)
export class EventResolver {
  @Directive(PUBLIC_CONTRACT)
  @Query(() => Event, { nullable: true, description: 'One event by id.' })
  async event(@Arg('id', () => ID, { description: 'Event id.' }) id: string, @Ctx() context: EventsContext): Promise<Event | null> {
    return context.loaders.eventById.load(id);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => EventConnection, { nullable: true, description: 'Events, filtered and paginated, ordered by start then id, with facets.' })
  async events(@Args() args: EventsArgs, @Ctx() context: EventsContext, @Info() info: GraphQLResolveInfo): Promise<EventConnection> {
    return new EventService(context.dataSource).list(args, eventListColumns(info, ['edges', 'node']));
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => Event, { description: 'Creates an event. Event organisers acting for every organiser named, or admins.' })
  async createEvent(@Args() { input }: CreateEventArgs, @Ctx() context: EventsContext): Promise<Event> {
    return new EventService(context.dataSource).create(input, context.viewer);
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => Event, { description: 'Moves an event to new times: status RESCHEDULED, iCalendar SEQUENCE + 1.' })
  async rescheduleEvent(
    @Arg('id', () => ID, { description: 'Event id.' }) id: string,
    @Arg('start', { description: 'New start.' }) start: Date,
    @Arg('end', { description: 'New end.' }) end: Date,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return new EventService(context.dataSource).reschedule(id, start, end, context.viewer);
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => Event, {
    description:
      'Postpones an event whose new date is not known yet: status POSTPONED (iCalendar STATUS:TENTATIVE), SEQUENCE + 1; rescheduleEvent then sets its new times. Organisers of the event or admins.',
  })
  async postponeEvent(@Arg('id', () => ID, { description: 'Event id.' }) id: string, @Ctx() context: EventsContext): Promise<Event> {
    return new EventService(context.dataSource).postpone(id, context.viewer);
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => Event, { description: 'Cancels an event: status CANCELLED, iCalendar SEQUENCE + 1.' })
  async cancelEvent(@Arg('id', () => ID, { description: 'Event id.' }) id: string, @Ctx() context: EventsContext): Promise<Event> {
    return new EventService(context.dataSource).cancel(id, context.viewer);
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => EventSpeaker, { description: 'Adds a speaker in a role to an event.' })
  async addSpeaker(@Args() { input }: AddSpeakerArgs, @Ctx() context: EventsContext): Promise<EventSpeaker> {
    return new EventService(context.dataSource).addSpeaker(input, context.viewer);
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => Event, { description: 'Records that a dataset is presented at an event (idempotent).' })
  async linkDataset(
    @Arg('eventId', () => ID, { description: 'Event id.' }) eventId: string,
    @Arg('datasetId', () => ID, { description: 'Dataset id (datasets subgraph).' }) datasetId: string,
    @Ctx() context: EventsContext,
  ): Promise<Event> {
    return new EventService(context.dataSource).linkDataset(eventId, datasetId, context.viewer);
  }

  @FieldResolver(() => [Organization], { nullable: true, description: 'Organisations organising the event, main organiser first.' })
  async organizers(@Root() event: Event, @Ctx() context: EventsContext): Promise<Organization[]> {
    return (await context.loaders.organizerIdsByEventId.load(event.id)).map(organizationRef);
  }

  @FieldResolver(() => [Dataset], { nullable: true, description: 'Datasets presented at the event, in order of presentation.' })
  async presentedDatasets(@Root() event: Event, @Ctx() context: EventsContext): Promise<Dataset[]> {
    return (await context.loaders.datasetIdsByEventId.load(event.id)).map(datasetRef);
  }

  @Directive(NOT_IN_PUBLIC_CONTRACT)
  @FieldResolver(() => [EventSpeaker], { description: 'Speakers and their roles, in programme order.' })
  async speakers(@Root() event: Event, @Ctx() context: EventsContext): Promise<EventSpeaker[]> {
    return context.loaders.speakersByEventId.load(event.id);
  }

  @FieldResolver(() => Ecosystem, { nullable: true, description: 'The ecosystem the event belongs to.' })
  ecosystem(@Root() event: Event): Ecosystem | null {
    return event.ecosystemId ? ecosystemRef(event.ecosystemId) : null;
  }

  @FieldResolver(() => Address, { nullable: true, description: 'Where it takes place, for events attended in person.' })
  place(@Root() event: Event): Address | null {
    return event.address.city || event.address.street ? toAddress(event.address) : null;
  }

  @FieldResolver(() => VirtualLocation, { nullable: true, description: 'Where to attend online.' })
  virtualLocation(@Root() event: Event): VirtualLocation | null {
    return event.virtualUrl ? { url: event.virtualUrl, platform: event.virtualPlatform } : null;
  }

  @FieldResolver(() => RegistrationPolicy, { nullable: true, description: 'How to register; null when no registration is taken.' })
  registration(@Root() event: Event): RegistrationPolicy | null {
    const price: Money | null = event.priceAmount ? { amount: event.priceAmount, currency: event.priceCurrency ?? 'EUR' } : null;
    return {
      required: event.registrationRequired,
      opensAt: event.registrationOpensAt,
      closesAt: event.registrationClosesAt,
      membersOnly: event.membersOnly,
      price,
      url: event.registrationUrl,
    };
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Seats still free; null when unlimited.' })
  remainingCapacity(@Root() event: Event): number | null {
    return event.maxCapacity === null ? null : Math.max(0, event.maxCapacity - event.seatsTaken);
  }

  @FieldResolver(() => String, { description: 'Path of the event\u2019s iCalendar file on the events service.' })
  icalUrl(@Root() event: Event): string {
    return ICAL_PATHS.event(event.id);
  }
}

@Resolver(() => EventConnection)
export class EventConnectionResolver {
  @FieldResolver(() => EventFacets, { description: 'Counts per facet over the whole filtered list (disjunctive: each without its own selection).' })
  async facets(@Root() connection: EventConnection, @Ctx() context: EventsContext): Promise<EventFacetCounts> {
    return new EventService(context.dataSource).facets(connection.facetFilter ?? {});
  }
}

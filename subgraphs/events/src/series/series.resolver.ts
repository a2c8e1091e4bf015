import { LocalDateScalar, Role, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Ecosystem, ecosystemRef } from '../ecosystem/ecosystem.stub';
import { EventConnection } from '../event/event.connection';
import { Event } from '../event/event.entity';
import { EventService } from '../event/event.service';
import { ICAL_PATHS } from '../event/event.ical';
import { Organization, organizationRef } from '../organization/organization.stub';
import { EventSeries } from './series.entity';
import { CreateSeriesArgs, OccurrencesArgs } from './series.inputs';
import { SeriesService } from './series.service';

@Resolver(() => EventSeries)
export class EventSeriesResolver {
  @Directive(PUBLIC_CONTRACT)
  @Query(() => EventSeries, { nullable: true, description: 'One recurring series by id.' })
  async eventSeries(@Arg('id', () => ID, { description: 'Series id.' }) id: string, @Ctx() context: EventsContext): Promise<EventSeries | null> {
    return context.loaders.seriesById.load(id);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => [EventSeries], { nullable: true, description: 'Every recurring series, by title.' })
  async allEventSeries(@Ctx() context: EventsContext): Promise<EventSeries[]> {
    return new SeriesService(context.dataSource).list();
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => EventSeries, { description: 'Creates a recurring series and its occurrences (up to 24 months ahead).' })
  async createSeries(@Args() { input }: CreateSeriesArgs, @Ctx() context: EventsContext): Promise<EventSeries> {
    return new SeriesService(context.dataSource).create(input, context.viewer);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organising organisation.' })
  organizer(@Root() series: EventSeries): Organization {
    return organizationRef(series.organizerId);
  }

  @FieldResolver(() => Ecosystem, { nullable: true, description: 'The ecosystem.' })
  ecosystem(@Root() series: EventSeries): Ecosystem | null {
    return series.ecosystemId ? ecosystemRef(series.ecosystemId) : null;
  }

  @FieldResolver(() => [LocalDateScalar], { description: 'Local days on which the rule does not apply (EXDATE).' })
  exdates(@Root() series: EventSeries): string[] {
    return series.exdateList;
  }

  @FieldResolver(() => EventConnection, {
    description: 'Occurrences in a window, in order: each is an event that can carry its own datasets, speakers and registrations.',
  })
  async occurrences(@Root() series: EventSeries, @Args() args: OccurrencesArgs, @Ctx() context: EventsContext): Promise<EventConnection> {
    return new EventService(context.dataSource).list({
      filter: { seriesId: series.id, from: args.from ?? null, to: args.to ?? null },
      first: args.first ?? null,
      after: args.after ?? null,
    });
  }

  @FieldResolver(() => String, { description: 'Path of the series\u2019 iCalendar file (RRULE, EXDATE, VTIMEZONE).' })
  icalUrl(@Root() series: EventSeries): string {
    return ICAL_PATHS.series(series.id);
  }
}

/** The series side of an event: a series contributes the field, so that events know nothing of series. */
@Resolver(() => Event)
export class EventSeriesFieldResolver {
  @FieldResolver(() => EventSeries, { nullable: true, description: 'The series this event is an occurrence of.' })
  async series(@Root() event: Event, @Ctx() context: EventsContext): Promise<EventSeries | null> {
    return event.seriesId ? context.loaders.seriesById.load(event.seriesId) : null;
  }
}

import { addressColumns, BadUserInputError, insertChunks, newId, type Viewer, runTransaction } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { assertCanOrganise } from '../common/authorization';
import { EventOrganizer } from '../event/event-organizer.entity';
import { Event } from '../event/event.entity';
import { EventStatus } from '../event/event.enums';
import { icalUidFor } from '../event/ical-uid';
import { EventSeries } from './event-series.entity';
import { expandOccurrences, isValidZone, MAX_OCCURRENCES, parseRrule } from './recurrence';
import { type CreateSeriesInput } from './series.inputs';

/** How far ahead occurrences of an open-ended series are created. */
export const MATERIALIZE_MONTHS = 24;

/** The event rows of a series' occurrences (ids from `idOf`, default new ones). */
export function occurrenceEvents(
  series: EventSeries,
  starts: readonly Date[],
  idOf: (start: Date) => string = () => newId(),
): Event[] {
  return starts.map((start) => {
    const id = idOf(start);
    const event = Object.assign(new Event(), {
      id,
      title: series.title,
      description: series.description,
      kind: series.kind,
      status: EventStatus.SCHEDULED,
      attendanceMode: series.attendanceMode,
      start,
      end: new Date(start.getTime() + series.durationMinutes * 60_000),
      timezone: series.timezone,
      language: series.language,
      icalUid: icalUidFor(id),
      sequence: 0,
      seriesId: series.id,
      recurrenceId: start,
      ecosystemId: series.ecosystemId,
      callId: null,
      placeName: null,
      address: addressColumns(null),
      virtualUrl: series.virtualUrl,
      virtualPlatform: null,
      maxCapacity: null,
      seatsTaken: 0,
      registrationTicket: 0,
      registrationRequired: false,
      registrationOpensAt: null,
      registrationClosesAt: null,
      membersOnly: false,
      priceAmount: null,
      priceCurrency: null,
      registrationUrl: null,
      keywords: [],
      createdAt: series.createdAt,
      updatedAt: series.updatedAt,
    } satisfies Omit<Event, 'fold' | 'searchText'>);
    event.fold();
    return event;
  });
}

/** Recurring series: validation of the rule and creation of its occurrences as events. */
export class SeriesService {
  constructor(private readonly dataSource: DataSource) {}

  async create(input: CreateSeriesInput, viewer: Viewer | null, now = new Date()): Promise<EventSeries> {
    assertCanOrganise(viewer, [input.organizerId]);
    parseRrule(input.rrule, 'input.rrule');
    if (!isValidZone(input.timezone)) throw new BadUserInputError('Unknown IANA time zone', 'input.timezone');
    const horizon = new Date(now);
    horizon.setUTCMonth(horizon.getUTCMonth() + MATERIALIZE_MONTHS);
    const series = Object.assign(new EventSeries(), {
      id: newId(),
      title: input.title.trim(),
      description: input.description ?? null,
      kind: input.kind,
      attendanceMode: input.attendanceMode,
      organizerId: input.organizerId,
      ecosystemId: input.ecosystemId ?? null,
      rrule: input.rrule.replace(/^RRULE:/i, '').trim(),
      exdateList: [...new Set(input.exdates)].sort(),
      dtstart: input.dtstart,
      durationMinutes: input.durationMinutes,
      timezone: input.timezone,
      language: input.language,
      virtualUrl: input.virtualUrl ?? null,
      sequence: 0,
      materializedUntil: horizon,
      createdAt: now,
      updatedAt: now,
    });
    series.icalUid = icalUidFor(series.id);
    const starts = expandOccurrences(
      { dtstart: series.dtstart, rrule: series.rrule, exdates: series.exdateList, timezone: series.timezone },
      series.dtstart,
      horizon,
    );
    if (starts.length === 0) throw new BadUserInputError('The rule gives no occurrence in the next 24 months', 'input.rrule');
    if (starts.length >= MAX_OCCURRENCES) throw new BadUserInputError(`A series may have at most ${MAX_OCCURRENCES - 1} occurrences ahead`, 'input.rrule');
    const events = occurrenceEvents(series, starts);
    await runTransaction(this.dataSource, async (manager) => {
      await manager.insert(EventSeries, series);
      await insertChunks(manager, Event, events, 100);
      await insertChunks(manager, EventOrganizer, events.map((e) => Object.assign(new EventOrganizer(), { eventId: e.id, organizationId: series.organizerId, position: 0 })));
    });
    return series;
  }
}

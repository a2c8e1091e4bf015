import { DateTime } from 'luxon';
import { RRule } from 'rrule';
import type {
  Event as SchemaEvent,
  EventAttendanceModeEnumeration,
  EventSeries as SchemaEventSeries,
  EventStatusType,
  ItemList,
  Offer,
  Organization,
  Person,
  Place,
  Schedule,
  VirtualLocation,
  WithContext,
} from 'schema-dts';
import { type EventSpeaker } from '../event/event-speaker.entity';
import { type Event } from '../event/event.entity';
import { AttendanceMode, EventKind, EventStatus } from '../event/event.enums';
import { type EventSeries } from '../series/event-series.entity';

/*
 * schema.org Event / EventSeries JSON-LD, typed with schema-dts so that the compiler refuses a
 * property a type does not have. Organisations and people are referenced by `urn:uuid:<id>` (the
 * members subgraph's ids): the gateway's host adds their names from the graph.
 */

export const SCHEMA_CONTEXT = 'https://schema.org';

const EVENT_STATUS: Record<EventStatus, EventStatusType> = {
  [EventStatus.SCHEDULED]: 'https://schema.org/EventScheduled',
  [EventStatus.CANCELLED]: 'https://schema.org/EventCancelled',
  [EventStatus.POSTPONED]: 'https://schema.org/EventPostponed',
  [EventStatus.RESCHEDULED]: 'https://schema.org/EventRescheduled',
  [EventStatus.MOVED_ONLINE]: 'https://schema.org/EventMovedOnline',
};

const ATTENDANCE_MODE: Record<AttendanceMode, EventAttendanceModeEnumeration> = {
  [AttendanceMode.OFFLINE]: 'https://schema.org/OfflineEventAttendanceMode',
  [AttendanceMode.ONLINE]: 'https://schema.org/OnlineEventAttendanceMode',
  [AttendanceMode.MIXED]: 'https://schema.org/MixedEventAttendanceMode',
};

const uri = (id: string): string => `urn:uuid:${id}`;

const organization = (id: string): Organization => ({ '@type': 'Organization', '@id': uri(id) });
const person = (id: string): Person => ({ '@type': 'Person', '@id': uri(id) });

/** The place of an event: the venue, the online link, or both for a mixed event. */
function locations(event: Event): (Place | VirtualLocation)[] {
  const found: (Place | VirtualLocation)[] = [];
  const hasPlace = Boolean(event.placeName || event.address.street || event.address.city);
  if (hasPlace && event.attendanceMode !== AttendanceMode.ONLINE) {
    found.push({
      '@type': 'Place',
      ...(event.placeName ? { name: event.placeName } : {}),
      address: {
        '@type': 'PostalAddress',
        ...(event.address.street ? { streetAddress: event.address.street } : {}),
        ...(event.address.postalCode ? { postalCode: event.address.postalCode } : {}),
        ...(event.address.city ? { addressLocality: event.address.city } : {}),
        ...(event.address.region ? { addressRegion: event.address.region } : {}),
        ...(event.address.country ? { addressCountry: event.address.country } : {}),
      },
      ...(event.address.latitude !== null && event.address.longitude !== null
        ? { geo: { '@type': 'GeoCoordinates', latitude: event.address.latitude, longitude: event.address.longitude } }
        : {}),
    });
  }
  if (event.virtualUrl && event.attendanceMode !== AttendanceMode.OFFLINE) {
    found.push({ '@type': 'VirtualLocation', url: event.virtualUrl, ...(event.virtualPlatform ? { name: event.virtualPlatform } : {}) });
  }
  return found;
}

/** The registration as an Offer: its price (0 when free), link, opening and whether seats are left. */
function offer(event: Event): Offer {
  const full = event.maxCapacity !== null && event.seatsTaken >= event.maxCapacity;
  return {
    '@type': 'Offer',
    price: event.priceAmount ?? '0',
    priceCurrency: event.priceCurrency ?? 'EUR',
    availability: full ? 'https://schema.org/SoldOut' : 'https://schema.org/InStock',
    ...(event.registrationUrl ? { url: event.registrationUrl } : {}),
    ...(event.registrationOpensAt ? { validFrom: event.registrationOpensAt.toISOString() } : {}),
    ...(event.registrationClosesAt ? { validThrough: event.registrationClosesAt.toISOString() } : {}),
  };
}

/** Local ISO 8601 date-time with offset, as schema.org recommends for startDate/endDate. */
const localTime = (instant: Date, zone: string): string => DateTime.fromJSDate(instant, { zone }).toISO({ suppressMilliseconds: true }) ?? instant.toISOString();

export interface EventParts {
  event: Event;
  organizerIds: string[];
  speakers: EventSpeaker[];
  series: EventSeries | null;
}

/** An event as a schema.org Event (Hackathon for hackathons, EducationEvent for trainings and workshops). */
export function eventJsonLd({ event, organizerIds, speakers, series }: EventParts): SchemaEvent {
  const common = {
    '@id': uri(event.id),
    name: event.title,
    ...(event.description ? { description: event.description } : {}),
    startDate: localTime(event.start, event.timezone),
    endDate: localTime(event.end, event.timezone),
    eventStatus: EVENT_STATUS[event.status],
    eventAttendanceMode: ATTENDANCE_MODE[event.attendanceMode],
    location: locations(event),
    organizer: organizerIds.map(organization),
    performer: [...new Set(speakers.map((s) => s.personId))].map(person),
    offers: offer(event),
    inLanguage: event.language,
    ...(event.membersOnly ? { audience: { '@type': 'Audience' as const, audienceType: 'Members of the ecosystem' } } : {}),
    ...(event.keywords.length ? { keywords: event.keywords.join(', ') } : {}),
    ...(event.maxCapacity !== null
      ? { maximumAttendeeCapacity: event.maxCapacity, remainingAttendeeCapacity: Math.max(0, event.maxCapacity - event.seatsTaken) }
      : {}),
    ...(event.status === EventStatus.RESCHEDULED && event.recurrenceId ? { previousStartDate: localTime(event.recurrenceId, event.timezone) } : {}),
    ...(series ? { superEvent: { '@type': 'EventSeries' as const, '@id': uri(series.id), name: series.title } } : {}),
  };
  if (event.kind === EventKind.HACKATHON) return { '@type': 'Hackathon', ...common };
  if (event.kind === EventKind.TRAINING_SESSION || event.kind === EventKind.WORKSHOP) return { '@type': 'EducationEvent', ...common };
  return { '@type': 'Event', ...common };
}

const WEEKDAYS = ['https://schema.org/Monday', 'https://schema.org/Tuesday', 'https://schema.org/Wednesday', 'https://schema.org/Thursday', 'https://schema.org/Friday', 'https://schema.org/Saturday', 'https://schema.org/Sunday'] as const;
const FREQUENCIES: Partial<Record<number, string>> = { [RRule.YEARLY]: 'P1Y', [RRule.MONTHLY]: 'P1M', [RRule.WEEKLY]: 'P1W', [RRule.DAILY]: 'P1D' };

/** The series' RRULE as a schema.org Schedule (frequency, weekday and week of the month, exceptions). */
export function seriesSchedule(series: EventSeries): Schedule {
  const options = RRule.parseString(series.rrule);
  const start = DateTime.fromJSDate(series.dtstart, { zone: series.timezone });
  const interval = options.interval ?? 1;
  const base = FREQUENCIES[options.freq ?? RRule.MONTHLY] ?? 'P1M';
  const byweekday = ([] as unknown[]).concat(options.byweekday ?? []) as { weekday: number; n?: number }[];
  const weekday = byweekday[0];
  return {
    '@type': 'Schedule',
    repeatFrequency: interval > 1 ? base.replace('1', String(interval)) : base,
    ...(weekday ? { byDay: WEEKDAYS[weekday.weekday] } : {}),
    ...(weekday?.n ? { byMonthWeek: weekday.n } : {}),
    startDate: start.toISODate() ?? undefined,
    ...(options.until ? { endDate: DateTime.fromJSDate(options.until, { zone: 'UTC' }).toISODate() ?? undefined } : {}),
    ...(options.count ? { repeatCount: options.count } : {}),
    startTime: start.toFormat('HH:mm:ss'),
    duration: `PT${series.durationMinutes}M`,
    scheduleTimezone: series.timezone,
    ...(series.exdateList.length ? { exceptDate: series.exdateList } : {}),
  };
}

/** A series as a schema.org EventSeries: its schedule and its occurrences as sub-events. */
export function seriesJsonLd(series: EventSeries, occurrences: SchemaEvent[]): WithContext<SchemaEventSeries> {
  return {
    '@context': SCHEMA_CONTEXT,
    '@type': 'EventSeries',
    '@id': uri(series.id),
    name: series.title,
    ...(series.description ? { description: series.description } : {}),
    organizer: organization(series.organizerId),
    eventAttendanceMode: ATTENDANCE_MODE[series.attendanceMode],
    ...(series.virtualUrl ? { location: { '@type': 'VirtualLocation', url: series.virtualUrl } } : {}),
    inLanguage: series.language,
    eventSchedule: seriesSchedule(series),
    subEvent: occurrences,
  };
}

export function eventDocument(event: SchemaEvent): WithContext<SchemaEvent> {
  return { '@context': SCHEMA_CONTEXT, ...(event as object) } as WithContext<SchemaEvent>;
}

export function eventListDocument(name: string, events: SchemaEvent[]): WithContext<ItemList> {
  return {
    '@context': SCHEMA_CONTEXT,
    '@type': 'ItemList',
    name,
    numberOfItems: events.length,
    itemListElement: events.map((item, index) => ({ '@type': 'ListItem', position: index + 1, item })),
  };
}

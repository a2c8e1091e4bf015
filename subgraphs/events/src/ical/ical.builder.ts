import ical, { foldLines, ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import { DateTime } from 'luxon';
import { type Event } from '../event/event.entity';
import { EventStatus } from '../event/event.enums';
import { type EventSeries } from '../series/event-series.entity';
import { vtimezone } from './vtimezone';

/** Paths of the iCalendar routes (served by the events subgraph, see README). */
export const ICAL_PATHS = {
  event: (id: string): string => `/ical/events/${id}.ics`,
  series: (id: string): string => `/ical/series/${id}.ics`,
  organization: (id: string): string => `/ical/organizations/${id}.ics`,
  feed: (token: string): string => `/ical/feeds/${token}.ics`,
};

const PROD_ID = { company: 'ecosystem-graph', product: 'events', language: 'FR' };

const CONFERENCE_MARKER = 'X-ECOSYSTEM-CONFERENCE';

/**
 * The calendar as RFC 5545 text, with RFC 7986 CONFERENCE properties. ical-generator writes the
 * time zones before the calendar's own properties (REFRESH-INTERVAL, X-PUBLISHED-TTL, NAME, ...)
 * and leaves the lines it is given as they are (CONFERENCE, EXDATE), so the text is unfolded, the
 * calendar properties are moved before the first component (RFC 5545 §3.4), and every line is folded
 * again at 75 octets by ical-generator's own folding (which never splits a UTF-8 character).
 */
export function renderCalendar(calendar: ICalCalendar): string {
  const lines = calendar
    .toString()
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n|\n/)
    .filter((line) => line !== '')
    .map((line) => line.replace(/^X-ECOSYSTEM-CONFERENCE:/, 'CONFERENCE;VALUE=URI;FEATURE=VIDEO:'));
  const calendarProperties: string[] = [];
  const body: string[] = [];
  let depth = 0;
  for (const line of lines) {
    if (line.startsWith('BEGIN:')) depth += 1;
    if (depth === 1 && !line.startsWith('BEGIN:VCALENDAR') && !line.startsWith('END:VCALENDAR')) calendarProperties.push(line);
    else body.push(line);
    if (line.startsWith('END:')) depth -= 1;
  }
  // body[0] is BEGIN:VCALENDAR: the calendar's properties follow it, then the components.
  const ordered = [body[0] ?? 'BEGIN:VCALENDAR', ...calendarProperties, ...body.slice(1)];
  return `${foldLines(ordered.join('\r\n'))}\r\n`;
}

export function newCalendar(name: string): ICalCalendar {
  return ical({
    name,
    prodId: PROD_ID,
    method: ICalCalendarMethod.PUBLISH,
    // No calendar-wide zone: DTSTAMP/CREATED stay in UTC; each VEVENT carries its TZID and the
    // generator adds one VTIMEZONE per zone used.
    timezone: { name: null, generator: vtimezone },
    ttl: 3600,
  });
}

/** schema.org eventStatus -> iCalendar STATUS (RFC 5545 has no "rescheduled": it stays CONFIRMED with a new SEQUENCE). */
function icalStatus(status: EventStatus): ICalEventStatus {
  switch (status) {
    case EventStatus.CANCELLED:
      return ICalEventStatus.CANCELLED;
    case EventStatus.POSTPONED:
      return ICalEventStatus.TENTATIVE;
    case EventStatus.SCHEDULED:
    case EventStatus.RESCHEDULED:
    case EventStatus.MOVED_ONLINE:
      return ICalEventStatus.CONFIRMED;
  }
}

/** A luxon DateTime in the zone: ical-generator formats native Dates in the process' zone, luxon ones in the TZID's. */
function zoned(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone });
}

function location(event: Event): string | null {
  const parts = [event.placeName, event.address.street, [event.address.postalCode, event.address.city].filter(Boolean).join(' '), event.address.country]
    .filter((p): p is string => Boolean(p));
  if (parts.length) return parts.join(', ');
  return event.virtualUrl;
}

/** Adds one event as a VEVENT (its own UID and SEQUENCE, times in its zone). */
export function addEvent(calendar: ICalCalendar, event: Event, options: { uid?: string; recurrenceId?: Date } = {}): void {
  const vevent = calendar.createEvent({
    id: options.uid ?? event.icalUid,
    sequence: event.sequence,
    start: zoned(event.start, event.timezone),
    end: zoned(event.end, event.timezone),
    timezone: event.timezone,
    stamp: event.updatedAt,
    created: event.createdAt,
    lastModified: event.updatedAt,
    summary: event.title,
    description: event.description,
    location: location(event),
    status: icalStatus(event.status),
    categories: [{ name: event.kind }, ...event.keywords.map((name) => ({ name }))],
    ...(options.recurrenceId ? { recurrenceId: zoned(options.recurrenceId, event.timezone) } : {}),
  });
  // RFC 7986 CONFERENCE for the online link (ical-generator only writes X- properties: see renderCalendar).
  if (event.virtualUrl) vevent.x(CONFERENCE_MARKER, event.virtualUrl);
}

/** The EXDATE line of a series: each excluded local day at the series' local time. */
function exdateLine(series: EventSeries): string | null {
  if (!series.exdateList.length) return null;
  const time = DateTime.fromJSDate(series.dtstart, { zone: series.timezone }).toFormat("'T'HHmmss");
  return `EXDATE;TZID=${series.timezone}:${series.exdateList.map((day) => day.replace(/-/g, '') + time).join(',')}`;
}

/**
 * A series as one VEVENT with DTSTART;TZID, RRULE and EXDATE, plus an override (RECURRENCE-ID) for
 * each occurrence that no longer matches the rule (moved, cancelled, shortened).
 */
export function addSeries(calendar: ICalCalendar, series: EventSeries, occurrences: readonly Event[]): void {
  const repeating = [`RRULE:${series.rrule}`, exdateLine(series)].filter(Boolean).join('\n');
  calendar.createEvent({
    id: series.icalUid,
    sequence: series.sequence,
    start: zoned(series.dtstart, series.timezone),
    end: zoned(new Date(series.dtstart.getTime() + series.durationMinutes * 60_000), series.timezone),
    timezone: series.timezone,
    stamp: series.updatedAt,
    created: series.createdAt,
    lastModified: series.updatedAt,
    summary: series.title,
    description: series.description,
    location: series.virtualUrl,
    repeating,
    categories: [{ name: series.kind }],
  });
  for (const occurrence of occurrences) {
    if (!occurrence.recurrenceId) continue;
    const changed =
      occurrence.start.getTime() !== occurrence.recurrenceId.getTime() ||
      occurrence.status !== EventStatus.SCHEDULED ||
      occurrence.end.getTime() - occurrence.start.getTime() !== series.durationMinutes * 60_000;
    if (changed) addEvent(calendar, occurrence, { uid: series.icalUid, recurrenceId: occurrence.recurrenceId });
  }
}

/** The iCalendar identity of events: their UIDs and the URLs of their calendars. */
/** Domain of the iCalendar UIDs of this graph (RFC 5545 recommends a globally unique right-hand side). */
export const ICAL_UID_DOMAIN = 'events.ecosystem-graph.org';

/** The iCalendar UID of an event: derived from its id once, then stored and never changed. */
export function icalUidFor(id: string): string {
  return `${id}@${ICAL_UID_DOMAIN}`;
}

/** Paths of the iCalendar routes (served by the events subgraph, see README). */
export const ICAL_PATHS = {
  event: (id: string): string => `/ical/events/${id}.ics`,
  series: (id: string): string => `/ical/series/${id}.ics`,
  organization: (id: string): string => `/ical/organizations/${id}.ics`,
  feed: (token: string): string => `/ical/feeds/${token}.ics`,
};

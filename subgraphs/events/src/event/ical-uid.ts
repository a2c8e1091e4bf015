/** Domain of the iCalendar UIDs of this graph (RFC 5545 recommends a globally unique right-hand side). */
export const ICAL_UID_DOMAIN = 'events.ecosystem-graph.org';

/** The iCalendar UID of an event: derived from its id once, then stored and never changed. */
export function icalUidFor(id: string): string {
  return `${id}@${ICAL_UID_DOMAIN}`;
}

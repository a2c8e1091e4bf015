import { DateTime } from 'luxon';

/** Whether a zone name is a valid IANA zone. */
export function isValidZone(zone: string): boolean {
  return DateTime.local().setZone(zone).isValid;
}

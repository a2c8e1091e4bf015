import { DateTime } from 'luxon';

function offset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/**
 * VTIMEZONE for a zone, as ical-generator's timezone generator: European zones get the EU rule
 * (last Sunday of March and of October, 01:00 UTC), zones without daylight saving a fixed offset.
 * Other zones with daylight saving get none (clients resolve IANA TZIDs themselves).
 */
export function vtimezone(zone: string): string | null {
  const year = new Date().getUTCFullYear();
  const winter = DateTime.fromObject({ year, month: 1, day: 15 }, { zone, locale: 'en-GB' });
  const summer = DateTime.fromObject({ year, month: 7, day: 15 }, { zone, locale: 'en-GB' });
  if (!winter.isValid) return null;
  const std = winter.offset;
  const dst = summer.offset;
  if (std === dst) {
    return [
      'BEGIN:VTIMEZONE', `TZID:${zone}`, 'BEGIN:STANDARD', 'DTSTART:19700101T000000',
      `TZOFFSETFROM:${offset(std)}`, `TZOFFSETTO:${offset(std)}`, `TZNAME:${winter.offsetNameShort ?? zone}`,
      'END:STANDARD', 'END:VTIMEZONE',
    ].join('\r\n');
  }
  if (!zone.startsWith('Europe/')) return null;
  // Local times of the EU change at 01:00 UTC.
  const springLocal = DateTime.fromObject({ year: 1970, month: 3, day: 29, hour: 1 }, { zone: 'UTC' }).plus({ minutes: std });
  const autumnLocal = DateTime.fromObject({ year: 1970, month: 10, day: 25, hour: 1 }, { zone: 'UTC' }).plus({ minutes: dst });
  return [
    'BEGIN:VTIMEZONE', `TZID:${zone}`, `X-LIC-LOCATION:${zone}`,
    'BEGIN:DAYLIGHT', `TZOFFSETFROM:${offset(std)}`, `TZOFFSETTO:${offset(dst)}`, `TZNAME:${summer.offsetNameShort ?? 'DST'}`,
    `DTSTART:${springLocal.toFormat("yyyyMMdd'T'HHmmss")}`, 'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU', 'END:DAYLIGHT',
    'BEGIN:STANDARD', `TZOFFSETFROM:${offset(dst)}`, `TZOFFSETTO:${offset(std)}`, `TZNAME:${winter.offsetNameShort ?? 'STD'}`,
    `DTSTART:${autumnLocal.toFormat("yyyyMMdd'T'HHmmss")}`, 'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU', 'END:STANDARD',
    'END:VTIMEZONE',
  ].join('\r\n');
}

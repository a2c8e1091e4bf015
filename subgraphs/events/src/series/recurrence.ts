import { BadUserInputError } from '@ecosystem/shared';
import { DateTime } from 'luxon';
import { RRule, type Options } from 'rrule';

/** Every series is planned in this zone unless told otherwise. */
export const DEFAULT_TIMEZONE = 'Europe/Paris';

/** Upper bound on the occurrences one series may produce (and on what is materialised). */
export const MAX_OCCURRENCES = 1000;

export interface RecurrenceSpec {
  /** First occurrence, as an instant; its wall-clock time in `timezone` is the time of every occurrence. */
  dtstart: Date;
  /** RFC 5545 RRULE value without the `RRULE:` prefix, e.g. `FREQ=MONTHLY;BYDAY=-1TH`. */
  rrule: string;
  /** Local calendar days (YYYY-MM-DD) on which the occurrence is skipped (EXDATE). */
  exdates: readonly string[];
  timezone: string;
}

const ALLOWED_PARTS = new Set([
  'FREQ', 'UNTIL', 'COUNT', 'INTERVAL', 'BYSECOND', 'BYMINUTE', 'BYHOUR', 'BYDAY', 'BYMONTHDAY',
  'BYYEARDAY', 'BYWEEKNO', 'BYMONTH', 'BYSETPOS', 'WKST',
]);

/** A wall-clock time as a "floating" Date whose UTC fields are the local fields (rrule.js' own convention). */
function toFloating(instant: Date, zone: string): Date {
  const local = DateTime.fromJSDate(instant, { zone });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

/** Back from a floating Date to the real instant in `zone` (DST-aware; a time in a spring gap moves forward). */
function fromFloating(floating: Date, zone: string): Date {
  return DateTime.fromObject(
    {
      year: floating.getUTCFullYear(),
      month: floating.getUTCMonth() + 1,
      day: floating.getUTCDate(),
      hour: floating.getUTCHours(),
      minute: floating.getUTCMinutes(),
      second: floating.getUTCSeconds(),
    },
    { zone },
  ).toJSDate();
}

/** Checks an RRULE value and returns its parsed options; BAD_USER_INPUT naming `field` if it is not valid. */
export function parseRrule(rrule: string, field = 'input.rrule'): Partial<Options> {
  const value = rrule.replace(/^RRULE:/i, '').trim();
  if (!value || value.length > 500 || /[\r\n]/.test(value)) throw new BadUserInputError('Invalid RRULE', field);
  const parts = value.split(';').map((part) => part.split('='));
  for (const [name, val] of parts) {
    if (!name || !val || !ALLOWED_PARTS.has(name.toUpperCase())) {
      throw new BadUserInputError(`Invalid RRULE part "${name ?? ''}"`, field);
    }
  }
  if (!parts.some(([name]) => name?.toUpperCase() === 'FREQ')) throw new BadUserInputError('RRULE needs FREQ', field);
  try {
    const options = RRule.parseString(value);
    // Building the rule validates the values (weekdays, numbers).
    new RRule({ ...options, dtstart: new Date(Date.UTC(2020, 0, 1)) }).all((_, i) => i < 1);
    return options;
  } catch {
    throw new BadUserInputError('Invalid RRULE', field);
  }
}

/**
 * Expands a series into occurrence start instants within [from, to), in order. The rule is
 * evaluated on local wall-clock times in the series' zone and each occurrence converted to an
 * instant afterwards, so 11:00 stays 11:00 in Paris across daylight-saving changes (10:00Z in
 * winter, 09:00Z in summer). EXDATE days are removed.
 */
export function expandOccurrences(spec: RecurrenceSpec, from?: Date, to?: Date): Date[] {
  const options = parseRrule(spec.rrule);
  const zone = spec.timezone;
  if (options.until) {
    // An RRULE UNTIL is a UTC instant (RFC 5545 with a TZID DTSTART); compare it on the same floating scale.
    options.until = toFloating(options.until, zone);
  }
  const rule = new RRule({ ...options, dtstart: toFloating(spec.dtstart, zone), tzid: null });
  const excluded = new Set(spec.exdates);
  const day = 24 * 3600 * 1000;
  const lower = from ? new Date(toFloating(from, zone).getTime() - day) : undefined;
  const upper = to ? new Date(toFloating(to, zone).getTime() + day) : undefined;
  const result: Date[] = [];
  rule.all((floating, index) => {
    if (index >= MAX_OCCURRENCES) return false;
    if (upper && floating > upper) return false;
    if (lower && floating < lower) return true;
    if (excluded.has(floating.toISOString().slice(0, 10))) return true;
    const instant = fromFloating(floating, zone);
    if ((!from || instant >= from) && (!to || instant < to)) result.push(instant);
    return true;
  });
  return result;
}

/** The local calendar day (YYYY-MM-DD) of an instant in a zone. */
export function localDay(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/** An instant from a local wall-clock time in a zone, e.g. `localInstant('2021-03-25T11:00', 'Europe/Paris')`. */
export function localInstant(isoLocal: string, zone: string = DEFAULT_TIMEZONE): Date {
  return DateTime.fromISO(isoLocal, { zone }).toJSDate();
}

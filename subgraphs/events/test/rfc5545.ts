import ICAL from 'ical.js';
import ical from 'node-ical';

/*
 * What the iCalendar tests assert: RFC 5545's content-line and structure rules, checked on the
 * bytes served, and the verdict of two independent parsers (ical.js and node-ical).
 */

export interface Rfc5545Verdict {
  /** Problems found, each naming the line (1-based) and the rule; empty when the text conforms. */
  problems: string[];
  /** Physical lines longer than 75 octets (RFC 5545 §3.1). */
  longLines: number;
}

/** Calendar properties that RFC 5545 and RFC 7986 define, which must come before the first component. */
const COMPONENTS = new Set(['VEVENT', 'VTODO', 'VJOURNAL', 'VFREEBUSY', 'VTIMEZONE', 'VALARM', 'STANDARD', 'DAYLIGHT']);

export function checkRfc5545(body: Buffer): Rfc5545Verdict {
  const problems: string[] = [];
  const text = body.toString('utf8');
  if (Buffer.compare(Buffer.from(text, 'utf8'), body) !== 0) problems.push('not valid UTF-8');
  if (!text.endsWith('\r\n')) problems.push('the last line does not end with CRLF');
  const physical = text.split('\r\n');
  if (physical[physical.length - 1] === '') physical.pop();
  let longLines = 0;
  const logical: { text: string; line: number }[] = [];
  physical.forEach((line, index) => {
    const octets = Buffer.byteLength(line, 'utf8');
    if (octets > 75) {
      longLines += 1;
      problems.push(`line ${index + 1}: ${octets} octets (more than 75, not folded)`);
    }
    if (/[\r\n]/.test(line)) problems.push(`line ${index + 1}: bare CR or LF inside a line`);
    if (line.includes('\uFFFD')) problems.push(`line ${index + 1}: a UTF-8 sequence split by folding`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      const previous = logical[logical.length - 1];
      if (!previous) problems.push(`line ${index + 1}: continuation without a line to continue`);
      else previous.text += line.slice(1);
    } else {
      logical.push({ text: line, line: index + 1 });
    }
  });
  // Folding must not cut a multi-octet character: each physical line is valid UTF-8 on its own.
  const raw = body.toString('latin1').split('\r\n');
  raw.forEach((line, index) => {
    const bytes = Buffer.from(line, 'latin1');
    if (Buffer.compare(Buffer.from(bytes.toString('utf8'), 'utf8'), bytes) !== 0) problems.push(`line ${index + 1}: folded inside a UTF-8 character`);
  });

  const stack: string[] = [];
  let seenComponent = false;
  const calendarProperties = new Set<string>();
  const eventProperties: Set<string>[] = [];
  for (const { text: line, line: number } of logical) {
    const name = /^([A-Za-z0-9-]+)[;:]/.exec(line)?.[1]?.toUpperCase();
    if (!name) {
      problems.push(`line ${number}: not a content line`);
      continue;
    }
    const value = line.slice(line.indexOf(':') + 1);
    if (name === 'BEGIN') {
      if (stack.length === 0 && value !== 'VCALENDAR') problems.push(`line ${number}: ${value} outside VCALENDAR`);
      if (stack.length === 1 && COMPONENTS.has(value)) seenComponent = true;
      if (value === 'VEVENT') eventProperties.push(new Set());
      stack.push(value);
    } else if (name === 'END') {
      const open = stack.pop();
      if (open !== value) problems.push(`line ${number}: END:${value} closes ${open ?? 'nothing'}`);
    } else if (stack.length === 1) {
      if (seenComponent) problems.push(`line ${number}: calendar property ${name} after a component`);
      calendarProperties.add(name);
    } else if (stack[stack.length - 1] === 'VEVENT') {
      eventProperties[eventProperties.length - 1]?.add(name);
    }
  }
  if (stack.length) problems.push(`unclosed ${stack.join(' > ')}`);
  for (const required of ['VERSION', 'PRODID']) if (!calendarProperties.has(required)) problems.push(`no ${required}`);
  eventProperties.forEach((properties, index) => {
    for (const required of ['UID', 'DTSTAMP', 'DTSTART']) if (!properties.has(required)) problems.push(`VEVENT ${index + 1}: no ${required}`);
  });
  return { problems, longLines };
}

export interface ParsedEvent {
  uid: string;
  status: string | null;
  sequence: number;
  summary: string;
  recurrenceId: boolean;
}

/** The VEVENTs as ical.js reads them (it throws on a malformed calendar). */
export function parseWithIcalJs(text: string): ParsedEvent[] {
  const component = new ICAL.Component(ICAL.parse(text));
  return component.getAllSubcomponents('vevent').map((vevent) => ({
    uid: String(vevent.getFirstPropertyValue('uid')),
    status: (vevent.getFirstPropertyValue('status') as string | null) ?? null,
    sequence: Number(vevent.getFirstPropertyValue('sequence') ?? 0),
    summary: String(vevent.getFirstPropertyValue('summary')),
    recurrenceId: vevent.hasProperty('recurrence-id'),
  }));
}

/** The VEVENTs as node-ical reads them (overrides are attached to their series by UID). */
export function parseWithNodeIcal(text: string): ParsedEvent[] {
  const parsed = ical.sync.parseICS(text);
  return Object.values(parsed)
    .filter((c): c is ical.VEvent => c?.type === 'VEVENT')
    .map((e) => ({
      uid: e.uid,
      status: (e.status as string | undefined) ?? null,
      sequence: Number(e.sequence ?? 0),
      summary: typeof e.summary === 'string' ? e.summary : String((e.summary as { val?: string } | undefined)?.val ?? ''),
      recurrenceId: Boolean(e.recurrenceid),
    }));
}

import { demoId, Role } from '@ecosystem/shared';
import { MEETMYDATA } from '../src/seed/demo-events';
import { seedEventsDemo } from '../src/seed/seed-demo';
import { admin, CREATE_EVENT, eventInput, logger, member, organiser, startHarness, type Harness } from './harness';
import { checkRfc5545, parseWithIcalJs, parseWithNodeIcal, type ParsedEvent } from './rfc5545';

/*
 * Every iCalendar feed checked by RFC 5545's line and structure rules and read by two parsers
 * (ical.js, node-ical); cancelling and postponing an event show in the feeds with a new SEQUENCE.
 */
let h: Harness;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  h = await startHarness('events-ical-conformance', (db) => seedEventsDemo(db.dataSource, logger).then(() => undefined));
  const running = await h.server.listen(0, '127.0.0.1');
  base = running.url;
  close = running.close;
});
afterAll(async () => {
  await close();
  await h.close();
});

async function feed(path: string): Promise<{ body: Buffer; text: string }> {
  const response = await fetch(`${base}${path}`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
  const body = Buffer.from(await response.arrayBuffer());
  return { body, text: body.toString('utf8') };
}

/** Both parsers read the same events (UID, STATUS, SEQUENCE) from the text. */
function parsedByBoth(text: string): ParsedEvent[] {
  const key = (e: ParsedEvent): string => `${e.uid}|${e.recurrenceId}|${e.status}|${e.sequence}`;
  const icalJs = parseWithIcalJs(text);
  const nodeIcal = parseWithNodeIcal(text);
  // node-ical folds a series' overrides into the series' entry: compare the events that are not overrides.
  expect(nodeIcal.map(key).sort()).toEqual(icalJs.filter((e) => !e.recurrenceId).map(key).sort());
  return icalJs;
}

const seriesId = demoId('series', MEETMYDATA.key);
const campus = demoId('organization', 'parisante-campus');

describe('iCalendar feeds by RFC 5545', () => {
  const feeds = (): string[] => [`/ical/series/${seriesId}.ics`, `/ical/organizations/${campus}.ics`, `/ical/organizations/${demoId('organization', 'medicen')}.ics`];

  it('folds every line at 75 octets, puts calendar properties before components, and parses with ical.js and node-ical', async () => {
    const first = await h.run<{ events: { edges: { node: { id: string } }[] } }>(`{ events(first: 5) { edges { node { id } } } }`);
    const events = (first.data?.events.edges ?? []).map((e) => `/ical/events/${e.node.id}.ics`);
    // A person's private feed of registrations (the most registered person of the demo).
    const [busiest] = (await h.db.dataSource.query(
      'SELECT personId FROM registration GROUP BY personId ORDER BY COUNT(*) DESC, personId LIMIT 1',
    )) as { personId: string }[];
    const created = await h.run<{ createCalendarFeed: { path: string } }>(
      /* GraphQL */ `mutation { createCalendarFeed { path } }`,
      {},
      { sub: busiest?.personId as string, roles: [Role.MEMBER] },
    );
    const personal = created.data?.createCalendarFeed.path as string;
    let vevents = 0;
    for (const path of [...events, ...feeds(), personal]) {
      const { body, text } = await feed(path);
      expect({ path, problems: checkRfc5545(body).problems }).toEqual({ path, problems: [] });
      vevents += parsedByBoth(text).length;
    }
    expect(vevents).toBeGreaterThan(100);
  });

  it('writes REFRESH-INTERVAL and X-PUBLISHED-TTL among the calendar properties, before VTIMEZONE', async () => {
    const { text } = await feed(`/ical/series/${seriesId}.ics`);
    const lines = text.split('\r\n');
    const firstComponent = lines.findIndex((l) => l.startsWith('BEGIN:V') && l !== 'BEGIN:VCALENDAR');
    expect(lines.findIndex((l) => l.startsWith('REFRESH-INTERVAL;VALUE=DURATION:'))).toBeLessThan(firstComponent);
    expect(lines.findIndex((l) => l.startsWith('X-PUBLISHED-TTL:'))).toBeLessThan(firstComponent);
    expect(lines[firstComponent]).toBe('BEGIN:VTIMEZONE');
  });

  it('folds long UTF-8 text without cutting a character', async () => {
    const title = 'Séminaire « données de santé » : éthique, qualité, interopérabilité — ’accès’ ✓ '.repeat(3).trim();
    const created = await h.run<{ createEvent: { id: string } }>(CREATE_EVENT, { input: eventInput({ title, description: 'é'.repeat(200) }) }, organiser);
    expect(created.errors).toBeUndefined();
    const { body, text } = await feed(`/ical/events/${created.data?.createEvent.id}.ics`);
    expect(checkRfc5545(body).problems).toEqual([]);
    expect(parsedByBoth(text)[0]?.summary).toBe(title);
  });
});

describe('cancelling and postponing an event, reflected in the feeds', () => {
  const STATUS = /* GraphQL */ `query ($id: ID!) { event(id: $id) { status sequence } }`;
  const POSTPONE = /* GraphQL */ `mutation ($id: ID!) { postponeEvent(id: $id) { status sequence } }`;
  const CANCEL = /* GraphQL */ `mutation ($id: ID!) { cancelEvent(id: $id) { status sequence } }`;
  const RESCHEDULE = /* GraphQL */ `mutation ($id: ID!, $start: DateTime!, $end: DateTime!) { rescheduleEvent(id: $id, start: $start, end: $end) { status sequence } }`;

  async function newEvent(): Promise<string> {
    const created = await h.run<{ createEvent: { id: string } }>(CREATE_EVENT, { input: eventInput() }, organiser);
    return created.data?.createEvent.id as string;
  }
  const statusIn = async (path: string): Promise<{ status: string | null; sequence: number }> => {
    const { body, text } = await feed(path);
    expect(checkRfc5545(body).problems).toEqual([]);
    const [event] = parsedByBoth(text);
    return { status: event?.status ?? null, sequence: event?.sequence ?? -1 };
  };

  it('postpones (TENTATIVE), reschedules (CONFIRMED) and cancels (CANCELLED), SEQUENCE + 1 each time', async () => {
    const id = await newEvent();
    const path = `/ical/events/${id}.ics`;
    expect(await statusIn(path)).toEqual({ status: 'CONFIRMED', sequence: 0 });

    const postponed = await h.run<{ postponeEvent: { status: string; sequence: number } }>(POSTPONE, { id }, organiser);
    expect(postponed.data?.postponeEvent).toEqual({ status: 'POSTPONED', sequence: 1 });
    expect(await statusIn(path)).toEqual({ status: 'TENTATIVE', sequence: 1 });

    const start = new Date(Date.now() + 60 * 86_400_000);
    const moved = await h.run<{ rescheduleEvent: { status: string; sequence: number } }>(
      RESCHEDULE,
      { id, start: start.toISOString(), end: new Date(start.getTime() + 3_600_000).toISOString() },
      organiser,
    );
    expect(moved.data?.rescheduleEvent).toEqual({ status: 'RESCHEDULED', sequence: 2 });
    expect(await statusIn(path)).toEqual({ status: 'CONFIRMED', sequence: 2 });

    const cancelled = await h.run<{ cancelEvent: { status: string; sequence: number } }>(CANCEL, { id }, organiser);
    expect(cancelled.data?.cancelEvent).toEqual({ status: 'CANCELLED', sequence: 3 });
    expect(await statusIn(path)).toEqual({ status: 'CANCELLED', sequence: 3 });

    // The organisation's feed says the same.
    const { text } = await feed(`/ical/organizations/${demoId('organization', 'medicen')}.ics`);
    const uid = (await h.run<{ event: { icalUid: string } }>(`query ($id: ID!) { event(id: $id) { icalUid } }`, { id })).data?.event.icalUid;
    expect(parsedByBoth(text).find((e) => e.uid === uid)).toMatchObject({ status: 'CANCELLED', sequence: 3 });

    // A cancelled event cannot be postponed.
    const again = await h.run(POSTPONE, { id }, organiser);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE_TRANSITION', from: 'CANCELLED' });
    expect((await h.run<{ event: { sequence: number } }>(STATUS, { id })).data?.event.sequence).toBe(3);
  });

  it('lets only the organisers and admins postpone, and refuses an unknown id with the field named', async () => {
    const id = await newEvent();
    const refused = await h.run(POSTPONE, { id }, member(1));
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await h.run(POSTPONE, { id }, null);
    expect(anonymous.errors?.[0]?.extensions?.code).toMatch(/UNAUTHENTICATED|FORBIDDEN/);
    expect((await h.run<{ event: { status: string; sequence: number } }>(STATUS, { id })).data?.event).toEqual({ status: 'SCHEDULED', sequence: 0 });
    const byAdmin = await h.run<{ postponeEvent: { status: string } }>(POSTPONE, { id }, admin);
    expect(byAdmin.data?.postponeEvent.status).toBe('POSTPONED');
    const unknown = await h.run(POSTPONE, { id: '00000000-0000-4000-8000-000000000000' }, admin);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', field: 'id' });
    const malformed = await h.run(POSTPONE, { id: 'x'.repeat(5000) }, admin);
    expect(malformed.errors?.[0]?.extensions).toMatchObject({ code: expect.stringMatching(/NOT_FOUND|BAD_USER_INPUT/), field: 'id' });
  });
});

import { demoId, type Viewer } from '@ecosystem/shared';
import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import { MEETMYDATA } from '../src/seed/demo-events';
import { seedEventsDemo } from '../src/seed/seed-demo';
import { CREATE_EVENT, countRows, eventInput, logger, member, MEDICEN, organiser, startHarness, type Harness } from './harness';

let h: Harness;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  h = await startHarness('events-series-ical', (db) => seedEventsDemo(db.dataSource, logger).then(() => undefined));
  const running = await h.server.listen(0, '127.0.0.1');
  base = running.url;
  close = running.close;
});
afterAll(async () => {
  await close();
  await h.close();
});

interface Occurrence {
  id: string;
  start: Date | string;
  end: Date | string;
  presentedDatasets: { id: string }[];
}

const OCCURRENCES = /* GraphQL */ `
  query ($id: ID!, $from: DateTime, $to: DateTime, $after: String) {
    eventSeries(id: $id) {
      id rrule exdates timezone icalUrl
      occurrences(from: $from, to: $to, first: 100, after: $after) {
        totalCount
        edges { node { id start end presentedDatasets { id } speakers { role } } }
        pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

async function occurrences(seriesId: string, from?: string, to?: string): Promise<Occurrence[]> {
  const all: Occurrence[] = [];
  let after: string | null = null;
  do {
    const result: Awaited<ReturnType<typeof h.run<{ eventSeries: { occurrences: { edges: { node: Occurrence }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } }>>> =
      await h.run(OCCURRENCES, { id: seriesId, from, to, after });
    const page = result.data?.eventSeries.occurrences;
    if (!page) throw new Error(JSON.stringify(result.errors));
    all.push(...page.edges.map((e) => e.node));
    after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
  } while (after);
  return all;
}

async function fetchCalendar(path: string): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

function vevents(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

/** Expands every recurring VEVENT of a calendar with node-ical (independent of rrule.js use in the subgraph). */
function expandWithNodeIcal(text: string, from: Date, to: Date): number[] {
  const master = vevents(text).find((e) => e.rrule);
  if (!master) throw new Error('no recurring VEVENT');
  return ical.expandRecurringEvent(master, { from, to }).map((instance) => new Date(instance.start).getTime()).sort((a, b) => a - b);
}

describe('MeetMyData recurrence (FREQ=MONTHLY;BYDAY=-1TH, Europe/Paris)', () => {
  it.each([2022, 2023, 2024])('puts every %i session on the month\u2019s last Thursday at 11:00 Paris time, across DST', async (year) => {
    const sessions = await occurrences(MEETMYDATA.id, `${year}-01-01T00:00:00+01:00`, `${year + 1}-01-01T00:00:00+01:00`);
    const months = sessions.map((s) => DateTime.fromJSDate(new Date(s.start), { zone: 'Europe/Paris' }));
    // 2022 has the August exception.
    expect(sessions).toHaveLength(year === 2022 ? 11 : 12);
    for (const local of months) {
      expect(local.weekday).toBe(4);
      expect(local.plus({ days: 7 }).month).not.toBe(local.month);
      expect(local.toFormat('HH:mm')).toBe('11:00');
      expect(local.year).toBe(year);
    }
    // 11:00 Paris is 10:00Z in winter (CET) and 09:00Z in summer (CEST).
    const utcHours = sessions.map((s) => new Date(s.start).getUTCHours());
    expect(utcHours[0]).toBe(10); // January
    expect(utcHours[5]).toBe(9); // June
    expect(utcHours.at(-1)).toBe(10); // December
    for (const session of sessions) {
      expect(new Date(session.end).getTime() - new Date(session.start).getTime()).toBe(3600_000);
    }
  });

  it('leaves out the EXDATEs (30 Dec 2021, 25 Aug 2022) and lets each occurrence carry its own datasets and speakers', async () => {
    const { data } = await h.run<{ eventSeries: { exdates: string[]; rrule: string; timezone: string } }>(OCCURRENCES, { id: MEETMYDATA.id, from: '2021-12-01T00:00:00Z', to: '2021-12-02T00:00:00Z' });
    expect(data?.eventSeries).toMatchObject({ rrule: 'FREQ=MONTHLY;BYDAY=-1TH', exdates: ['2021-12-30', '2022-08-25'], timezone: 'Europe/Paris' });
    const all = await occurrences(MEETMYDATA.id);
    const days = all.map((s) => DateTime.fromJSDate(new Date(s.start), { zone: 'Europe/Paris' }).toISODate());
    expect(days[0]).toBe('2021-03-25');
    expect(days).not.toContain('2021-12-30');
    expect(days).not.toContain('2022-08-25');
    expect(days).toContain('2022-09-29');
    const datasetSets = new Set(all.map((s) => s.presentedDatasets.map((d) => d.id).join(',')));
    expect(datasetSets.size).toBeGreaterThan(30);
  });

  it('publishes RRULE, EXDATE and VTIMEZONE whose independent expansion (node-ical) matches the graph\u2019s occurrences', async () => {
    const { status, text, type } = await fetchCalendar(`/ical/series/${MEETMYDATA.id}.ics`);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/calendar/);
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('DTSTART;TZID=Europe/Paris:20210325T110000');
    expect(text).toContain('RRULE:FREQ=MONTHLY;BYDAY=-1TH');
    expect(text).toContain('EXDATE;TZID=Europe/Paris:20211230T110000,20220825T110000');
    expect(text).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Europe\/Paris/);
    const from = new Date('2021-01-01T00:00:00Z');
    const to = new Date('2026-12-31T23:59:59Z');
    const expanded = expandWithNodeIcal(text, from, to);
    const graph = (await occurrences(MEETMYDATA.id, from.toISOString(), to.toISOString())).map((s) => new Date(s.start).getTime());
    expect(graph.length).toBeGreaterThan(60);
    expect(expanded.map((t) => new Date(t).toISOString())).toEqual(graph.map((t) => new Date(t).toISOString()));
  });
});

describe('createSeries', () => {
  const CREATE_SERIES = /* GraphQL */ `
    mutation ($input: CreateSeriesInput!) {
      createSeries(input: $input) { id title rrule exdates icalUrl organizer { id } }
    }
  `;
  const weekly = {
    title: 'Café data du dimanche',
    organizerId: MEDICEN,
    dtstart: '2027-03-07T09:00:00+01:00',
    rrule: 'FREQ=WEEKLY;BYDAY=SU;COUNT=8',
    exdates: ['2027-03-21'],
    durationMinutes: 90,
    virtualUrl: 'https://live.example.org/cafe',
  };

  it('creates the occurrences of a weekly rule across the spring DST change, without the EXDATE, matching node-ical', async () => {
    const { data, errors } = await h.run<{ createSeries: { id: string; icalUrl: string } }>(CREATE_SERIES, { input: weekly }, organiser);
    expect(errors).toBeUndefined();
    const id = data!.createSeries.id;
    const sessions = await occurrences(id);
    // COUNT=8 counts the excluded day (RFC 5545): 7 occurrences.
    expect(sessions).toHaveLength(7);
    const local = sessions.map((s) => DateTime.fromJSDate(new Date(s.start), { zone: 'Europe/Paris' }));
    expect(local.map((l) => l.toFormat('yyyy-MM-dd HH:mm'))).toEqual([
      '2027-03-07 09:00', '2027-03-14 09:00', '2027-03-28 09:00', '2027-04-04 09:00', '2027-04-11 09:00', '2027-04-18 09:00', '2027-04-25 09:00',
    ]);
    // 28 March 2027 is the first Sunday of summer time.
    expect(sessions.map((s) => new Date(s.start).toISOString().slice(11, 16))).toEqual(['08:00', '08:00', '07:00', '07:00', '07:00', '07:00', '07:00']);
    const { text } = await fetchCalendar(data!.createSeries.icalUrl);
    const expanded = expandWithNodeIcal(text, new Date('2027-01-01T00:00:00Z'), new Date('2027-12-31T00:00:00Z'));
    expect(expanded.map((t) => new Date(t).toISOString())).toEqual(sessions.map((s) => new Date(s.start).toISOString()));
  });

  it('refuses an invalid rule or a non-organiser before writing anything', async () => {
    const before = [await countRows(h.db, 'event_series'), await countRows(h.db, 'event')];
    const bad = await h.run(CREATE_SERIES, { input: { ...weekly, rrule: 'FREQ=SOMETIMES' } }, organiser);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.rrule' });
    const badZone = await h.run(CREATE_SERIES, { input: { ...weekly, timezone: 'Mars/Olympus' } }, organiser);
    expect(badZone.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.timezone' });
    const notOrganiser = await h.run(CREATE_SERIES, { input: weekly }, member(1));
    expect(notOrganiser.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherOrg = await h.run(CREATE_SERIES, { input: { ...weekly, organizerId: demoId('organization', 'inserm') } }, organiser);
    expect(otherOrg.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect([await countRows(h.db, 'event_series'), await countRows(h.db, 'event')]).toEqual(before);
  });
});

describe('iCalendar export of events and feeds', () => {
  it('exports one event and bumps SEQUENCE on reschedule and cancellation', async () => {
    const created = await h.run<{ createEvent: { id: string; icalUid: string; sequence: number } }>(CREATE_EVENT, { input: eventInput() }, organiser);
    const event = created.data!.createEvent;
    expect(event.sequence).toBe(0);
    const first = vevents((await fetchCalendar(`/ical/events/${event.id}.ics`)).text)[0]!;
    expect(first.uid).toBe(event.icalUid);
    expect(Number(first.sequence)).toBe(0);

    const start = new Date(Date.now() + 14 * 86400_000);
    start.setUTCHours(13, 0, 0, 0);
    const end = new Date(start.getTime() + 3600_000);
    const moved = await h.run<{ rescheduleEvent: { status: string; sequence: number } }>(
      /* GraphQL */ `mutation ($id: ID!, $start: DateTime!, $end: DateTime!) { rescheduleEvent(id: $id, start: $start, end: $end) { status sequence } }`,
      { id: event.id, start: start.toISOString(), end: end.toISOString() },
      organiser,
    );
    expect(moved.data?.rescheduleEvent).toEqual({ status: 'RESCHEDULED', sequence: 1 });
    const second = vevents((await fetchCalendar(`/ical/events/${event.id}.ics`)).text)[0]!;
    expect(second.uid).toBe(event.icalUid);
    expect(Number(second.sequence)).toBe(1);
    expect(new Date(second.start).toISOString()).toBe(start.toISOString());

    await h.run(/* GraphQL */ `mutation ($id: ID!) { cancelEvent(id: $id) { status } }`, { id: event.id }, organiser);
    const third = vevents((await fetchCalendar(`/ical/events/${event.id}.ics`)).text)[0]!;
    expect(third.status).toBe('CANCELLED');
    expect(Number(third.sequence)).toBe(2);
    const again = await h.run(/* GraphQL */ `mutation ($id: ID!, $start: DateTime!, $end: DateTime!) { rescheduleEvent(id: $id, start: $start, end: $end) { status } }`, { id: event.id, start: start.toISOString(), end: end.toISOString() }, organiser);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE_TRANSITION', from: 'CANCELLED' });
  });

  it('exports an organisation\u2019s events: every event Query.events lists for the organiser', async () => {
    const campus = demoId('organization', 'parisante-campus');
    const { text } = await fetchCalendar(`/ical/organizations/${campus}.ics`);
    // The feed has them all; Organization.organizedEvents is a window (at most 200), so page through Query.events.
    const listed: string[] = [];
    let after: string | null = null;
    do {
      type Page = { events: { edges: { node: { icalUid: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      const variables: Record<string, unknown> = { organizerId: campus, after };
      const { data }: { data?: Page | null } = await h.run<Page>(
        /* GraphQL */ `query ($organizerId: ID!, $after: String) { events(filter: { organizerId: $organizerId }, first: 200, after: $after) { edges { node { icalUid } } pageInfo { hasNextPage endCursor } } }`,
        variables,
      );
      listed.push(...data!.events.edges.map((e) => e.node.icalUid));
      after = data!.events.pageInfo.hasNextPage ? data!.events.pageInfo.endCursor : null;
    } while (after);
    const uids = vevents(text).map((e) => e.uid).sort();
    expect(uids.length).toBeGreaterThan(200);
    expect(uids).toEqual(listed.sort());
  });

  it('serves a person\u2019s registrations behind a private token, until it is revoked', async () => {
    const viewer: Viewer = member(42);
    const created = await h.run<{ createEvent: { id: string; icalUid: string } }>(CREATE_EVENT, { input: eventInput({ title: 'Meetup jumeaux numériques' }) }, organiser);
    await h.run(/* GraphQL */ `mutation ($input: RegisterInput!) { register(input: $input) { id } }`, { input: { eventId: created.data!.createEvent.id } }, viewer);
    const feed = await h.run<{ createCalendarFeed: { token: string; path: string; feed: { id: string } } }>(
      /* GraphQL */ `mutation { createCalendarFeed { token path feed { id createdAt revokedAt } } }`,
      {},
      viewer,
    );
    expect(feed.errors).toBeUndefined();
    const { path, feed: { id } } = feed.data!.createCalendarFeed;
    const ok = await fetchCalendar(path);
    expect(ok.status).toBe(200);
    expect(vevents(ok.text).map((e) => e.uid)).toEqual([created.data!.createEvent.icalUid]);
    // The token is stored hashed only.
    const stored = (await h.db.dataSource.query('SELECT tokenHash FROM calendar_feed WHERE id = ?', [id])) as { tokenHash: string }[];
    expect(stored[0]?.tokenHash).not.toContain(feed.data!.createCalendarFeed.token);
    // Someone else cannot revoke it.
    const foreign = await h.run(/* GraphQL */ `mutation ($id: ID!) { revokeCalendarFeed(id: $id) { id } }`, { id }, member(43));
    expect(foreign.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const revoked = await h.run<{ revokeCalendarFeed: { revokedAt: string | null } }>(
      /* GraphQL */ `mutation ($id: ID!) { revokeCalendarFeed(id: $id) { revokedAt } }`,
      { id },
      viewer,
    );
    expect(revoked.data?.revokeCalendarFeed.revokedAt).toBeTruthy();
    expect((await fetchCalendar(path)).status).toBe(404);
    expect((await fetchCalendar('/ical/feeds/not-a-real-token-at-all-xxxxxxxx.ics')).status).toBe(404);
  });
});

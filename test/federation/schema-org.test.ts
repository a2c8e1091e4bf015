import { demoId } from '@ecosystem/shared';
import { startGraph, type RunningGraph } from '../helpers/graph';
import { schemaDtsProblems, type TypedDocument } from '../helpers/schema-dts-check';

/*
 * The schema.org exports through the gateway's host: Event / EventSeries for events, Course /
 * CourseInstance for training, organisations and people named from the graph; every document
 * type-checked against the schema.org vocabulary (schema-dts) by the TypeScript compiler.
 */
let graph: RunningGraph;
const base = (): string => graph.gatewayUrl.replace(/\/graphql$/, '');

type Node = Record<string, unknown>;

beforeAll(async () => {
  graph = await startGraph('schema-org');
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

async function document(path: string): Promise<Node> {
  const response = await fetch(`${base()}${path}`);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  expect(response.headers.get('content-type')).toMatch(/^application\/ld\+json/);
  return (await response.json()) as Node;
}

/** Every node of a document (depth first), with the documents' nested nodes. */
function nodes(value: unknown, found: Node[] = []): Node[] {
  if (Array.isArray(value)) value.forEach((v) => nodes(v, found));
  else if (value && typeof value === 'object') {
    found.push(value as Node);
    Object.values(value).forEach((v) => nodes(v, found));
  }
  return found;
}

const agents = (doc: unknown): Node[] =>
  nodes(doc).filter((n) => (n['@type'] === 'Organization' || n['@type'] === 'Person') && String(n['@id'] ?? '').startsWith('urn:uuid:'));

const meetMyData = demoId('series', 'meetmydata');

describe('schema.org exports (gateway host)', () => {
  let eventId = '';
  let moduleId = '';
  const typed: TypedDocument[] = [];

  beforeAll(async () => {
    const events = await graph.query<{ events: { edges: { node: { id: string } }[] } }>(
      `{ events(first: 1, filter: { seriesId: "${meetMyData}" }) { edges { node { id } } } }`,
    );
    eventId = events.data?.events.edges[0]?.node.id ?? '';
    const modules = await graph.query<{ modules: { edges: { node: { id: string } }[] } }>(`{ modules(first: 1) { edges { node { id } } } }`);
    moduleId = modules.data?.modules.edges[0]?.node.id ?? '';
  });

  it('serves an event as a schema.org Event: status, attendance mode, location, named organisers, offers', async () => {
    const event = await document(`/jsonld/events/${eventId}`);
    typed.push({ label: `/jsonld/events/${eventId}`, document: event });
    expect(event).toMatchObject({
      '@context': 'https://schema.org',
      '@id': `urn:uuid:${eventId}`,
      eventStatus: expect.stringMatching(/^https:\/\/schema\.org\/Event(Scheduled|Cancelled|Postponed|Rescheduled|MovedOnline)$/),
      eventAttendanceMode: expect.stringMatching(/^https:\/\/schema\.org\/(Offline|Online|Mixed)EventAttendanceMode$/),
      offers: { '@type': 'Offer', priceCurrency: expect.any(String) },
      superEvent: { '@type': 'EventSeries', '@id': `urn:uuid:${meetMyData}` },
    });
    expect((event.location as Node[]).map((l) => l['@type'])).toContain('VirtualLocation');
    const organizers = event.organizer as Node[];
    expect(organizers.length).toBeGreaterThan(0);
    for (const organizer of organizers) expect(organizer.name).toEqual(expect.any(String));
  });

  it('serves the MeetMyData series as an EventSeries with its monthly schedule and occurrences', async () => {
    const series = await document(`/jsonld/series/${meetMyData}`);
    typed.push({ label: `/jsonld/series/${meetMyData}`, document: series });
    expect(series).toMatchObject({
      '@type': 'EventSeries',
      organizer: { '@type': 'Organization', name: 'Medicen Paris Région' },
      eventSchedule: { '@type': 'Schedule', repeatFrequency: 'P1M', byDay: 'https://schema.org/Thursday', byMonthWeek: -1, scheduleTimezone: 'Europe/Paris' },
    });
    expect((series.eventSchedule as Node).exceptDate).toEqual(expect.arrayContaining(['2021-12-30', '2022-08-25']));
    expect((series.subEvent as Node[]).length).toBeGreaterThanOrEqual(36);
  });

  it('lists events at /jsonld/events (with from/to) and refuses a malformed date naming the parameter', async () => {
    const list = await document('/jsonld/events?from=2022-01-01&to=2022-03-01');
    const items = (list.itemListElement as { item: Node }[]).map((e) => e.item);
    expect(items.length).toBeGreaterThan(10);
    expect(list.numberOfItems).toBe(items.length);
    for (const item of items.slice(0, 15)) typed.push({ label: `/jsonld/events item ${String(item['@id'])}`, document: item });
    for (const agent of agents(items)) expect(agent.name).toEqual(expect.any(String));
    const bad = await fetch(`${base()}/jsonld/events?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'from' } });
  });

  it('reads from/to as GraphQL reads EventFilter.from/to: an impossible day or from after to is 400, as GraphQL refuses them', async () => {
    for (const [query, field] of [
      ['from=2027-02-29', 'from'],
      ['to=2026-13-01', 'to'],
      ['from=2024-03-01&to=2024-01-01', 'from'],
    ] as const) {
      const response = await fetch(`${base()}/jsonld/events?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(await response.json()).toEqual({ error: { code: 'BAD_USER_INPUT', message: expect.any(String), field, requestId: response.headers.get('x-request-id') } });
    }
    const viaGraphql = await graph.query(`query ($f: EventFilter) { events(first: 1, filter: $f) { totalCount } }`, { f: { from: '2027-02-29' } });
    expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A plain day as `to` takes the whole day, as in GraphQL.
    const day = await document('/jsonld/events?from=2022-01-01&to=2022-03-01');
    const graphqlDay = await graph.query<{ events: { totalCount: number } }>(
      `{ events(first: 0, filter: { from: "2022-01-01", to: "2022-03-01" }) { totalCount } }`,
    );
    expect(day.numberOfItems).toBeLessThanOrEqual(graphqlDay.data!.events.totalCount);
  });

  it('answers every export error with one JSON shape {"error":{"code","message"}}', async () => {
    const unknown = '00000000-0000-0000-0000-000000000000';
    for (const [path, status, code] of [
      ['/jsonld/modules/not-an-id', 400, 'BAD_USER_INPUT'],
      [`/jsonld/modules/${unknown}`, 404, 'NOT_FOUND'],
      [`/jsonld/events/${unknown}`, 404, 'NOT_FOUND'],
      [`/ical/events/${unknown}.ics`, 404, 'NOT_FOUND'],
      ['/ical/feeds/not-a-token.ics', 404, 'NOT_FOUND'],
      [`/datasets/${unknown}`, 404, 'NOT_FOUND'],
    ] as const) {
      const response = await fetch(`${base()}${path}`);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { error: Record<string, unknown> };
      expect({ path, code: body.error.code, message: typeof body.error.message }).toEqual({ path, code, message: 'string' });
    }
  });

  it('serves a module as a Course: provider on the Course, organizer and instructors on its instances, ISO 8601 workload, named', async () => {
    const course = await document(`/jsonld/modules/${moduleId}`);
    typed.push({ label: `/jsonld/modules/${moduleId}`, document: course });
    expect(course['@type']).toBe('Course');
    expect(course.offers).toMatchObject({ '@type': 'Offer' });
    for (const instance of course.hasCourseInstance as Node[]) {
      expect(instance.provider).toBeUndefined();
      expect(instance.courseWorkload).toMatch(/^PT(\d+H)?(\d+M)?$/);
      expect((instance.organizer as Node).name).toEqual(expect.any(String));
    }
    const catalogue = await document('/jsonld/modules');
    const courses = (catalogue.itemListElement as { item: Node }[]).map((e) => e.item);
    expect(courses.every((c) => c.offers)).toBe(true);
    const named = agents(courses);
    expect(named.length).toBeGreaterThan(0);
    for (const agent of named) expect(agent.name).toEqual(expect.any(String));
    const withSessions = courses.filter((c) => (c.hasCourseInstance as unknown[]).length > 0);
    expect(withSessions.length).toBeGreaterThan(0);
    for (const item of [...withSessions.slice(0, 5), ...courses.slice(0, 5)]) typed.push({ label: `/jsonld/modules item ${String(item.courseCode)}`, document: item });
  });

  it('type-checks every document served against schema.org (schema-dts), and fails a wrong one', () => {
    expect(typed.length).toBeGreaterThan(20);
    expect(schemaDtsProblems(typed)).toEqual([]);
    // The check is not vacuous: provider on a CourseInstance, and eventStatus on a Course, are refused.
    const course = typed.find((t) => t.document['@type'] === 'Course' && (t.document.hasCourseInstance as unknown[]).length > 0);
    expect(course).toBeDefined();
    const broken = structuredClone(course?.document) as Node;
    const instance = (broken.hasCourseInstance as Node[])[0] as Node;
    instance.provider = { '@type': 'Organization', name: 'x' };
    const notAnEvent = { ...(course?.document as Node), eventStatus: 'https://schema.org/EventScheduled' };
    const problems = schemaDtsProblems([
      { label: 'instance with provider', document: broken },
      { label: 'course with eventStatus', document: notAnEvent },
    ]);
    expect(problems).toEqual([
      expect.stringMatching(/^instance with provider: .*'"provider"' does not exist in type 'IdReference \| CourseInstanceLeaf'/),
      expect.stringMatching(/^course with eventStatus: .*'"eventStatus"' does not exist/),
    ]);
  }, 120_000);
});

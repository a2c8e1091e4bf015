import {
  ALL_COLUMNS,
  demoDatasetRefs,
  demoId,
  MAX_PAGE_SIZE,
  recordStatements,
  type TestDatabase,
  type Viewer,
  startSubgraphHarness,
  type SubgraphHarness,
} from '@ecosystem/shared';
import { type EventsContext } from '../src/context';
import { eventsSubgraph } from '../src/definition';
import { EVENT_LIST_DEFAULT_SIZE } from '../src/event/event-window';
import { createLoaders, type EventsLoaders } from '../src/context';
import { type EventWindow } from '../src/event/event.loaders';
import { JOINT_CONFERENCE_ID } from '../src/seed/demo-events';

let h: SubgraphHarness<EventsContext, EventsLoaders>;
let db: TestDatabase;

function run<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, viewer: Viewer | null = null) {
  return h.run<T>(query, variables, viewer);
}

beforeAll(async () => {
  h = await startSubgraphHarness(eventsSubgraph, 'events-int');
  db = h.db;
});

afterAll(async () => {
  await h.close();
});

interface EventNode {
  id: string;
  title: string;
  kind: string;
  start: string;
  end: string;
  attendanceMode: string;
  organizers: { id: string }[];
  presentedDatasets: { id: string }[];
}
interface EventsData {
  events: {
    totalCount: number;
    edges: { cursor: string; node: EventNode }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const EVENTS = /* GraphQL */ `
  query Events($filter: EventFilter, $first: Int, $after: String) {
    events(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id title kind start end attendanceMode organizers { id } presentedDatasets { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;


/** The SQL the test database runs until `restore()`, quotes removed. */
describe('events', () => {
  it('lists the MeetMyData webinars of 2022 on the last Thursday at 11:00 Paris, with Medicen and their datasets', async () => {
    const { data, errors } = await run<EventsData>(EVENTS, {
      filter: { from: '2022-01-01T00:00:00+01:00', to: '2023-01-01T00:00:00+01:00', kinds: ['WEBINAR'] },
      first: 200,
    });
    expect(errors).toBeUndefined();
    const meetings = (data?.events.edges ?? []).map((e) => e.node).filter((n) => n.title.startsWith('MeetMyData'));
    // 12 months minus the August exception.
    expect(meetings).toHaveLength(11);
    const datasetIds = new Set(demoDatasetRefs().map((d) => d.id));
    for (const meeting of meetings) {
      const start = new Date(meeting.start);
      const paris = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Paris', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
      }).format(start);
      expect(paris).toBe('Thu 11:00');
      // Last Thursday: a week later is next month.
      expect(new Date(start.getTime() + 7 * 86400_000).getUTCMonth()).not.toBe(start.getUTCMonth());
      expect(meeting.organizers).toEqual([{ id: demoId('organization', 'medicen') }]);
      expect(meeting.presentedDatasets.length).toBeGreaterThanOrEqual(1);
      expect(meeting.presentedDatasets.length).toBeLessThanOrEqual(2);
      for (const dataset of meeting.presentedDatasets) expect(datasetIds.has(dataset.id)).toBe(true);
    }
  });

  it('finds the joint academy-campus conference of 16 June 2022 with both organisers', async () => {
    const { data, errors } = await run<{ event: EventNode }>(
      /* GraphQL */ `query ($id: ID!) { event(id: $id) { id title kind start organizers { id } } }`,
      { id: JOINT_CONFERENCE_ID },
    );
    expect(errors).toBeUndefined();
    expect(data?.event.kind).toBe('CONFERENCE');
    expect(new Date(data?.event.start ?? 0).toISOString().slice(0, 10)).toBe('2022-06-16');
    expect(data?.event.organizers.map((o) => o.id)).toEqual([demoId('organization', 'leem'), demoId('organization', 'parisante-campus')]);
  });

  it('pages through a filtered list in (start, id) order without gaps or repeats', async () => {
    const seen: EventNode[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: Awaited<ReturnType<typeof run<EventsData>>> = await run<EventsData>(EVENTS, {
        filter: { from: '2023-01-01T00:00:00Z', to: '2024-01-01T00:00:00Z', kinds: ['CONFERENCE', 'WORKSHOP'] },
        first: 25,
        after,
      });
      const page = result.data?.events;
      if (!page) throw new Error(JSON.stringify(result.errors));
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(total).toBeGreaterThan(25);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((e) => e.id)).size).toBe(total);
    const keys = seen.map((e) => `${new Date(e.start).toISOString()}|${e.id}`);
    expect(keys).toEqual([...keys].sort());
    for (const e of seen) expect(['CONFERENCE', 'WORKSHOP']).toContain(e.kind);
  });

  it('refuses from after to, naming the field', async () => {
    const { errors } = await run(EVENTS, { filter: { from: '2024-01-01T00:00:00Z', to: '2023-01-01T00:00:00Z' } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
  });
});

describe('federation and loaders', () => {
  const ENTITIES = /* GraphQL */ `
    query ($reps: [_Any!]!) {
      _entities(representations: $reps) {
        ... on Event { id title organizers { id } presentedDatasets { id } }
        ... on Organization { id organizedEvents { id start } }
        ... on Dataset { id presentedAt { id title } }
      }
    }
  `;

  it('resolves Event references with their organisers and datasets in 3 statements, whatever their number', async () => {
    const ids = (await db.dataSource.query('SELECT id FROM event ORDER BY id LIMIT 80')) as { id: string }[];
    const count = async (n: number): Promise<number> => {
      const reps = ids.slice(0, n).map(({ id }) => ({ __typename: 'Event', id }));
      db.counter.reset();
      const { data, errors } = await run<{ _entities: { id: string }[] }>(ENTITIES, { reps: [...reps, ...reps] });
      expect(errors).toBeUndefined();
      expect(data?._entities.map((e) => e.id)).toEqual([...reps, ...reps].map((r) => r.id));
      return db.counter.total;
    };
    expect(await count(3)).toBe(3);
    expect(await count(80)).toBe(3);
  });

  it('answers Organization.organizedEvents and Dataset.presentedAt in 2 statements each, whatever their number', async () => {
    const orgIds = ['medicen', 'parisante-campus', 'leem', 'inserm', 'health-data-hub'].map((k) => demoId('organization', k));
    const datasetIds = demoDatasetRefs().slice(0, 60).map((d) => d.id);
    const count = async (reps: { __typename: string; id: string }[]): Promise<{ statements: number; data: { id: string; organizedEvents?: unknown[]; presentedAt?: unknown[] }[] }> => {
      db.counter.reset();
      const { data, errors } = await run<{ _entities: { id: string; organizedEvents?: unknown[]; presentedAt?: unknown[] }[] }>(ENTITIES, { reps });
      expect(errors).toBeUndefined();
      return { statements: db.counter.total, data: data?._entities ?? [] };
    };
    const small = await count([{ __typename: 'Organization', id: orgIds[0]! }]);
    const large = await count(orgIds.map((id) => ({ __typename: 'Organization', id })));
    expect(small.statements).toBe(2);
    expect(large.statements).toBe(2);
    // The first EVENT_LIST_DEFAULT_SIZE organised events, by start then id, as SQL sees them: the
    // campus organises hundreds.
    for (const [i, org] of large.data.entries()) {
      const expected = (await db.dataSource.query(
        'SELECT e.id FROM event e INNER JOIN event_organizer o ON o.eventId = e.id WHERE o.organizationId = ? ORDER BY e.startsAt, e.id LIMIT ?',
        [orgIds[i], EVENT_LIST_DEFAULT_SIZE],
      )) as { id: string }[];
      expect((org.organizedEvents as { id: string }[]).map((e) => e.id)).toEqual(expected.map((e) => e.id));
    }
    expect(large.data[1]?.organizedEvents).toHaveLength(EVENT_LIST_DEFAULT_SIZE);
    // An event two of the organisations organise is in both lists.
    const [shared] = (await db.dataSource.query(
      'SELECT eventId FROM event_organizer WHERE organizationId IN (?, ?) GROUP BY eventId HAVING COUNT(*) = 2 LIMIT 1',
      [orgIds[0], orgIds[1]],
    )) as { eventId: string }[];
    if (shared) {
      for (const org of large.data.slice(0, 2)) expect((org.organizedEvents as { id: string }[]).map((e) => e.id)).toContain(shared.eventId);
    }
    const oneDataset = await count([{ __typename: 'Dataset', id: datasetIds[0]! }]);
    const manyDatasets = await count(datasetIds.map((id) => ({ __typename: 'Dataset', id })));
    expect(oneDataset.statements).toBe(2);
    expect(manyDatasets.statements).toBe(2);
    expect(manyDatasets.data.filter((d) => (d.presentedAt?.length ?? 0) > 0).length).toBeGreaterThan(20);
  });

  it('answers each window of organizedEvents and presentedAt as SQL sees it, in 2 statements per window', async () => {
    const campus = demoId('organization', 'parisante-campus');
    const orgIds = demoOrganizationsSample();
    const datasetIds = demoDatasetRefs().slice(0, 60).map((d) => d.id);
    const from = '2022-03-01T00:00:00.000Z';
    const to = '2022-07-01T00:00:00.000Z';
    const WINDOWS = /* GraphQL */ `
      query ($reps: [_Any!]!, $from: DateTime, $to: DateTime) {
        _entities(representations: $reps) {
          ... on Organization {
            early: organizedEvents(first: 3) { id }
            spring: organizedEvents(from: $from, to: $to, first: ${MAX_PAGE_SIZE}) { id start end }
            none: organizedEvents(first: 0) { id }
          }
          ... on Dataset { id presentedAt(first: 1) { id } }
        }
      }
    `;
    const reps = [...orgIds.map((id) => ({ __typename: 'Organization', id })), ...datasetIds.map((id) => ({ __typename: 'Dataset', id }))];
    db.counter.reset();
    type Lists = { early?: { id: string }[]; spring?: { id: string; start: string; end: string }[]; none?: unknown[]; presentedAt?: unknown[] };
    const { data, errors } = await run<{ _entities: Lists[] }>(WINDOWS, { reps, from, to });
    expect(errors).toBeUndefined();
    // early, spring, presentedAt: two statements each; first: 0 reads nothing.
    expect(db.counter.total).toBe(6);
    const sql = (where: string, params: unknown[], limit: number): Promise<{ id: string }[]> =>
      db.dataSource.query(
        `SELECT e.id FROM event e INNER JOIN event_organizer o ON o.eventId = e.id WHERE o.organizationId = ? ${where} ORDER BY e.startsAt, e.id LIMIT ?`,
        [...params, limit],
      );
    for (const [i, org] of data!._entities.slice(0, orgIds.length).entries()) {
      expect(org.early!.map((e) => e.id)).toEqual((await sql('', [orgIds[i]], 3)).map((e) => e.id));
      expect(org.spring!.map((e) => e.id)).toEqual(
        (await sql('AND e.endsAt >= ? AND e.startsAt < ?', [orgIds[i], from.slice(0, 19).replace('T', ' '), to.slice(0, 19).replace('T', ' ')], MAX_PAGE_SIZE)).map((e) => e.id),
      );
      for (const event of org.spring!) {
        expect([Date.parse(event.end) >= Date.parse(from), Date.parse(event.start) < Date.parse(to)]).toEqual([true, true]);
      }
      expect(org.none).toEqual([]);
    }
    expect(data!._entities[orgIds.indexOf(campus)]!.spring!.length).toBeGreaterThan(3);
    const datasets = data!._entities.slice(orgIds.length);
    expect(datasets.every((d) => (d.presentedAt?.length ?? 0) <= 1)).toBe(true);
    expect(datasets.filter((d) => d.presentedAt?.length === 1).length).toBeGreaterThan(20);
  });

  it.each([[-1], [MAX_PAGE_SIZE + 1]])('refuses organizedEvents(first: %i), naming the argument, and reads nothing', async (first) => {
    db.counter.reset();
    const { data, errors } = await run<{ _entities: unknown[] }>(
      /* GraphQL */ `query ($reps: [_Any!]!, $first: Int) { _entities(representations: $reps) { ... on Organization { organizedEvents(first: $first) { id } } } }`,
      { reps: [{ __typename: 'Organization', id: demoId('organization', 'medicen') }], first },
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    // organizedEvents is nullable (contributed to members' Organization): the refusal nulls it alone.
    expect(data?._entities).toEqual([{ organizedEvents: null }]);
    expect(db.counter.total).toBe(0);
  });

  it('reads only the columns an event list selects, with the same events, and never hands a partial event to eventById', async () => {
    const reps = demoOrganizationsSample().map((id) => ({ __typename: 'Organization', id }));
    const ENTITY_LISTS = /* GraphQL */ `
      query ($reps: [_Any!]!) {
        _entities(representations: $reps) {
          ... on Organization {
            light: organizedEvents { __typename id ... on Event { title } ...Start organizers { id } }
            full: organizedEvents { id title start place { city } }
          }
        }
      }
      fragment Start on Event { start }
    `;
    db.counter.reset();
    const { statements, restore } = recordStatements(db.dataSource);
    try {
      const { data, errors } = await run<{ _entities: { light: Record<string, unknown>[]; full: Record<string, unknown>[] }[] }>(ENTITY_LISTS, { reps });
      expect(errors).toBeUndefined();
      const entities = data!._entities;
      expect(entities.some((e) => e.light.length > 10)).toBe(true);
      for (const entity of entities) {
        expect(entity.light.map(({ id, title, start }) => ({ id, title, start }))).toEqual(entity.full.map(({ id, title, start }) => ({ id, title, start })));
      }
    } finally {
      restore();
    }
    // The light list's events statement names its columns and leaves the long texts out.
    const eventReads = statements.filter((q) => q.includes('FROM event event'));
    expect(eventReads.length).toBeGreaterThanOrEqual(2);
    expect(eventReads.some((q) => !q.includes('event.description') && q.includes('event.title'))).toBe(true);
    expect(eventReads.some((q) => q.includes('event.description'))).toBe(true);

    // A projection never primes eventById: a later whole read of the same event has every column.
    const loaders = createLoaders(db.dataSource);
    const [light] = await loaders.eventsByOrganizationId.load({ id: demoOrganizationsSample()[0]!, window: { columns: 'id,start', ...EVERY } }).then((l) => l.slice(0, 1));
    expect(light).toBeDefined();
    expect(light!.title).toBeUndefined();
    const whole = await loaders.eventById.load(light!.id);
    expect(whole?.title).toEqual(expect.any(String));
  });

  it('reads only the columns an events page selects (relations by id), the same page as with every column', async () => {
    const page = (node: string): string => /* GraphQL */ `{ events(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${node} } } } }`;
    const { statements, restore } = recordStatements(db.dataSource);
    type Page = { events: { edges: { cursor: string; node: Record<string, unknown> }[] } };
    try {
      const light = await run<Page>(page('id title start organizers { id } presentedDatasets { id } ecosystem { id } remainingCapacity'));
      const lightReads = statements.filter((q) => q.includes('FROM event event') && q.includes('LIMIT'));
      statements.length = 0;
      const full = await run<Page>(page('id title start organizers { id } presentedDatasets { id } ecosystem { id } remainingCapacity place { city }'));
      const fullReads = statements.filter((q) => q.includes('FROM event event') && q.includes('LIMIT'));
      expect(light.errors).toBeUndefined();
      expect(full.errors).toBeUndefined();
      expect(light.data!.events.edges.length).toBeGreaterThan(10);
      expect(light.data!.events.edges.some((e) => (e.node.organizers as unknown[]).length > 0)).toBe(true);
      // The same events, cursors and answers, `place` aside.
      for (const edge of full.data!.events.edges) delete edge.node.place;
      expect(light.data!.events.edges).toEqual(full.data!.events.edges);
      expect(lightReads).toHaveLength(1);
      expect(lightReads[0]).not.toContain('event.description');
      expect(lightReads[0]).toContain('event.seatsTaken');
      expect(fullReads).toHaveLength(1);
      expect(fullReads[0]).toContain('event.description');
    } finally {
      restore();
    }
  });

  it('batches each loader into one statement for N loads', async () => {
    const ids = ((await db.dataSource.query('SELECT id FROM event ORDER BY id LIMIT 50')) as { id: string }[]).map((r) => r.id);
    const orgIds = demoOrganizationsSample();
    const datasetIds = demoDatasetRefs().slice(0, 50).map((d) => d.id);
    // [loader, loads, statements]: event lists through a link table read the links, then the events.
    const cases: [string, (l: ReturnType<typeof createLoaders>) => Promise<unknown>, number][] = [
      ['eventById', (l) => Promise.all(ids.map((id) => l.eventById.load(id))), 1],
      ['organizerIdsByEventId', (l) => Promise.all(ids.map((id) => l.organizerIdsByEventId.load(id))), 1],
      ['datasetIdsByEventId', (l) => Promise.all(ids.map((id) => l.datasetIdsByEventId.load(id))), 1],
      ['eventsByOrganizationId', (l) => Promise.all(orgIds.map((key) => l.eventsByOrganizationId.load({ id: key, window: { columns: ALL_COLUMNS, ...EVERY } }))), 2],
      ['eventsByDatasetId', (l) => Promise.all(datasetIds.map((key) => l.eventsByDatasetId.load({ id: key, window: { columns: 'id,start,title', ...EVERY } }))), 2],
      // Two column sets in one request: one batch each.
      [
        'eventsByOrganizationId, two column sets',
        (l) =>
          Promise.all(
            orgIds.flatMap((key) => [l.eventsByOrganizationId.load({ id: key, window: { columns: ALL_COLUMNS, ...EVERY } }), l.eventsByOrganizationId.load({ id: key, window: { columns: 'id,start', ...EVERY } })]),
          ),
        4,
      ],
      // Two windows in one request: one batch each.
      [
        'eventsByOrganizationId, two windows',
        (l) =>
          Promise.all(
            orgIds.flatMap((key) => [l.eventsByOrganizationId.load({ id: key, window: { columns: 'id,start', ...EVERY } }), l.eventsByOrganizationId.load({ id: key, window: { columns: 'id,start', ...EVERY, first: 5 } })]),
          ),
        4,
      ],
    ];
    for (const [name, load, statements] of cases) {
      const loaders = createLoaders(db.dataSource);
      db.counter.reset();
      await load(loaders);
      expect([name, db.counter.total]).toEqual([name, statements]);
    }
  });
});

/** The widest window: every event, up to a page. */
const EVERY: EventWindow = { from: null, to: null, first: MAX_PAGE_SIZE };

function demoOrganizationsSample(): string[] {
  return ['medicen', 'parisante-campus', 'leem', 'inserm', 'inria', 'psl'].map((k) => demoId('organization', k));
}

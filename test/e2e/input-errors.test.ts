/**
 * Bad values are the caller's fault: refused at the gateway (against the composed schema with the
 * real scalars) or by the owning subgraph's shared input rules, as BAD_USER_INPUT naming the field,
 * with nothing written and no subgraph name, URL or stack in the answer, in development mode too.
 * And what an analyst types in a date filter works.
 */
import { ALL_ROLES, demoId, demoOrganization, type Viewer } from '@ecosystem/shared';
import { startGraph, type RunningGraph } from '../helpers/graph';

const admin: Viewer = { sub: demoId('person', 'input-errors-admin'), org: demoOrganization('medicen').id, roles: [...ALL_ROLES] };

interface Count {
  events: { totalCount: number };
}

let graph: RunningGraph;

beforeAll(async () => {
  // NODE_ENV=test: errors are not masked (the development mode), the stricter case for leaks.
  graph = await startGraph('input_errors');
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

function expectNoLeak(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/https?:\/\/(127\.0\.0\.1|localhost)/);
  expect(text).not.toMatch(/stacktrace|serviceName|"exception"|\.ts:\d+/);
  expect(text).not.toMatch(/(service|subgraph)\W{0,3}(members|datasets|training|events)\b/i);
}

describe('bad values through the gateway', () => {
  it.each([
    ['an empty DateTime', ''],
    ['not a date', 'not a date'],
    ['30 February', '2026-02-30T10:00:00Z'],
    ['29 February 2027', '2027-02-29'],
  ])('refuses %s in a variable at the gateway with BAD_USER_INPUT naming the field, before any SQL', async (_label, value) => {
    graph.resetStatements();
    const response = await graph.query(`query ($filter: EventFilter) { events(filter: $filter) { totalCount } }`, { filter: { from: value } });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.from' });
    expect(graph.statements()).toBe(0);
    expectNoLeak(response);
  });

  it.each([
    ['NaN', 'NaN'],
    ['1.5', 1.5],
    ['10^26', '100000000000000000000000000'],
  ])('refuses the BigInt %s with BAD_USER_INPUT naming the field', async (_label, value) => {
    const response = await graph.query(`query ($filter: DatasetFilter) { datasets(filter: $filter) { totalCount } }`, {
      filter: { minIndividuals: value },
    });
    expect(response.status).toBeLessThan(500);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minIndividuals' });
    expectNoLeak(response);
  });

  it.each(['subscription { registrationChanged(eventId: "1") { seatsTaken } }', 'subscription S($e: ID!) { registrationChanged(eventId: $e) { event { title } } }'])(
    'refuses a subscription (%s) over POST as the caller\u2019s mistake (HTTP 400), never internal',
    async (query) => {
      const response = await graph.query(query);
      expect(response.status).toBe(400);
      expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['SUBSCRIPTIONS_NOT_SERVED']);
    },
  );

  it('refuses an invalid DateTime literal as the caller\u2019s fault (validation, HTTP 400), never internal', async () => {
    const response = await graph.query(`{ events(filter: { from: "2026-02-30T10:00:00Z" }) { totalCount } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/DateTime/);
  });

  it('refuses a 5,000-character id with BAD_USER_INPUT, in a query and in a mutation', async () => {
    const long = 'a'.repeat(5000);
    const read = await graph.query(`query ($id: ID!) { organization(id: $id) { id } }`, { id: long });
    expect(read.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    const write = await graph.query(`mutation ($id: ID!) { cancelEvent(id: $id) { id } }`, { id: long }, { viewer: admin });
    expect(write.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(JSON.stringify(write).length).toBeLessThan(2000);
    expectNoLeak(write);
  });

  it.each([
    ['a byte-order mark', '\uFEFF'],
    ['a zero-width space', '\u200B'],
  ])('refuses an existing organization\u2019s id padded with %s (not an empty answer), naming the argument', async (_label, pad) => {
    const id = demoOrganization('medicen').id;
    const found = await graph.query<{ organization: { id: string } | null }>(`query ($id: ID!) { organization(id: $id) { id } }`, { id });
    expect(found.data?.organization?.id).toBe(id);
    for (const padded of [`${pad}${id}`, `${id}${pad}`]) {
      const response = await graph.query(`query ($id: ID!) { organization(id: $id) { id } }`, { id: padded });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
      expect(typeof response.errors?.[0]?.extensions?.requestId).toBe('string');
    }
  });

  it('refuses linkDataset(datasetId: "") and writes nothing', async () => {
    const events = await graph.query<{ events: { edges: { node: { id: string } }[] } }>(`{ events(first: 1) { edges { node { id } } } }`);
    const eventId = events.data!.events.edges[0]!.node.id;
    const before = await graph.subgraphs.events!.database.dataSource.query('SELECT COUNT(*) AS n FROM event_dataset');
    const response = await graph.query(`mutation ($e: ID!, $d: ID!) { linkDataset(eventId: $e, datasetId: $d) { id } }`, { e: eventId, d: '' }, { viewer: admin });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'datasetId' });
    const after = await graph.subgraphs.events!.database.dataSource.query('SELECT COUNT(*) AS n FROM event_dataset');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it.each([
    ['whitespace only', '   '],
    ['a NUL byte', 'Projet\u0000X'],
    ['a control character', 'Projet \u0007'],
  ])('refuses a title with %s, naming input.title, writing nothing', async (_label, title) => {
    const before = await graph.subgraphs.members!.database.dataSource.query('SELECT COUNT(*) AS n FROM project');
    const response = await graph.query(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { acronym: 'HOSTILE', title, coordinatorId: demoOrganization('medicen').id } },
      { viewer: admin },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    const after = await graph.subgraphs.members!.database.dataSource.query('SELECT COUNT(*) AS n FROM project');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it.each([
    ['createProject', 'input.startDate', `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`, 'project',
      (day: string) => ({ acronym: 'BADDAY', title: 'Bad day', coordinatorId: demoOrganization('medicen').id, startDate: day })],
    ['createProject', 'input.endDate', `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`, 'project',
      (day: string) => ({ acronym: 'BADDAY', title: 'Bad day', coordinatorId: demoOrganization('medicen').id, endDate: day })],
    ['endMembership', 'input.until', `mutation ($input: EndMembershipInput!) { endMembership(input: $input) { __typename } }`, 'membership',
      (day: string) => ({ organizationId: demoOrganization('medicen').id, ecosystemCode: 'ADS', until: day })],
    ['addMembership', 'input.since', `mutation ($input: AddMembershipInput!) { addMembership(input: $input) { __typename } }`, 'membership',
      (day: string) => ({ organizationId: demoOrganization('medicen').id, ecosystemCode: 'ADS', role: 'MEMBER', filieres: [], since: day })],
    ['upsertPerson', 'input.affiliations.0.since', `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { id } }`, 'affiliation',
      (day: string) => ({ givenName: 'Bad', familyName: 'Day', affiliations: [{ organizationId: demoOrganization('medicen').id, since: day }] })],
  ])('%s refuses an impossible day in %s (BAD_USER_INPUT naming it) and writes nothing', async (mutation, field, document, table, input) => {
    for (const day of ['2027-02-29', '2027-02-30', '2026-13-01']) {
      const count = async (): Promise<number> =>
        Number((await graph.subgraphs.members!.database.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
      const checksum = async (): Promise<string> =>
        JSON.stringify(await graph.subgraphs.members!.database.dataSource.query(`CHECKSUM TABLE ${table}`));
      const before = [await count(), await checksum()];
      const response = await graph.query(document, { input: input(day) }, { viewer: admin });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(response.data?.[mutation as never] ?? null).toBeNull();
      expect([await count(), await checksum()]).toEqual(before);
      expectNoLeak(response);
    }
  });

  it('refuses an impossible day given as a literal as the caller\u2019s fault, never internal', async () => {
    const response = await graph.query(
      `mutation { createProject(input: { acronym: "BADDAY", title: "Bad day", coordinatorId: "${demoOrganization('medicen').id}", startDate: "2027-02-29" }) { id } }`,
      undefined,
      { viewer: admin },
    );
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(response.errors?.[0]?.message).toMatch(/LocalDate/);
  });

  it('reads a blank search text as no text filter, in every filter that has one (a blank text in a mutation is refused)', async () => {
    const roots = ['competencies', 'datasets', 'events', 'modules', 'organizations', 'people', 'personae', 'projects'];
    const counts = (text?: string) =>
      graph.query<Record<string, { totalCount: number }>>(
        `{ ${roots.map((root) => `${root}(first: 1${text === undefined ? '' : `, filter: { text: ${JSON.stringify(text)} }`}) { totalCount }`).join(' ')} }`,
        undefined,
        { viewer: admin },
      );
    const all = await counts();
    expect(all.errors).toBeUndefined();
    for (const root of roots) expect(all.data?.[root]?.totalCount).toBeGreaterThan(0);
    for (const blank of ['', '   ', '\t \n']) {
      const response = await counts(blank);
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual(all.data);
    }
    const mutation = await graph.query(`mutation { upsertOrganization(input: { name: "   ", kind: STARTUP }) { id } }`, undefined, { viewer: admin });
    expect(mutation.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.name' });
  });

  it('refuses bidirectional override characters in free text (a reviewer would read it reordered), in a mutation and in a filter', async () => {
    const count = async (): Promise<number> =>
      Number((await graph.subgraphs.datasets!.database.dataSource.query('SELECT COUNT(*) AS n FROM access_request'))[0].n);
    const before = await count();
    for (const purpose of ['research on \u202Eexe.gnp', 'a\u2066b\u2069c']) {
      const response = await graph.query(
        `mutation ($input: CreateAccessRequestInput!) { createAccessRequest(input: $input) { id } }`,
        { input: { datasetIds: ['0190f5a0-0000-7000-8000-000000000000'], purpose } },
        { viewer: admin },
      );
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.purpose' });
      expectNoLeak(response);
    }
    expect(await count()).toBe(before);
    const search = await graph.query(`query ($f: DatasetFilter) { datasets(filter: $f) { totalCount } }`, { f: { text: 'sant\u00E9\u202E' } });
    expect(search.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.text' });
  });

  it('stores text trimmed', async () => {
    const response = await graph.query<{ upsertOrganization: { id: string; name: string } }>(
      `mutation ($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { id name } }`,
      { input: { name: '   Trimmed Health  ', kind: 'STARTUP' } },
      { viewer: admin },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.upsertOrganization.name).toBe('Trimmed Health');
  });

  it('names the field of a refusal made by a subgraph, without its name, URL or stack', async () => {
    const response = await graph.query(
      `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
      { input: { acronym: 'HOSTILE', title: 'x', coordinatorId: demoOrganization('medicen').id } },
      { viewer: admin },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.title' });
    expectNoLeak(response);
  });
});

describe('date filters take what an analyst types', () => {
  it('reads a plain day as that day in Europe/Paris: from its start, to its end included', async () => {
    const typed = await graph.query<Count>(`{ events(filter: { from: "2024-01-01", to: "2024-06-30" }) { totalCount } }`);
    expect(typed.errors).toBeUndefined();
    // Paris is UTC+1 on 1 January and UTC+2 on 30 June (its end is 1 July 00:00 in Paris).
    const exact = await graph.query<Count>(`{ events(filter: { from: "2023-12-31T23:00:00Z", to: "2024-06-30T22:00:00Z" }) { totalCount } }`);
    expect(typed.data?.events.totalCount).toBe(exact.data?.events.totalCount);
    expect(typed.data?.events.totalCount).toBeGreaterThan(0);
    const fromOnly = await graph.query<Count>(`query ($from: DateTime) { events(filter: { from: $from }) { totalCount } }`, { from: '2024-01-01' });
    expect(fromOnly.errors).toBeUndefined();
  });

  it('says so in the schema', async () => {
    const response = await graph.query<{ __type: { inputFields: { name: string; description: string }[] } }>(
      `{ __type(name: "EventFilter") { inputFields { name description } } }`,
    );
    const fields = Object.fromEntries(response.data!.__type.inputFields.map((f) => [f.name, f.description]));
    expect(fields.from).toMatch(/plain day.*Europe\/Paris/);
    expect(fields.to).toMatch(/plain day.*Europe\/Paris/);
  });
});

describe('values at the edges of what is stored', () => {
  it('takes the last storable day as `to` in a variable, in every events window (no internal error)', async () => {
    const all = await graph.query<Count>(`{ events { totalCount } }`);
    const windowed = await graph.query<Count>(`query ($to: DateTime) { events(filter: { to: $to }) { totalCount } }`, { to: '9999-12-31' });
    expect(windowed.errors).toBeUndefined();
    expect(windowed.data?.events.totalCount).toBe(all.data?.events.totalCount);
    const nested = await graph.query(
      `query ($id: ID!, $to: DateTime) { organization(id: $id) { organizedEvents(to: $to) { id } } }`,
      { id: demoOrganization('medicen').id, to: '9999-12-31' },
    );
    expect(nested.errors).toBeUndefined();
  });

  it.each([
    ['an offset that carries it into year 10000', '9999-12-31T23:00:00-05:00'],
    ['a day before year 1000', '0999-12-31'],
  ])('refuses a DateTime with %s as BAD_USER_INPUT naming the field, before any SQL', async (_label, value) => {
    graph.resetStatements();
    const response = await graph.query(`query ($filter: EventFilter) { events(filter: $filter) { totalCount } }`, { filter: { to: value } });
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    expect(response.errors?.[0]?.message).toMatch(/between 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z/);
    expect(graph.statements()).toBe(0);
  });

  it('refuses an event starting in year 10000 (UTC) as BAD_USER_INPUT naming input.start, writing nothing', async () => {
    const before = await graph.subgraphs.events!.database.dataSource.query('SELECT COUNT(*) AS n FROM event');
    const response = await graph.query(
      `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
      {
        input: {
          title: 'Atelier de la fin des temps',
          kind: 'WORKSHOP',
          attendanceMode: 'ONLINE',
          start: '9999-12-31T23:00:00-05:00',
          end: '9999-12-31T23:30:00-05:00',
          virtualLocation: { url: 'https://live.example.org/fin' },
          organizerIds: [demoOrganization('medicen').id],
          maxCapacity: 10,
        },
      },
      { viewer: admin },
    );
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.start' });
    const after = await graph.subgraphs.events!.database.dataSource.query('SELECT COUNT(*) AS n FROM event');
    expect(Number(after[0].n)).toBe(Number(before[0].n));
  });

  it('answers the events export 400 with a code for a date past what is stored, and 200 for the last storable day', async () => {
    const base = graph.subgraphs.events!.url.replace(/\/graphql$/, '');
    const bad = await fetch(`${base}/jsonld/events?to=${encodeURIComponent('9999-12-31T23:00:00-05:00')}`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string; field: string } }).error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'to' });
    expect((await fetch(`${base}/jsonld/events?to=9999-12-31`)).status).toBe(200);
  });

  it.each(['', '   ', '-', '%', "'; --"])('reads healthThemes [%j] as no filter (blank) or as matching nothing (odd), never internal', async (theme) => {
    const all = await graph.query<{ datasets: { totalCount: number } }>(`{ datasets { totalCount } }`);
    const response = await graph.query<{ datasets: { totalCount: number } }>(
      `query ($t: String!) { datasets(first: 1, filter: { healthThemes: [$t] }) { totalCount } }`,
      { t: theme },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.datasets.totalCount).toBe(theme.trim() === '' ? all.data?.datasets.totalCount : 0);
  });

  it('reads a BigInt literal exactly, and refuses one past 2^63-1 naming the field', async () => {
    const largest = await graph.query<{ datasets: { totalCount: number } }>(`{ datasets(filter: { minIndividuals: 9223372036854775807 }) { totalCount } }`);
    expect(largest.errors).toBeUndefined();
    expect(largest.data?.datasets.totalCount).toBe(0);
    const tooLarge = await graph.query(`{ datasets(filter: { minIndividuals: 99999999999999999999999 }) { totalCount } }`);
    expect(tooLarge.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minIndividuals' });
    expect(tooLarge.errors?.[0]?.message).toMatch(/2\^63/);
  });

  it('reads an upper-case UUID as the same id, in a query and in a mutation argument', async () => {
    const events = await graph.query<{ events: { edges: { node: { id: string } }[] } }>(`{ events(first: 1) { edges { node { id } } } }`);
    const eventId = events.data!.events.edges[0]!.node.id;
    const read = await graph.query<{ event: { id: string } | null }>(`query ($id: ID!) { event(id: $id) { id } }`, { id: eventId.toUpperCase() });
    expect(read.data?.event?.id).toBe(eventId);
    const literal = await graph.query<{ event: { id: string } | null }>(`{ event(id: "${eventId.toUpperCase()}") { id } }`);
    expect(literal.data?.event?.id).toBe(eventId);
    const datasets = await graph.query<{ datasets: { edges: { node: { id: string } }[] } }>(`{ datasets(first: 1) { edges { node { id } } } }`);
    const datasetId = datasets.data!.datasets.edges[0]!.node.id;
    const linked = await graph.query<{ linkDataset: { id: string } }>(
      `mutation ($e: ID!, $d: ID!) { linkDataset(eventId: $e, datasetId: $d) { id } }`,
      { e: eventId.toUpperCase(), d: datasetId.toUpperCase() },
      { viewer: admin },
    );
    expect(linked.errors).toBeUndefined();
    expect(linked.data?.linkDataset.id).toBe(eventId);
    const rows = await graph.subgraphs.events!.database.dataSource.query('SELECT datasetId FROM event_dataset WHERE eventId = ? AND datasetId = ?', [eventId, datasetId]);
    expect(rows).toHaveLength(1);
  });
});

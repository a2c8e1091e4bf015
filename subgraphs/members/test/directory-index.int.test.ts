// The directory index (src/organization/directory-index.ts) against the database it mirrors: the
// same organisations, order, totals and facets as SQL over the tables, writes shown at once, writes
// of another replica after the TTL, and a fixed number of statements per page.
import { demoOrganization, encodeCursor } from '@ecosystem/shared';
import { attachDirectoryIndex, directoryIndexOf, type DirectoryIndex } from '../src/organization/directory-index';
import { ADMIN, createHarness, statements, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('members-directory-index');
});
afterAll(async () => h.close());

interface Facet {
  value: string;
  count: number;
}
interface Facets {
  kinds: Facet[];
  sectors: Facet[];
  ecosystems: Facet[];
  roles: Facet[];
  sizes: Facet[];
}
interface Directory {
  totalCount: number;
  edges: { cursor: string; node: { id: string; name: string; kind: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  facets: Facets;
}

const DIRECTORY = /* GraphQL */ `
  query ($filter: OrganizationFilter, $orderBy: OrganizationOrder, $first: Int, $after: String) {
    organizations(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges { cursor node { id name kind } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      facets { kinds { value count } sectors { value count } ecosystems { value count } roles { value count } sizes { value count } }
    }
  }
`;

type Filter = Record<string, unknown>;

async function directory(filter: Filter = {}, first = 50, after: string | null = null, orderBy = 'NAME_ASC'): Promise<Directory> {
  const { data, errors } = await h.run<{ organizations: Directory }>(DIRECTORY, { filter, first, after, orderBy });
  expect(errors).toBeUndefined();
  return data!.organizations;
}

/** Every matching id, in page order, paging with the cursors. */
async function allIds(filter: Filter, orderBy = 'NAME_ASC', first = 200): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page = await directory(filter, first, after, orderBy);
    ids.push(...page.edges.map((e) => e.node.id));
    if (!page.pageInfo.hasNextPage) return ids;
    after = page.pageInfo.endCursor;
  }
}

const sql = async <T>(text: string, parameters: unknown[] = []): Promise<T[]> => (await h.db.dataSource.query(text, parameters)) as T[];

/** The filter as SQL over `o` (the semantics of the former EXISTS subqueries), for reference. */
function where(filter: Filter): [string, unknown[]] {
  const parts: string[] = [];
  const parameters: unknown[] = [];
  const list = (values: unknown[]): string => {
    parameters.push(...values);
    return values.map(() => '?').join(', ');
  };
  const kinds = filter.kinds as string[] | undefined;
  if (kinds?.length) parts.push(`o.kind IN (${list(kinds)})`);
  const sizes = filter.sizes as string[] | undefined;
  if (sizes?.length) parts.push(`o.sizeCategory IN (${list(sizes)})`);
  if (filter.region) parts.push(`o.region = ${list([filter.region])}`);
  const sectors = filter.sectors as string[] | undefined;
  if (sectors?.length) parts.push(`EXISTS (SELECT 1 FROM organization_sector s WHERE s.organizationId = o.id AND s.sector IN (${list(sectors)}))`);
  if (filter.ecosystem) {
    parts.push(`EXISTS (SELECT 1 FROM membership m JOIN ecosystem e ON e.id = m.ecosystemId WHERE m.organizationId = o.id AND m.\`until\` IS NULL AND e.code = ${list([filter.ecosystem])})`);
  }
  const ecosystems = filter.ecosystems as string[] | undefined;
  const roles = filter.roles as string[] | undefined;
  if (ecosystems?.length || roles?.length) {
    let sub = 'SELECT 1 FROM membership m2 JOIN ecosystem e2 ON e2.id = m2.ecosystemId WHERE m2.organizationId = o.id AND m2.`until` IS NULL';
    if (ecosystems?.length) sub += ` AND e2.code IN (${list(ecosystems)})`;
    if (roles?.length) sub += ` AND m2.role IN (${list(roles)})`;
    parts.push(`EXISTS (${sub})`);
  }
  return [parts.length ? ` WHERE ${parts.join(' AND ')}` : '', parameters];
}

/**
 * What SQL answers: ids in (sortName, id) order, and the five GROUP BYs, each over the filter
 * without its own field (disjunctive facets); ecosystems and roles match in one membership, so
 * each of the two is counted over memberships having the other's selected values.
 */
async function reference(filter: Filter): Promise<{ ids: string[]; facets: Facets }> {
  const [clause, parameters] = where(filter);
  const ids = (await sql<{ id: string }>(`SELECT o.id AS id FROM organization o${clause} ORDER BY o.sortName, o.id`, parameters)).map((r) => r.id);
  const facet = async (without: string[], text: (ofFilter: string) => string, extra: unknown[] = []): Promise<Facet[]> => {
    const [own, ownParameters] = where(Object.fromEntries(Object.entries(filter).filter(([key]) => !without.includes(key))));
    const counted = (await sql<{ v: string | null; c: number | string }>(text(`(SELECT o.id FROM organization o${own})`), [...ownParameters, ...extra]))
      .filter((r) => r.v !== null && Number(r.c) > 0)
      .map((r) => ({ value: String(r.v), count: Number(r.c) }));
    // The facet's own selected values are always listed, at 0 when nothing matches them, in the
    // facet's order like the others (by count, then value): after the counted ones, not in the order ticked.
    const selected = ((filter as Record<string, unknown>)[without[0]!] as string[] | undefined) ?? [];
    const missing = [...new Set(selected)].filter((value) => !counted.some((f) => f.value.toLowerCase() === value.toLowerCase()));
    return [...counted, ...missing.map((value) => ({ value, count: 0 }))].sort(
      (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
  };
  const inList = (column: string, values: unknown): [string, unknown[]] => {
    const list = (values as string[] | undefined) ?? [];
    return list.length ? [` AND ${column} IN (${list.map(() => '?').join(', ')})`, list] : ['', []];
  };
  const [withRoles, roleParameters] = inList('m.role', filter.roles);
  const [withCodes, codeParameters] = inList('e.code', filter.ecosystems);
  return {
    ids,
    facets: {
      kinds: await facet(['kinds'], (of) => `SELECT kind AS v, COUNT(*) AS c FROM organization WHERE id IN ${of} GROUP BY kind`),
      sectors: await facet(['sectors'], (of) => `SELECT sector AS v, COUNT(*) AS c FROM organization_sector WHERE organizationId IN ${of} GROUP BY sector`),
      ecosystems: await facet(
        ['ecosystems', 'roles'],
        (of) =>
          `SELECT e.code AS v, COUNT(DISTINCT m.organizationId) AS c FROM membership m JOIN ecosystem e ON e.id = m.ecosystemId WHERE m.organizationId IN ${of} AND m.\`until\` IS NULL${withRoles} GROUP BY e.code`,
        roleParameters,
      ),
      roles: await facet(
        ['roles', 'ecosystems'],
        (of) =>
          `SELECT m.role AS v, COUNT(DISTINCT m.organizationId) AS c FROM membership m JOIN ecosystem e ON e.id = m.ecosystemId WHERE m.organizationId IN ${of} AND m.\`until\` IS NULL${withCodes} GROUP BY m.role`,
        codeParameters,
      ),
      sizes: await facet(['sizes'], (of) => `SELECT sizeCategory AS v, COUNT(*) AS c FROM organization WHERE id IN ${of} GROUP BY sizeCategory`),
    },
  };
}

const FILTERS: Filter[] = [
  {},
  { kinds: ['STARTUP'] },
  { kinds: ['UNIVERSITY', 'RESEARCH_INSTITUTE'] },
  { ecosystem: 'MEDICEN' },
  { ecosystem: 'PSC' },
  { ecosystem: 'ADS' },
  { ecosystems: ['PSC', 'ADS'] },
  { sectors: ['DATA_AI'] },
  { sectors: ['BIOTECH', 'MEDTECH'] },
  { sizes: ['GE'] },
  { sizes: ['MICRO', 'PME'] },
  { region: 'Île-de-France' },
  { region: 'Auvergne-Rhône-Alpes' },
  { roles: ['FOUNDING_MEMBER'] },
  { roles: ['FOUNDING_MEMBER'], ecosystems: ['MEDICEN'] },
  { roles: ['FOUNDING_MEMBER'], ecosystems: ['PSC'] },
  { roles: ['MEMBER', 'RESIDENT'], ecosystems: ['PSC', 'MEDICEN'] },
  { ecosystem: 'MEDICEN', sectors: ['E_HEALTH'] },
  { ecosystem: 'MEDICEN', ecosystems: ['PSC'] },
  { kinds: ['STARTUP'], sectors: ['DATA_AI'] },
  { kinds: ['SME'], sizes: ['PME'], region: 'Île-de-France' },
  { ecosystem: 'NOPE' },
];

describe('the directory index answers what SQL answers', () => {
  it('orders the organisations as ORDER BY sortName, id on this database', async () => {
    const entries = await directoryIndexOf(h.db.dataSource).entries();
    const rows = await sql<{ id: string }>('SELECT id FROM organization ORDER BY sortName, id');
    expect(entries.map((e) => e.id)).toEqual(rows.map((r) => r.id));
    expect(await allIds({})).toEqual(rows.map((r) => r.id));
  });

  it('gives the seed what direct counts give: per kind, ecosystem (current), sector', async () => {
    const page = await directory({}, 0);
    const kinds = await sql<{ v: string; c: number | string }>('SELECT kind AS v, COUNT(*) AS c FROM organization GROUP BY kind');
    for (const { v, c } of kinds) expect([v, (await directory({ kinds: [v] }, 0)).totalCount]).toEqual([v, Number(c)]);
    const codes = await sql<{ v: string; c: number | string }>(
      'SELECT e.code AS v, COUNT(DISTINCT m.organizationId) AS c FROM ecosystem e LEFT JOIN membership m ON m.ecosystemId = e.id AND m.`until` IS NULL GROUP BY e.code',
    );
    for (const { v, c } of codes) {
      expect([v, (await directory({ ecosystem: v }, 0)).totalCount]).toEqual([v, Number(c)]);
      expect([v, (await directory({ ecosystems: [v] }, 0)).totalCount]).toEqual([v, Number(c)]);
    }
    expect(page.facets.ecosystems.find((f) => f.value === 'MEDICEN')?.count).toBe(492);
    const sectors = await sql<{ v: string; c: number | string }>('SELECT sector AS v, COUNT(*) AS c FROM organization_sector GROUP BY sector');
    for (const { v, c } of sectors) expect([v, (await directory({ sectors: [v] }, 0)).totalCount]).toEqual([v, Number(c)]);
    expect(page.totalCount).toBe(Number((await sql<{ c: number | string }>('SELECT COUNT(*) AS c FROM organization'))[0]!.c));
  });

  it.each(FILTERS.map((f) => [JSON.stringify(f), f] as const))('same ids, order, total and facets for %s', async (_name, filter) => {
    const expected = await reference(filter);
    const page = await directory(filter, 0);
    expect(page.totalCount).toBe(expected.ids.length);
    expect(page.facets).toEqual(expected.facets);
    expect(await allIds(filter)).toEqual(expected.ids);
    expect(await allIds(filter, 'NAME_DESC', 37)).toEqual([...expected.ids].reverse());
  });

  it('combines the text filter with the others (one statement over the term index)', async () => {
    for (const [text, filter] of [
      ['sante', { kinds: ['RESEARCH_INSTITUTE'] }],
      ['institut', { ecosystem: 'PSC' }],
      ['national sante', {}],
    ] as const) {
      const all = await allIds({ text });
      const expected = (await reference(filter)).ids.filter((id) => all.includes(id));
      const found = await directory({ text, ...filter }, 200);
      expect([text, found.edges.map((e) => e.node.id)]).toEqual([text, expected]);
      expect(found.totalCount).toBe(expected.length);
      // The text applies to every facet; the kind facet ignores the kind selection only.
      const kinds = 'kinds' in filter ? filter.kinds : [];
      const selected = found.facets.kinds.filter((f) => !kinds.length || (kinds as readonly string[]).includes(f.value));
      expect(selected.reduce((s, f) => s + f.count, 0)).toBe(expected.length);
      const textOnly = (await reference({ ...filter, kinds: [] })).ids.filter((id) => all.includes(id));
      expect(found.facets.kinds.reduce((s, f) => s + f.count, 0)).toBe(textOnly.length);
    }
  });

  it('builds pageInfo as before and keeps the cursor format [sortName, id]', async () => {
    const first = await directory({ ecosystem: 'PSC' }, 3);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: first.edges[0]!.cursor, endCursor: first.edges[2]!.cursor });
    const [row] = await sql<{ id: string; sortName: string }>('SELECT id, sortName FROM organization WHERE id = ?', [first.edges[2]!.node.id]);
    expect(first.pageInfo.endCursor).toBe(encodeCursor([row!.sortName, row!.id]));
    const next = await directory({ ecosystem: 'PSC' }, 3, first.pageInfo.endCursor);
    expect(next.pageInfo.hasPreviousPage).toBe(true);
    const ids = await allIds({ ecosystem: 'PSC' });
    expect(next.edges.map((e) => e.node.id)).toEqual(ids.slice(3, 6));
    const last = await directory({ ecosystem: 'PSC' }, 200, encodeCursor([row!.sortName, row!.id]));
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(last.edges).toHaveLength(ids.length - 3);
    const empty = await directory({ ecosystem: 'NOPE' }, 10);
    expect(empty.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
    const bad = await h.run(DIRECTORY, { first: 500 });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    const badCursor = await h.run(DIRECTORY, { first: 5, after: 'nope' });
    expect(badCursor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('statements per page', () => {
  it('one statement per page (two with text), whatever the page size and the filter; the index is not loaded per request', async () => {
    const index = directoryIndexOf(h.db.dataSource);
    await index.entries();
    const loads = index.loads;
    for (const filter of FILTERS) {
      for (const first of [10, 100]) {
        const n = await statements(h.db, () => directory(filter, first));
        const empty = (await directory(filter, 0)).totalCount === 0;
        expect([JSON.stringify(filter), first, n]).toEqual([JSON.stringify(filter), first, empty ? 0 : 1]);
      }
    }
    expect(await statements(h.db, () => directory({ text: 'institut', ecosystem: 'PSC' }, 100))).toBe(2);
    expect(await statements(h.db, () => directory({ text: 'sante' }, 10))).toBe(2);
    expect(await statements(h.db, () => directory({}, 0))).toBe(0);
    expect(index.loads).toBe(loads);
  });

  it("a page's sectors come from the index: no second statement, the loader's lists and order", async () => {
    const SECTORS = /* GraphQL */ `query ($filter: OrganizationFilter, $first: Int, $after: String) {
      organizations(filter: $filter, first: $first, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id sectors } } } }`;
    type Page = { organizations: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; sectors: string[] } }[] } };
    const nodes: { id: string; sectors: string[] }[] = [];
    for (const filter of [{}, { text: 'sante' }]) {
      let after: string | null = null;
      do {
        let page: Page | undefined;
        const n = await statements(h.db, async () => {
          const { data, errors } = await h.run<Page>(SECTORS, { filter, first: 200, after });
          expect(errors).toBeUndefined();
          page = data!;
        });
        expect([JSON.stringify(filter), n]).toEqual([JSON.stringify(filter), 'text' in filter ? 2 : 1]);
        nodes.push(...page!.organizations.edges.map((e) => e.node));
        after = page!.organizations.pageInfo.hasNextPage ? page!.organizations.pageInfo.endCursor : null;
      } while (after);
    }
    // What the sectors field answers elsewhere (the loader, ORDER BY sector on this database).
    const loaders = h.loaders();
    const expected = await Promise.all(nodes.map(async ({ id }) => ({ id, sectors: await loaders.sectorsByOrganizationId.load(id) })));
    expect(nodes).toEqual(expected);
    expect(nodes.some((node) => node.sectors.length > 1)).toBe(true);
  });

  it("a page's organisations are read through the request's organizationById loader", async () => {
    // memberships { organization } loads the page's own organisations again, by id.
    const MEMBERS = /* GraphQL */ `query { organizations(filter: { ecosystem: "MEDICEN" }, first: 20) {
      edges { node { id name memberships { organization { id name } } } } } }`;
    type Page = { organizations: { edges: { node: { id: string; name: string; memberships: { organization: { id: string; name: string } }[] } }[] } };
    let page: Page | undefined;
    const n = await statements(h.db, async () => {
      const { data, errors } = await h.run<Page>(MEMBERS);
      expect(errors).toBeUndefined();
      page = data!;
    });
    expect(n).toBe(2); // the page, the memberships
    const nodes = page!.organizations.edges.map((e) => e.node);
    expect(nodes).toHaveLength(20);
    for (const node of nodes) expect(node.memberships.map((m) => m.organization)).toContainEqual({ id: node.id, name: node.name });
  });
});

const UPSERT = /* GraphQL */ `mutation ($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { id } }`;
const ADD = /* GraphQL */ `mutation ($input: AddMembershipInput!) { addMembership(input: $input) { role } }`;
const END = /* GraphQL */ `mutation ($input: EndMembershipInput!) { endMembership(input: $input) { until } }`;
const count = (facets: Facet[], value: string): number => facets.find((f) => f.value === value)?.count ?? 0;

describe('writes of this process show at once', () => {
  it('upsertOrganization changing kind and sectors', async () => {
    const target = demoOrganization('doctolib');
    const before = await directory({}, 0);
    const startups = await directory({ kinds: ['STARTUP'] }, 200);
    expect(target.kind).not.toBe('PATIENT_ASSOCIATION');
    const updated = await h.run(UPSERT, { input: { id: target.id, name: target.name, kind: 'PATIENT_ASSOCIATION', sectors: ['DIAGNOSTICS'] } }, ADMIN);
    expect(updated.errors).toBeUndefined();
    const after = await directory({}, 0);
    expect(after.totalCount).toBe(before.totalCount);
    expect(count(after.facets.kinds, 'PATIENT_ASSOCIATION')).toBe(count(before.facets.kinds, 'PATIENT_ASSOCIATION') + 1);
    expect(count(after.facets.kinds, target.kind)).toBe(count(before.facets.kinds, target.kind) - 1);
    const cyber = await directory({ sectors: ['DIAGNOSTICS'], kinds: ['PATIENT_ASSOCIATION'] }, 200);
    expect(cyber.edges.map((e) => e.node.id)).toContain(target.id);
    const page = await h.run<{ organizations: { edges: { node: { id: string; sectors: string[] } }[] } }>(
      `query ($filter: OrganizationFilter) { organizations(filter: $filter, first: 200) { edges { node { id sectors } } } }`,
      { filter: { kinds: ['PATIENT_ASSOCIATION'] } },
    );
    expect(page.data!.organizations.edges.find((e) => e.node.id === target.id)?.node.sectors).toEqual(['DIAGNOSTICS']);
    if (target.kind === 'STARTUP') expect((await directory({ kinds: ['STARTUP'] }, 200)).totalCount).toBe(startups.totalCount - 1);
    expect((await reference({ sectors: ['DIAGNOSTICS'] })).ids).toEqual(await allIds({ sectors: ['DIAGNOSTICS'] }));
  });

  it('a new organisation, then addMembership and endMembership', async () => {
    const created = await h.run<{ upsertOrganization: { id: string } }>(UPSERT, { input: { name: 'Aaaa Index Probe', kind: 'STARTUP', sectors: ['DATA_AI'] } }, ADMIN);
    expect(created.errors).toBeUndefined();
    const id = created.data!.upsertOrganization.id;
    expect((await directory({}, 1)).edges[0]!.node.id).toBe(id); // sorts first
    const ads = await directory({ ecosystem: 'ADS' }, 0);
    const added = await h.run(ADD, { input: { organizationId: id, ecosystemCode: 'ADS', role: 'FOUNDING_MEMBER' } }, ADMIN);
    expect(added.errors).toBeUndefined();
    const member = await directory({ ecosystem: 'ADS' }, 1);
    expect(member.totalCount).toBe(ads.totalCount + 1);
    expect(member.edges[0]!.node.id).toBe(id);
    expect(count(member.facets.roles, 'FOUNDING_MEMBER')).toBe(count(ads.facets.roles, 'FOUNDING_MEMBER') + 1);
    expect((await directory({ ecosystems: ['ADS'], roles: ['FOUNDING_MEMBER'] }, 200)).edges.map((e) => e.node.id)).toContain(id);
    const ended = await h.run(END, { input: { organizationId: id, ecosystemCode: 'ADS' } }, ADMIN);
    expect(ended.errors).toBeUndefined();
    const after = await directory({ ecosystem: 'ADS' }, 200);
    expect(after.totalCount).toBe(ads.totalCount);
    expect(after.edges.map((e) => e.node.id)).not.toContain(id);
    expect(after.facets).toEqual(ads.facets);
  });

  it('keeps cursors valid when organisations are inserted between two page requests', async () => {
    const first = await directory({ kinds: ['STARTUP'] }, 20);
    const cursor = first.pageInfo.endCursor;
    const expected = await directory({ kinds: ['STARTUP'] }, 20, cursor);
    for (const name of ['AAA Première Index', `${first.edges[5]!.node.name} bis`, 'ZZZ Dernière Index']) {
      expect((await h.run(UPSERT, { input: { name, kind: 'STARTUP' } }, ADMIN)).errors).toBeUndefined();
    }
    const second = await directory({ kinds: ['STARTUP'] }, 20, cursor);
    expect(second.edges.map((e) => e.node.id)).toEqual(expected.edges.map((e) => e.node.id));
    expect(second.totalCount).toBe(expected.totalCount + 3);
  });

  it('one reload after a write, shared by concurrent readers', async () => {
    const index = directoryIndexOf(h.db.dataSource);
    await index.entries();
    const loads = index.loads;
    expect((await h.run(UPSERT, { input: { name: 'Concurrent Readers Probe', kind: 'SME' } }, ADMIN)).errors).toBeUndefined();
    const pages = await Promise.all([1, 2, 3, 4, 5].map(() => directory({ kinds: ['SME'] }, 5)));
    expect(new Set(pages.map((p) => p.totalCount)).size).toBe(1);
    expect(index.loads).toBe(loads + 1);
  });
});

describe('writes of another replica', () => {
  let clock = 0;
  let index: DirectoryIndex;
  beforeAll(() => {
    index = attachDirectoryIndex(h.db.dataSource, { ttlSeconds: 1, now: () => clock });
  });

  it('shows after the TTL: the stale index is served once while it reloads in the background', async () => {
    const target = demoOrganization('servier');
    const before = await directory({ region: 'Replica Land' }, 10);
    expect(before.totalCount).toBe(0);
    const loads = index.loads;
    // Another replica's write: plain SQL, no TypeORM event in this process.
    await h.db.dataSource.query("UPDATE organization SET region = 'Replica Land' WHERE id = ?", [target.id]);
    clock += 500;
    expect((await directory({ region: 'Replica Land' }, 10)).totalCount).toBe(0); // within the TTL
    expect(index.loads).toBe(loads);
    clock += 600;
    expect((await directory({ region: 'Replica Land' }, 10)).totalCount).toBe(0); // served stale, reload started
    await index.settled();
    expect(index.loads).toBe(loads + 1);
    const after = await directory({ region: 'Replica Land' }, 10);
    expect(after.edges.map((e) => e.node.id)).toEqual([target.id]);
    expect(index.loads).toBe(loads + 1);
  });

  it('an organisation deleted by another replica is left out of the page until the reload', async () => {
    const created = await h.run<{ upsertOrganization: { id: string } }>(
      UPSERT,
      { input: { name: 'Replica Victim', kind: 'STARTUP', sectors: ['PHARMA'], address: { city: 'Nulle Part', region: 'Victim Land', country: 'FR' } } },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const id = created.data!.upsertOrganization.id;
    expect((await directory({ region: 'Victim Land' }, 10)).edges.map((e) => e.node.id)).toEqual([id]); // own write: at once
    for (const table of ['organization_search_term', 'organization_sector']) {
      await h.db.dataSource.query(`DELETE FROM ${table} WHERE organizationId = ?`, [id]);
    }
    await h.db.dataSource.query('DELETE FROM organization WHERE id = ?', [id]);
    const page = await directory({ region: 'Victim Land' }, 10);
    expect(page.totalCount).toBe(1); // the index is not reloaded yet…
    expect(page.edges).toEqual([]); // …but the row is gone: no edge, no error
    clock += 1100;
    await directory({}, 0);
    await index.settled();
    expect((await directory({ region: 'Victim Land' }, 10)).totalCount).toBe(0);
  });

  it('does not keep a reload that started before a write committed', async () => {
    index.invalidate();
    const loads = index.loads;
    const reading = index.entries(); // reload under way…
    index.invalidate(); // …when a write commits
    await reading;
    await index.entries(); // reloads again
    expect(index.loads).toBe(loads + 2);
    await index.entries();
    expect(index.loads).toBe(loads + 2);
  });
});

import { createHarness, statements, type Harness } from './harness';

/**
 * Disjunctive facets of the directory, checked against counts computed in SQL on the same
 * database (MariaDB when DATABASE_URL is set): for each facet, the organisations matching every
 * OTHER field of the filter, grouped by the facet's value.
 */
let h: Harness;
beforeAll(async () => {
  h = await createHarness('members-directory-facets');
});
afterAll(async () => h.close());

interface Facet {
  value: string;
  label: string;
  count: number;
}
type FacetName = 'kinds' | 'sectors' | 'ecosystems' | 'roles' | 'sizes';
interface Filter {
  kinds?: string[];
  sectors?: string[];
  ecosystems?: string[];
  roles?: string[];
  sizes?: string[];
}
interface Result {
  organizations: { totalCount: number; facets: Record<FacetName, Facet[]> };
}

const QUERY = /* GraphQL */ `
  query ($filter: OrganizationFilter, $lang: Language) {
    organizations(filter: $filter, first: 1) {
      totalCount
      facets {
        kinds { value label(lang: $lang) count }
        sectors { value label(lang: $lang) count }
        ecosystems { value label(lang: $lang) count }
        roles { value label(lang: $lang) count }
        sizes { value label(lang: $lang) count }
      }
    }
  }
`;

/** WHERE conditions of a filter over `organization o`, leaving out the fields in `skip`. */
function conditions(filter: Filter, skip: FacetName[]): { sql: string[]; params: string[] } {
  const sql: string[] = [];
  const params: string[] = [];
  const list = (values: string[]): string => values.map(() => '?').join(', ');
  const use = (name: FacetName): string[] | null => (!skip.includes(name) && filter[name]?.length ? filter[name]! : null);
  const kinds = use('kinds');
  if (kinds) {
    sql.push(`o.kind IN (${list(kinds)})`);
    params.push(...kinds);
  }
  const sizes = use('sizes');
  if (sizes) {
    sql.push(`o.sizeCategory IN (${list(sizes)})`);
    params.push(...sizes);
  }
  const sectors = use('sectors');
  if (sectors) {
    sql.push(`EXISTS (SELECT 1 FROM organization_sector s WHERE s.organizationId = o.id AND s.sector IN (${list(sectors)}))`);
    params.push(...sectors);
  }
  const ecosystems = use('ecosystems');
  const roles = use('roles');
  if (ecosystems || roles) {
    const inner = ['m.organizationId = o.id', 'm.until IS NULL'];
    if (ecosystems) inner.push(`e.code IN (${list(ecosystems)})`);
    if (roles) inner.push(`m.role IN (${list(roles)})`);
    sql.push(`EXISTS (SELECT 1 FROM membership m INNER JOIN ecosystem e ON e.id = m.ecosystemId WHERE ${inner.join(' AND ')})`);
    params.push(...(ecosystems ?? []), ...(roles ?? []));
  }
  return { sql, params };
}

/** One facet counted in SQL: the filter without the facet's own field, grouped by its value. */
async function sqlFacet(filter: Filter, facet: FacetName): Promise<Map<string, number>> {
  let from = 'organization o';
  let value = '';
  const extra: string[] = [];
  const extraParams: string[] = [];
  let skip: FacetName[] = [facet];
  if (facet === 'kinds') value = 'o.kind';
  if (facet === 'sizes') {
    value = 'o.sizeCategory';
    extra.push('o.sizeCategory IS NOT NULL');
  }
  if (facet === 'sectors') {
    from += ' INNER JOIN organization_sector fs ON fs.organizationId = o.id';
    value = 'fs.sector';
  }
  if (facet === 'ecosystems' || facet === 'roles') {
    // Ecosystems and roles match together in one membership: the facet's membership must have
    // the other field's selected values; the other field is not applied again on its own.
    from += ' INNER JOIN membership fm ON fm.organizationId = o.id INNER JOIN ecosystem fe ON fe.id = fm.ecosystemId';
    extra.push('fm.until IS NULL');
    value = facet === 'ecosystems' ? 'fe.code' : 'fm.role';
    const other = facet === 'ecosystems' ? filter.roles : filter.ecosystems;
    if (other?.length) {
      extra.push(`${facet === 'ecosystems' ? 'fm.role' : 'fe.code'} IN (${other.map(() => '?').join(', ')})`);
      extraParams.push(...other);
    }
    skip = ['ecosystems', 'roles'];
  }
  const where = conditions(filter, skip);
  const all = [...where.sql, ...extra];
  const rows = (await h.db.dataSource.query(
    `SELECT ${value} AS value, COUNT(DISTINCT o.id) AS n FROM ${from}${all.length ? ` WHERE ${all.join(' AND ')}` : ''} GROUP BY ${value}`,
    [...where.params, ...extraParams],
  )) as { value: string; n: number | string }[];
  const counts = new Map(rows.map((row) => [row.value, Number(row.n)]));
  // A selected value is always listed, at 0 when nothing matches it.
  for (const selected of filter[facet] ?? []) if (!counts.has(selected)) counts.set(selected, 0);
  return counts;
}

async function sqlTotal(filter: Filter): Promise<number> {
  const where = conditions(filter, []);
  const rows = (await h.db.dataSource.query(
    `SELECT COUNT(*) AS n FROM organization o${where.sql.length ? ` WHERE ${where.sql.join(' AND ')}` : ''}`,
    where.params,
  )) as { n: number | string }[];
  return Number(rows[0]!.n);
}

const asMap = (facets: Facet[]): Map<string, number> => new Map(facets.map((f) => [f.value, f.count]));

const FILTERS: [string, Filter][] = [
  ['no filter', {}],
  ['one kind', { kinds: ['STARTUP'] }],
  ['two kinds', { kinds: ['STARTUP', 'SME'] }],
  ['a kind and a sector', { kinds: ['STARTUP'], sectors: ['DATA_AI'] }],
  ['kinds, sectors and sizes', { kinds: ['STARTUP', 'SME', 'LARGE_COMPANY'], sectors: ['MEDTECH', 'E_HEALTH'], sizes: ['PME', 'MICRO'] }],
  ['an ecosystem and a role', { ecosystems: ['PSC'], roles: ['FOUNDING_MEMBER'] }],
  ['ecosystems, roles and a kind', { ecosystems: ['MEDICEN', 'PSC'], roles: ['MEMBER', 'RESIDENT'], kinds: ['STARTUP'] }],
  ['a role and a sector', { roles: ['FOUNDING_MEMBER', 'OPERATOR'], sectors: ['DATA_AI'] }],
];

describe('directory facets are disjunctive, as SQL counts them', () => {
  it.each(FILTERS)('%s', async (_name, filter) => {
    const { data, errors } = await h.run<Result>(QUERY, { filter });
    expect(errors).toBeUndefined();
    const { totalCount, facets } = data!.organizations;
    expect(totalCount).toBe(await sqlTotal(filter));
    for (const facet of ['kinds', 'sectors', 'ecosystems', 'roles', 'sizes'] as const) {
      expect([facet, asMap(facets[facet])]).toEqual([facet, await sqlFacet(filter, facet)]);
    }
  });

  it('after ticking one kind, the other kinds keep their counts and adding one adds exactly its count', async () => {
    const all = (await h.run<Result>(QUERY, {})).data!.organizations;
    const one = (await h.run<Result>(QUERY, { filter: { kinds: ['STARTUP'] } })).data!.organizations;
    // The kind facet ignores the kind selection: the same counts as with no filter.
    expect(one.facets.kinds).toEqual(all.facets.kinds);
    expect(one.facets.kinds.length).toBeGreaterThan(5);
    const startups = one.totalCount;
    const sme = one.facets.kinds.find((f) => f.value === 'SME')!.count;
    const two = (await h.run<Result>(QUERY, { filter: { kinds: ['STARTUP', 'SME'] } })).data!.organizations;
    // Values of a field are OR'ed: the second kind widens the list by its count.
    expect(two.totalCount).toBe(startups + sme);
    // Fields are AND'ed: the sector facet is counted over the two kinds only.
    const sectorSum = two.facets.sectors.reduce((sum, f) => sum + f.count, 0);
    expect(sectorSum).toBeLessThan(all.facets.sectors.reduce((sum, f) => sum + f.count, 0));
  });

  it('always lists a selected value, at count 0 when nothing matches it any more, so that a UI can untick it', async () => {
    const filter = { text: 'zzqxj nothing at all', kinds: ['STARTUP'], sectors: ['DATA_AI'], ecosystems: ['medicen'], roles: ['FOUNDING_MEMBER'], sizes: ['GE'] };
    const { data, errors } = await h.run<Result>(QUERY, { filter });
    expect(errors).toBeUndefined();
    const { totalCount, facets } = data!.organizations;
    expect(totalCount).toBe(0);
    expect(facets.kinds.map(({ value, count }) => ({ value, count }))).toEqual([{ value: 'STARTUP', count: 0 }]);
    expect(facets.sectors.map(({ value, count }) => ({ value, count }))).toEqual([{ value: 'DATA_AI', count: 0 }]);
    expect(facets.roles.map(({ value, count }) => ({ value, count }))).toEqual([{ value: 'FOUNDING_MEMBER', count: 0 }]);
    expect(facets.sizes.map(({ value, count }) => ({ value, count }))).toEqual([{ value: 'GE', count: 0 }]);
    expect(facets.ecosystems.map(({ count }) => count)).toEqual([0]);
    // The tester's case: a text that matches organisations, none of them a startup.
    const sante = (await h.run<Result>(QUERY, { filter: { text: 'sante', kinds: ['STARTUP'] } })).data!.organizations;
    expect(sante.facets.kinds.some((k) => k.value === 'STARTUP')).toBe(true);
  });

  it('labels values in the language asked for, French by default', async () => {
    const fr = (await h.run<Result>(QUERY, {})).data!.organizations.facets;
    const en = (await h.run<Result>(QUERY, { lang: 'EN' })).data!.organizations.facets;
    const label = (facets: Facet[], value: string): string | undefined => facets.find((f) => f.value === value)?.label;
    expect(label(fr.kinds, 'MID_CAP')).toBe('ETI');
    expect(label(en.kinds, 'MID_CAP')).toBe('Mid-cap');
    expect(label(fr.sectors, 'DATA_AI')).toBe('Données et IA');
    expect(label(en.sectors, 'E_HEALTH')).toBe('Digital health');
    expect(label(fr.roles, 'FOUNDING_MEMBER')).toBe('Membre fondateur');
    expect(label(fr.ecosystems, 'MEDICEN')).toMatch(/Medicen/i);
    // Labels cost no statement: the ecosystem names come with the directory index.
    expect(await statements(h.db, () => h.run<Result>(QUERY, { lang: 'EN' }))).toBe(1);
  });
});

describe('text-like filters ignore case and accents', () => {
  const TOTAL = /* GraphQL */ `query ($filter: OrganizationFilter) { organizations(filter: $filter, first: 0) { totalCount } }`;
  const total = async (filter: Record<string, unknown>): Promise<number> => {
    const { data, errors } = await h.run<{ organizations: { totalCount: number } }>(TOTAL, { filter });
    expect(errors).toBeUndefined();
    return data!.organizations.totalCount;
  };

  it('region', async () => {
    const exact = await total({ region: 'Île-de-France' });
    expect(exact).toBeGreaterThan(100);
    expect(await total({ region: 'ile-de-france' })).toBe(exact);
    expect(await total({ region: 'ILE DE FRANCE' })).toBe(exact);
  });

  it('city', async () => {
    const exact = await total({ city: 'Boulogne-Billancourt' });
    expect(exact).toBeGreaterThan(0);
    expect(await total({ city: 'boulogne billancourt' })).toBe(exact);
    expect(await total({ city: 'BOULOGNE-BILLANCOURT', region: 'ile-de-france' })).toBe(exact);
    expect(await total({ city: 'Boulogne' })).toBe(0);
  });

  it('ecosystem codes', async () => {
    const exact = await total({ ecosystems: ['MEDICEN'] });
    expect(exact).toBeGreaterThan(100);
    expect(await total({ ecosystems: ['medicen'] })).toBe(exact);
    expect(await total({ ecosystem: 'Medicen' })).toBe(exact);
  });
});

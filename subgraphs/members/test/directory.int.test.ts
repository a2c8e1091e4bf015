import { DEMO_ECOSYSTEMS, demoOrganization, demoOrganizations, execute, Language, PREFIX_LIKE_ESCAPE, prefixPattern, searchWords } from '@ecosystem/shared';
import { type MembersContext } from '../src/context';
import { Ecosystem } from '../src/ecosystem/ecosystem.entity';
import { withLuhnDigit } from '../src/common/identifiers';
import { ADMIN, createHarness, managerOf, MEMBER, statements, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('members-directory');
});
afterAll(async () => h.close());

interface Facet {
  value: string;
  count: number;
}
interface DirectoryData {
  organizations: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; name: string; kind: string; sizeCategory: string | null } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    facets: { kinds: Facet[]; sectors: Facet[]; ecosystems: Facet[]; roles: Facet[]; sizes: Facet[] };
  };
}

const DIRECTORY = /* GraphQL */ `
  query ($filter: OrganizationFilter, $orderBy: OrganizationOrder, $first: Int, $after: String) {
    organizations(filter: $filter, orderBy: $orderBy, first: $first, after: $after) {
      totalCount
      edges { cursor node { id name kind sizeCategory } }
      pageInfo { hasNextPage endCursor }
      facets { kinds { value count } sectors { value count } ecosystems { value count } roles { value count } sizes { value count } }
    }
  }
`;

const sum = (facets: Facet[]): number => facets.reduce((s, f) => s + f.count, 0);
const countOf = (facets: Facet[], value: string): number => facets.find((f) => f.value === value)?.count ?? 0;

describe('directory facets', () => {
  it('counts every dimension over the whole unfiltered directory', async () => {
    const { data, errors } = await h.run<DirectoryData>(DIRECTORY, { first: 1 });
    expect(errors).toBeUndefined();
    const orgs = demoOrganizations();
    const { facets, totalCount } = data!.organizations;
    expect(totalCount).toBe(orgs.length);
    expect(sum(facets.kinds)).toBe(orgs.length);
    expect(countOf(facets.kinds, 'STARTUP')).toBe(orgs.filter((o) => o.kind === 'STARTUP').length);
    expect(countOf(facets.sectors, 'DATA_AI')).toBe(orgs.filter((o) => o.sectors.includes('DATA_AI')).length);
    expect(countOf(facets.ecosystems, 'MEDICEN')).toBe(492);
    expect(countOf(facets.ecosystems, 'PSC')).toBe(orgs.filter((o) => o.memberships.some((m) => m.ecosystem === 'PSC')).length);
    expect(countOf(facets.roles, 'FOUNDING_MEMBER')).toBe(5);
    expect(facets.sizes.map((f) => f.value).sort()).toEqual(['ETI', 'GE', 'MICRO', 'PME']);
  });

  it('computes facets for the current filter, with no extra statement', async () => {
    const filter = { ecosystems: ['PSC'], kinds: ['RESEARCH_INSTITUTE', 'UNIVERSITY'] };
    let result: DirectoryData | null | undefined;
    const n = await statements(h.db, async () => {
      result = (await h.run<DirectoryData>(DIRECTORY, { filter, first: 50 })).data;
    });
    const { facets, totalCount, edges } = result!.organizations;
    // The page's rows only: the total and the facets are counted over the directory index (loaded
    // by the previous test), no longer by a COUNT and five GROUP BYs.
    expect(n).toBe(1);
    expect(edges).toHaveLength(totalCount);
    // Disjunctive: the kind facet ignores the kind selection (other kinds stay, with their counts)...
    expect(countOf(facets.kinds, 'RESEARCH_INSTITUTE') + countOf(facets.kinds, 'UNIVERSITY')).toBe(totalCount);
    expect(facets.kinds.some((f) => !['RESEARCH_INSTITUTE', 'UNIVERSITY'].includes(f.value))).toBe(true);
    // ...and applies the others: every kind counted is a PSC member.
    expect(countOf(facets.ecosystems, 'PSC')).toBe(totalCount);
    expect(countOf(facets.roles, 'FOUNDING_MEMBER')).toBe(3); // Inserm, INRIA, PSL
  });

  it('filters by membership role, size and region, and sorts both ways', async () => {
    const founders = await h.run<DirectoryData>(DIRECTORY, { filter: { roles: ['FOUNDING_MEMBER'] }, first: 10 });
    expect(founders.data?.organizations.edges.map((e) => e.node.name).sort()).toEqual(
      ['Agence du Numérique en Santé', 'Health Data Hub', 'Institut national de la santé et de la recherche médicale', 'Institut national de recherche en informatique et en automatique', 'Université PSL'].sort(),
    );
    const inRole = await h.run<DirectoryData>(DIRECTORY, { filter: { roles: ['FOUNDING_MEMBER'], ecosystems: ['MEDICEN'] } });
    expect(inRole.data?.organizations.totalCount).toBe(0);
    const ge = await h.run<DirectoryData>(DIRECTORY, { filter: { sizes: ['GE'] }, first: 200 });
    expect(ge.data?.organizations.edges.every((e) => e.node.sizeCategory === 'GE')).toBe(true);
    expect(countOf(ge.data!.organizations.facets.sizes, 'GE')).toBe(ge.data?.organizations.totalCount);
    expect(ge.data!.organizations.facets.sizes.length).toBeGreaterThan(1);
    const lyon = await h.run<DirectoryData>(DIRECTORY, { filter: { region: 'Auvergne-Rhône-Alpes' }, first: 1 });
    expect(lyon.data?.organizations.totalCount).toBeGreaterThan(0);
    const asc = await h.run<DirectoryData>(DIRECTORY, { first: 3 });
    const desc = await h.run<DirectoryData>(DIRECTORY, { orderBy: 'NAME_DESC', first: 3 });
    const all = await h.run<DirectoryData>(DIRECTORY, { first: 200, filter: { text: 'a' } });
    expect(asc.data!.organizations.edges[0]!.node.name <= desc.data!.organizations.edges[0]!.node.name).toBe(true);
    expect(all.errors).toBeUndefined();
  });

  it('pages NAME_DESC without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: DirectoryData = (await h.run<DirectoryData>(DIRECTORY, { orderBy: 'NAME_DESC', first: 100, after, filter: { ecosystem: 'MEDICEN' } })).data!;
      seen.push(...page.organizations.edges.map((e) => e.node.id));
      after = page.organizations.pageInfo.hasNextPage ? page.organizations.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(492);
    expect(new Set(seen).size).toBe(492);
  });
});

describe('lookups', () => {
  it('finds organisations by SIREN and by ROR id, and refuses malformed ones', async () => {
    const rows = (await h.db.dataSource.query('SELECT id, siren FROM organization WHERE siren IS NOT NULL ORDER BY id LIMIT 1')) as { id: string; siren: string }[];
    const bySiren = await h.run<{ organizationBySiren: { id: string } }>(`query ($s: String!) { organizationBySiren(siren: $s) { id } }`, {
      s: `${rows[0]!.siren.slice(0, 3)} ${rows[0]!.siren.slice(3)}`,
    });
    expect(bySiren.data?.organizationBySiren.id).toBe(rows[0]!.id);
    const byRor = await h.run<{ organizationByRor: { id: string; name: string; rorTypes: string[] } }>(
      `query ($r: String!) { organizationByRor(rorId: $r) { id name rorTypes } }`,
      { r: 'https://ror.org/02vjkv261' },
    );
    expect(byRor.data?.organizationByRor).toMatchObject({ id: demoOrganization('inserm').id, rorTypes: ['facility', 'government'] });
    const bad = await h.run(`{ organizationBySiren(siren: "123456789") { id } }`);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'siren' });
    const badRor = await h.run(`{ organizationByRor(rorId: "02vjkv262") { id } }`);
    expect(badRor.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rorId' });
  });
});

const UPSERT = /* GraphQL */ `
  mutation ($input: UpsertOrganizationInput!) {
    upsertOrganization(input: $input) { id name siren siret rorId finess rna nafCode sizeCategory sectors rorTypes address { city country region } parent { id } }
  }
`;

describe('upsertOrganization', () => {
  const siren = withLuhnDigit('80000001');
  const siret = withLuhnDigit(`${siren}0002`);
  const valid = {
    name: 'Clinique Numérique Synthétique',
    kind: 'STARTUP',
    sectors: ['E_HEALTH', 'DATA_AI'],
    rorTypes: ['company'],
    siren,
    siret,
    nafCode: '7211Z',
    sizeCategory: 'MICRO',
    address: { city: 'Paris', postalCode: '75013', region: 'Île-de-France', country: 'FR' },
    website: 'https://clinique.example.org',
    parentId: demoOrganization('inserm').id,
  };
  const existing = (): Promise<{ siren: string; siret: string }> =>
    h.db.dataSource
      .query('SELECT siren, siret FROM organization WHERE siren IS NOT NULL ORDER BY id LIMIT 1')
      .then((rows: { siren: string; siret: string }[]) => rows[0]!);

  it.each([
    ['SIREN with a bad Luhn key', () => ({ siren: '123456789', siret: null }), 'BAD_USER_INPUT', 'input.siren'],
    ['SIREN of 8 digits', () => ({ siren: '12345674', siret: null }), 'BAD_USER_INPUT', 'input.siren'],
    ['SIRET with a bad Luhn key', () => ({ siret: `${siren}00021` }), 'BAD_USER_INPUT', 'input.siret'],
    ['SIRET of another SIREN', () => ({ siret: withLuhnDigit('7328293200007') }), 'BAD_USER_INPUT', 'input.siret'],
    ['ROR id with a bad checksum', () => ({ rorId: '02vjkv262' }), 'BAD_USER_INPUT', 'input.rorId'],
    ['ROR id of the wrong shape', () => ({ rorId: 'ror-123' }), 'BAD_USER_INPUT', 'input.rorId'],
    ['FINESS of the wrong shape', () => ({ finess: '75-ABC' }), 'BAD_USER_INPUT', 'input.finess'],
    ['RNA of the wrong shape', () => ({ rna: 'X123' }), 'BAD_USER_INPUT', 'input.rna'],
    ['unknown ROR type', () => ({ rorTypes: ['startup'] }), 'BAD_USER_INPUT', 'input.rorTypes'],
    ['bad NAF code', () => ({ nafCode: '72' }), 'BAD_USER_INPUT', 'input.nafCode'],
    ['bad website', () => ({ website: 'javascript:alert(1)' }), 'BAD_USER_INPUT', 'input.website'],
    ['bad country', () => ({ address: { country: 'France' } }), 'BAD_USER_INPUT', 'input.address.country'],
    ['unknown parent', () => ({ parentId: 'nope' }), 'BAD_USER_INPUT', 'input.parentId'],
    ['ROR id of Inserm (duplicate)', () => ({ rorId: '02vjkv261' }), 'CONFLICT', 'input.rorId'],
  ])('refuses a %s, writing nothing', async (_what, patch, code, field) => {
    const before = [await h.count('organization'), await h.count('organization_sector')];
    const { errors } = await h.run(UPSERT, { input: { ...valid, ...patch() } }, ADMIN);
    expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    expect([await h.count('organization'), await h.count('organization_sector')]).toEqual(before);
  });

  it('refuses a duplicate SIREN and SIRET with CONFLICT', async () => {
    const taken = await existing();
    const before = await h.count('organization');
    const a = await h.run(UPSERT, { input: { ...valid, siren: taken.siren, siret: null } }, ADMIN);
    expect(a.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.siren' });
    const b = await h.run(UPSERT, { input: { ...valid, siren: null, siret: taken.siret } }, ADMIN);
    expect(b.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.siren' });
    expect(await h.count('organization')).toBe(before);
  });

  it('is refused to anonymous callers, members and managers of another organisation', async () => {
    const before = await h.count('organization');
    expect((await h.run(UPSERT, { input: valid })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.run(UPSERT, { input: valid }, MEMBER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const other = demoOrganization('doctolib');
    const edit = await h.run(UPSERT, { input: { ...valid, id: demoOrganization('servier').id } }, managerOf(other.id));
    expect(edit.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('organization')).toBe(before);
  });

  let createdId = '';
  it('creates (admin) with normalised identifiers, and is then found by accent-free search', async () => {
    const { data, errors } = await h.run<{ upsertOrganization: Record<string, unknown> & { id: string } }>(UPSERT, { input: valid }, ADMIN);
    expect(errors).toBeUndefined();
    expect(data?.upsertOrganization).toMatchObject({
      siren,
      siret,
      nafCode: '72.11Z',
      sizeCategory: 'MICRO',
      sectors: ['DATA_AI', 'E_HEALTH'],
      address: { city: 'Paris', country: 'FR', region: 'Île-de-France' },
      parent: { id: demoOrganization('inserm').id },
    });
    createdId = data!.upsertOrganization.id;
    const found = await h.run<DirectoryData>(DIRECTORY, { filter: { text: 'CLINIQUE numerique' } });
    expect(found.data?.organizations.edges.map((e) => e.node.id)).toContain(createdId);
  });

  it('lets the organisation\u2019s managers update it, and refuses a parent cycle', async () => {
    const renamed = await h.run<{ upsertOrganization: { name: string; siren: string } }>(
      UPSERT,
      { input: { ...valid, id: createdId, name: 'Clinique Numérique Synthétique SAS', siren: null, siret } },
      managerOf(createdId),
    );
    expect(renamed.errors).toBeUndefined();
    expect(renamed.data?.upsertOrganization).toMatchObject({ name: 'Clinique Numérique Synthétique SAS', siren });
    const inserm = demoOrganization('inserm');
    const cycle = await h.run(UPSERT, { input: { name: inserm.name, kind: inserm.kind, id: inserm.id, parentId: createdId } }, ADMIN);
    expect(cycle.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.parentId' });
  });

  it('updates as a patch: a field left out keeps its value, null clears it', async () => {
    const before = await h.run<{ upsertOrganization: Record<string, unknown> }>(UPSERT, { input: { id: createdId, name: 'Clinique Numérique Synthétique SAS', kind: 'STARTUP' } }, managerOf(createdId));
    expect(before.errors).toBeUndefined();
    expect(before.data?.upsertOrganization).toMatchObject({
      siren,
      siret,
      nafCode: '72.11Z',
      sizeCategory: 'MICRO',
      sectors: ['DATA_AI', 'E_HEALTH'],
      rorTypes: ['company'],
      address: { city: 'Paris', country: 'FR', region: 'Île-de-France' },
      parent: { id: demoOrganization('inserm').id },
    });
    const cleared = await h.run<{ upsertOrganization: Record<string, unknown> }>(
      UPSERT,
      { input: { id: createdId, name: 'Clinique Numérique Synthétique SAS', kind: 'STARTUP', nafCode: null, sectors: null, address: null } },
      managerOf(createdId),
    );
    expect(cleared.errors).toBeUndefined();
    expect(cleared.data?.upsertOrganization).toMatchObject({ siren, nafCode: null, sectors: [], address: null, sizeCategory: 'MICRO', rorTypes: ['company'] });
  });

  it('declaring a parent needs the viewer to act for the parent too (or admin)', async () => {
    const parent = demoOrganization('medicen').id;
    const input = { id: createdId, name: 'Clinique Numérique Synthétique SAS', kind: 'STARTUP', parentId: parent };
    const before = await h.db.dataSource.query('SELECT parentId FROM organization WHERE id = ?', [createdId]);
    const refused = await h.run(UPSERT, { input }, managerOf(createdId));
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field: 'input.parentId' });
    expect(await h.db.dataSource.query('SELECT parentId FROM organization WHERE id = ?', [createdId])).toEqual(before);
    const allowed = await h.run<{ upsertOrganization: { parent: { id: string } } }>(UPSERT, { input }, ADMIN);
    expect(allowed.data?.upsertOrganization.parent.id).toBe(parent);
  });
});

const ADD = /* GraphQL */ `
  mutation ($input: AddMembershipInput!) { addMembership(input: $input) { role filieres since until ecosystem { code } organization { id } } }
`;
const END = /* GraphQL */ `
  mutation ($input: EndMembershipInput!) { endMembership(input: $input) { until } }
`;

describe('memberships', () => {
  const org = demoOrganization('polepharma');

  it('lets only one of two concurrent identical addMembership calls through', async () => {
    const target = demoOrganization('alcimed');
    const before = await h.count('membership');
    const results = await Promise.all(
      [1, 2].map(() => h.run(ADD, { input: { organizationId: target.id, ecosystemCode: 'PSC', role: 'MEMBER' } }, ADMIN)),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.ecosystemCode' });
    expect(await h.count('membership')).toBe(before + 1);
  });

  it('refuses unknown ecosystems, duplicates and strangers, writing nothing', async () => {
    const before = await h.count('membership');
    const unknown = await h.run(ADD, { input: { organizationId: org.id, ecosystemCode: 'NOPE' } }, ADMIN);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ecosystemCode' });
    const dup = await h.run(ADD, { input: { organizationId: org.id, ecosystemCode: 'MEDICEN' } }, ADMIN);
    expect(dup.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.ecosystemCode' });
    const badDay = await h.run(ADD, { input: { organizationId: org.id, ecosystemCode: 'ADS', since: '2024-02-31x' } }, ADMIN);
    expect(badDay.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.since' });
    const stranger = await h.run(ADD, { input: { organizationId: org.id, ecosystemCode: 'ADS' } }, MEMBER);
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('membership')).toBe(before);
  });

  it('adds a membership (manager), lists it in the ecosystem, then ends it', async () => {
    const added = await h.run(ADD, { input: { organizationId: org.id, ecosystemCode: 'ADS', role: 'TRAINING_PARTNER', filieres: ['PHARMA'], since: '2024-01-15' } }, managerOf(org.id));
    expect(added.errors).toBeUndefined();
    expect(added.data).toEqual({
      addMembership: { role: 'TRAINING_PARTNER', filieres: ['PHARMA'], since: '2024-01-15', until: null, ecosystem: { code: 'ADS' }, organization: { id: org.id } },
    });
    const members = await h.run<{ ecosystem: { members: { totalCount: number; edges: { node: { organization: { id: string } } }[] } } }>(
      /* GraphQL */ `{ ecosystem(code: "ADS") { members(filter: { text: "polepharma" }) { totalCount edges { node { organization { id } } } } } }`,
    );
    expect(members.data?.ecosystem.members.edges.map((e) => e.node.organization.id)).toEqual([org.id]);
    const early = await h.run(END, { input: { organizationId: org.id, ecosystemCode: 'ADS', until: '2023-12-31' } }, ADMIN);
    expect(early.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.until' });
    const ended = await h.run(END, { input: { organizationId: org.id, ecosystemCode: 'ADS', until: '2024-06-30' } }, managerOf(org.id));
    expect(ended.data).toEqual({ endMembership: { until: '2024-06-30' } });
    const again = await h.run(END, { input: { organizationId: org.id, ecosystemCode: 'ADS' } }, ADMIN);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.ecosystemCode' });
  });
});

interface MembersData {
  ecosystem: {
    code: string;
    axes: { code: string; crossCutting: boolean }[];
    keyFigures: { label: string; value: number; unit: string | null; year: number | null }[];
    members: { totalCount: number; edges: { cursor: string; node: { role: string; organization: { id: string; name: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } };
  };
}

const MEMBERS = /* GraphQL */ `
  query ($code: String!, $filter: MemberFilter, $first: Int, $after: String) {
    ecosystem(code: $code) {
      code axes { code crossCutting } keyFigures { label value unit year }
      members(filter: $filter, first: $first, after: $after) {
        totalCount edges { cursor node { role organization { id name } } } pageInfo { hasNextPage endCursor }
      }
    }
  }
`;

describe('ecosystem members', () => {
  it('shows axes and key figures from the seed articles', async () => {
    const { data } = await h.run<MembersData>(MEMBERS, { code: 'MEDICEN', first: 0 });
    expect(data?.ecosystem.axes.map((a) => a.code)).toEqual(['BIOTECH', 'MEDTECH', 'E_HEALTH', 'DATA_AI']);
    expect(data?.ecosystem.axes.find((a) => a.code === 'DATA_AI')?.crossCutting).toBe(true);
    // Labels people read: French by default, English by argument or by the request's language.
    expect(data?.ecosystem.keyFigures).toContainEqual({ label: 'Adhérents', value: 492, unit: null, year: 2020 });
    const FIGURES = /* GraphQL */ `query ($lang: Language) { ecosystem(code: "PSC") { keyFigures { fr: label(lang: FR) en: label(lang: $lang) label value } } }`;
    type Figures = { ecosystem: { keyFigures: { fr: string; en: string; label: string; value: number }[] } };
    const byArgument = (await h.run<Figures>(FIGURES, { lang: 'EN' })).data!.ecosystem.keyFigures;
    expect(byArgument.find((f) => f.value === 1600)).toEqual({ fr: 'Personnes sur le campus', en: 'People on the campus', label: 'Personnes sur le campus', value: 1600 });
    expect(byArgument.filter((f) => f.en === f.fr).map((f) => f.fr)).toEqual(['Surface']);
    const english = await execute<Figures, MembersContext>(h.server.apollo, FIGURES, {}, { ...h.context(), language: Language.EN });
    expect(english.data!.ecosystem.keyFigures.find((f) => f.value === 1600)).toMatchObject({ fr: 'Personnes sur le campus', label: 'People on the campus' });
  });

  it('reads key figures stored before labels had languages: their one label in every language', async () => {
    const repository = h.db.dataSource.getRepository(Ecosystem);
    const ads = await repository.findOneByOrFail({ code: 'ADS' });
    const saved = ads.keyFigures;
    try {
      await repository.update({ id: ads.id }, { keyFigures: [{ label: 'Modules at launch', value: 13, unit: null, year: 2022, source: null }] });
      const FIGURES = /* GraphQL */ `{ ecosystem(code: "ADS") { keyFigures { fr: label(lang: FR) en: label(lang: EN) } } }`;
      const { data } = await h.run<{ ecosystem: { keyFigures: { fr: string; en: string }[] } }>(FIGURES);
      expect(data!.ecosystem.keyFigures).toEqual([{ fr: 'Modules at launch', en: 'Modules at launch' }]);
    } finally {
      await repository.update({ id: ads.id }, { keyFigures: saved });
    }
  });

  it('lists the 492 Medicen members as a connection, filtered by role and kind', async () => {
    const { data } = await h.run<MembersData>(MEMBERS, { code: 'MEDICEN', first: 5 });
    expect(data?.ecosystem.members.totalCount).toBe(492);
    const founders = await h.run<MembersData>(MEMBERS, { code: 'PSC', filter: { roles: ['FOUNDING_MEMBER'] }, first: 10 });
    expect(founders.data?.ecosystem.members.totalCount).toBe(5);
    const startups = await h.run<MembersData>(MEMBERS, { code: 'PSC', filter: { kinds: ['STARTUP'], filieres: [] }, first: 200 });
    expect(startups.data?.ecosystem.members.edges.length).toBe(startups.data?.ecosystem.members.totalCount);
  });

  it('keeps cursors valid when members are inserted between two page requests', async () => {
    const first = await h.run<MembersData>(MEMBERS, { code: 'PSC', first: 20 });
    const cursor = first.data!.ecosystem.members.pageInfo.endCursor;
    const expected = await h.run<MembersData>(MEMBERS, { code: 'PSC', first: 20, after: cursor });
    // New members sorting at the very start, inside the first page and at the end.
    const names = ['AAA Première Synthétique', `${first.data!.ecosystem.members.edges[5]!.node.organization.name} bis`, 'ZZZ Dernière Synthétique'];
    for (const name of names) {
      const created = await h.run<{ upsertOrganization: { id: string } }>(UPSERT, { input: { name, kind: 'STARTUP' } }, ADMIN);
      expect(created.errors).toBeUndefined();
      const added = await h.run(ADD, { input: { organizationId: created.data!.upsertOrganization.id, ecosystemCode: 'PSC', role: 'RESIDENT' } }, ADMIN);
      expect(added.errors).toBeUndefined();
    }
    const second = await h.run<MembersData>(MEMBERS, { code: 'PSC', first: 20, after: cursor });
    expect(second.data?.ecosystem.members.edges.map((e) => e.node.organization.id)).toEqual(
      expected.data?.ecosystem.members.edges.map((e) => e.node.organization.id),
    );
    expect(second.data?.ecosystem.members.totalCount).toBe(expected.data!.ecosystem.members.totalCount + 3);
  });
});

describe('loaders: N loads make one SQL statement', () => {
  const orgIds = demoOrganizations().slice(0, 80).map((o) => o.id);
  const ecosystemIds = DEMO_ECOSYSTEMS.map((e) => e.id);
  const cases: [string, () => Promise<unknown>][] = [
    ['organizationById', async () => { const l = h.loaders(); await Promise.all(orgIds.map((id) => l.organizationById.load(id))); }],
    ['sectorsByOrganizationId', async () => { const l = h.loaders(); await Promise.all(orgIds.map((id) => l.sectorsByOrganizationId.load(id))); }],
    ['membershipsByOrganizationId', async () => { const l = h.loaders(); await Promise.all(orgIds.map((id) => l.membershipsByOrganizationId.load(id))); }],
    ['ecosystemById', async () => { const l = h.loaders(); await Promise.all(ecosystemIds.map((id) => l.ecosystemById.load(id))); }],
    [
      'membersByEcosystem',
      async () => {
        const l = h.loaders();
        const args = { filter: { roles: [], kinds: ['STARTUP'], filieres: [], text: null, includePast: false }, first: 5, after: null };
        const pages = await Promise.all(ecosystemIds.map((id) => l.membersByEcosystem.load({ id, window: args })));
        expect(pages.map((p) => p.edges.length)).toEqual([5, 5, 0]);
      },
    ],
    [
      'membersCountByEcosystem',
      async () => {
        const l = h.loaders();
        const args = { roles: [], kinds: [], filieres: [], text: null, includePast: false };
        await Promise.all(ecosystemIds.map((id) => l.membersCountByEcosystem.load({ id, window: args })));
      },
    ],
  ];
  it.each(cases)('%s', async (_name, fn) => {
    expect(await statements(h.db, fn)).toBe(1);
  });

  it('Organization and Ecosystem references through _entities', async () => {
    const reps = [...orgIds.map((id) => ({ __typename: 'Organization', id })), ...ecosystemIds.map((id) => ({ __typename: 'Ecosystem', id }))];
    const n = await statements(h.db, async () => {
      const { errors } = await h.run(/* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id } ... on Ecosystem { id } } }`, {
        reps: [...reps, ...reps],
      });
      expect(errors).toBeUndefined();
    });
    expect(n).toBe(2);
  });

  it('the members of every ecosystem with their organisations: a fixed number of statements', async () => {
    const query = /* GraphQL */ `{ ecosystems { code members(first: 50) { totalCount edges { node { role filieres organization { name sectors memberships { role } } } } } } }`;
    const n = await statements(h.db, async () => expect((await h.run(query)).errors).toBeUndefined());
    // ecosystems, member pages, counts, organisations, sectors, memberships
    expect(n).toBe(6);
  });
});

describe('text search: every word of the text begins a word of the name or acronym', () => {
  const search = async (text: string, extra: Record<string, unknown> = {}): Promise<DirectoryData['organizations']> => {
    const { data, errors } = await h.run<DirectoryData>(DIRECTORY, { filter: { text, ...extra }, first: 100 });
    expect(errors).toBeUndefined();
    return data!.organizations;
  };
  const names = async (text: string): Promise<string[]> => (await search(text)).edges.map((e) => e.node.name);

  it('matches word prefixes of the name and of the acronym, case and accents folded', async () => {
    expect(await names('telecom')).toEqual(['Télécom Paris']);
    expect(await names('TÉLÉ')).toContain('Télécom Paris');
    expect(await names('Dassault Systèmes')).toEqual(['Dassault Systèmes']);
    expect(await names('DASSAULT sys')).toEqual(['Dassault Systèmes']);
    expect(await names('3ds')).toEqual(['Dassault Systèmes']); // acronym
    expect(await names('inse')).toEqual(['Institut national de la santé et de la recherche médicale']); // acronym Inserm
    // Inside a word is not the start of one (a substring search found these).
    expect((await search('ecom')).totalCount).toBe(0);
    expect(await names('elecom')).toEqual([]);
  });

  it('ANDs the words, and agrees with the rule computed in JavaScript over every organisation', async () => {
    const rows = (await h.db.dataSource.query('SELECT id, name, acronym FROM organization')) as { id: string; name: string; acronym: string | null }[];
    for (const text of ['national sante', 'sante national', 'institut recherche', 'agence sant', 'paris', 'univ lil', 'zzzz', 'de la']) {
      const words = searchWords(text);
      const expected = rows.filter((o) => words.every((w) => searchWords(o.name, o.acronym).some((term) => term.startsWith(w)))).map((o) => o.id);
      const found = await search(text);
      expect([text, found.totalCount]).toEqual([text, expected.length]);
      const ids = found.edges.map((e) => e.node.id);
      expect(ids.length).toBe(Math.min(100, expected.length));
      expect(ids.filter((id) => !expected.includes(id))).toEqual([]);
    }
    expect(await names('national sante')).toEqual(
      expect.arrayContaining(['Institut national de la santé et de la recherche médicale', 'Agence nationale de sécurité du médicament et des produits de santé']),
    );
    expect(await names('national sante')).not.toContain('Haute Autorité de santé');
  });

  it('combines with the other filters and counts the same set in facets', async () => {
    const all = await search('sante');
    const research = await search('sante', { kinds: ['RESEARCH_INSTITUTE'] });
    expect(research.totalCount).toBeGreaterThan(0);
    expect(research.totalCount).toBeLessThan(all.totalCount);
    expect(research.edges.every((e) => e.node.kind === 'RESEARCH_INSTITUTE')).toBe(true);
    expect(sum(all.facets.kinds)).toBe(all.totalCount);
  });

  it('reads LIKE wildcards in the text as separators, never as wildcards', async () => {
    // As wildcards, these would find "Télécom Paris" and the "… et Lecomte" companies.
    expect((await search('%ecom')).totalCount).toBe(0);
    expect((await search('_elecom')).totalCount).toBe(0);
    expect((await search('t_l_com')).edges.map((e) => e.node.name)).not.toContain('Télécom Paris');
    // Nothing but punctuation: no word, no text filter.
    expect((await search('%')).totalCount).toBe(await h.count('organization'));
  });

  it('escapes LIKE wildcards in a prefix pattern the same way on both databases (ESCAPE !)', async () => {
    const matches = async (value: string, word: string): Promise<boolean> => {
      const rows = (await h.db.dataSource.query(`SELECT CASE WHEN ? LIKE ? ESCAPE '${PREFIX_LIKE_ESCAPE}' THEN 1 ELSE 0 END AS m`, [value, prefixPattern(word)])) as { m: number | string }[];
      return Number(rows[0]!.m) === 1;
    };
    expect(await matches('a_cd', 'a_c')).toBe(true);
    expect(await matches('abcd', 'a_c')).toBe(false);
    expect(await matches('a%cd', 'a%')).toBe(true);
    expect(await matches('abcd', 'a%')).toBe(false);
    expect(await matches('a!b', 'a!')).toBe(true);
    expect(await matches('ab', 'a!')).toBe(false);
    expect(await matches('a\\b', 'a\\')).toBe(true);
    expect(await matches('ab', 'a\\')).toBe(false);
  });

  it('finds a renamed organisation under its new name only, and keeps one term row per distinct word', async () => {
    const created = await h.run<{ upsertOrganization: { id: string } }>(UPSERT, { input: { name: 'Zygomorphe Analytique Zygomorphe', acronym: 'ZYGA', kind: 'STARTUP' } }, ADMIN);
    expect(created.errors).toBeUndefined();
    const id = created.data!.upsertOrganization.id;
    expect((await search('zygo')).edges.map((e) => e.node.id)).toEqual([id]);
    expect((await search('zyga')).edges.map((e) => e.node.id)).toEqual([id]);
    const renamed = await h.run(UPSERT, { input: { id, name: 'Quetzalcoatl Biotech', acronym: null, kind: 'STARTUP' } }, ADMIN);
    expect(renamed.errors).toBeUndefined();
    expect((await search('quetzal bio')).edges.map((e) => e.node.id)).toEqual([id]);
    expect((await search('zygo')).totalCount).toBe(0);
    expect((await search('zyga')).totalCount).toBe(0);
    const terms = (await h.db.dataSource.query('SELECT term FROM organization_search_term WHERE organizationId = ? ORDER BY term', [id])) as { term: string }[];
    expect(terms.map((t) => t.term)).toEqual(['biotech', 'quetzalcoatl']);
  });

  it('cuts words to 64 characters, in the index and in the text alike', async () => {
    const long = `Pneumonoultramicroscopicsilicovolcanoconiosis${'x'.repeat(40)}`;
    const created = await h.run<{ upsertOrganization: { id: string } }>(UPSERT, { input: { name: `${long} Institut`, kind: 'STARTUP' } }, ADMIN);
    expect(created.errors).toBeUndefined();
    expect((await search(long)).edges.map((e) => e.node.id)).toEqual([created.data!.upsertOrganization.id]);
    expect((await search('pneumono')).edges.map((e) => e.node.id)).toEqual([created.data!.upsertOrganization.id]);
  });

  const onMysql = process.env.DATABASE_URL ? it : it.skip;
  onMysql('reads the term index by prefix range, never scanning every organisation (EXPLAIN, MySQL)', async () => {
    const seen: { sql: string; parameters: unknown[] }[] = [];
    const logger = h.db.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (sql: string, parameters?: unknown[]) => {
      seen.push({ sql, parameters: parameters ?? [] });
      return original(sql, parameters);
    };
    try {
      await search('sant');
      await search('national sante', { kinds: ['RESEARCH_INSTITUTE'] });
    } finally {
      logger.logQuery = original;
    }
    await h.db.dataSource.query('ANALYZE TABLE `organization`, `organization_search_term`');
    // One statement per search: the ids matching every word (the page, its total and its facets come from the directory index).
    const texts = seen.filter((s) => s.sql.includes('organization_search_term'));
    expect(texts).toHaveLength(2);
    for (const statement of texts) {
      const plan = (await h.db.dataSource.query(`EXPLAIN ${statement.sql}`, statement.parameters)) as { table: string; type: string; key: string | null }[];
      const where = `${JSON.stringify(plan)}\n${statement.sql}`;
      // The terms: a range of the primary key (term, organizationId), or lookups by organisation.
      const terms = plan.filter((step) => /^t\d$/.test(step.table));
      expect([where, terms.length]).toEqual([where, statement.sql.split('organization_search_term').length - 1]);
      for (const step of terms) expect([where, step.key]).toEqual([where, expect.stringMatching(/^(PRIMARY|idx_organization_search_term_org)$/)]);
      // No base table is read in full (the materialised `<subquery…>` is the handful of matching ids).
      expect([where, plan.filter((step) => step.type === 'ALL' && !step.table.startsWith('<'))]).toEqual([where, []]);
    }
  });

  onMysql('pages a kind filter in name order through (kind, sortName, id), without a sort (EXPLAIN, MySQL)', async () => {
    const plan = (await h.db.dataSource.query(
      'EXPLAIN SELECT `org`.`id` FROM `organization` `org` WHERE `org`.`kind` IN (?) ORDER BY `org`.`sortName` ASC, `org`.`id` ASC LIMIT 51',
      ['STARTUP'],
    )) as { key: string | null; Extra: string | null }[];
    expect(plan).toHaveLength(1);
    expect(plan[0]!.key).toBe('idx_organization_kind_sort');
    expect(plan[0]!.Extra ?? '').not.toMatch(/filesort/);
  });
});

import { demoDatasetRefs, demoOrganizations, Role, type Viewer } from '@ecosystem/shared';
import { Dataset } from '../src/dataset/dataset.entity';
import { demoCatalogues, type DemoDataset, demoDatasets } from '../src/seed/demo-catalogue';
import { type Harness, startHarness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('datasets-int');
});

afterAll(async () => {
  await h?.close();
});

interface Node {
  id: string;
  identifier: string;
  title: { fr: string; en: string | null };
  typology: string;
  accessRights: string;
  healthCategories: string[];
  publisher: { id: string };
}

interface DatasetsData {
  datasets: {
    totalCount: number;
    edges: { cursor: string; node: Node }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const DATASETS = /* GraphQL */ `
  query Datasets($filter: DatasetFilter, $first: Int, $after: String) {
    datasets(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id identifier title { fr en } typology accessRights healthCategories publisher { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const hdh = demoOrganizations().find((o) => o.key === 'health-data-hub');
const demo = demoDatasets();
const member: Viewer = { sub: 'person-1', org: demoOrganizations()[20]?.id, roles: [Role.MEMBER] };

async function ids(filter: Record<string, unknown>): Promise<{ total: number; ids: string[] }> {
  const { data, errors } = await h.run<DatasetsData>(DATASETS, { filter, first: 200 });
  if (errors) throw new Error(JSON.stringify(errors));
  return { total: data?.datasets.totalCount ?? -1, ids: data?.datasets.edges.map((e) => e.node.id) ?? [] };
}

function expected(predicate: (d: DemoDataset) => boolean): string[] {
  return demo.filter(predicate).map((d) => d.id).sort();
}

describe('datasets', () => {
  it('seeds the ~300 demo datasets with the shared ids, identifiers, titles and publishers', async () => {
    const { data, errors } = await h.run<DatasetsData>(DATASETS, { first: 0 });
    expect(errors).toBeUndefined();
    expect(data?.datasets.totalCount).toBe(demoDatasetRefs().length);
    const ref = demoDatasetRefs()[0];
    const one = await h.run<{ dataset: { id: string; identifier: string; title: { fr: string }; publisher: { id: string } } }>(
      /* GraphQL */ `query ($id: ID!) { dataset(id: $id) { id identifier title { fr } publisher { id } } }`,
      { id: ref?.id },
    );
    expect(one.data?.dataset).toEqual({
      id: ref?.id,
      identifier: ref?.identifier,
      title: { fr: ref?.title },
      publisher: { id: ref?.publisher.id },
    });
  });

  it('returns every field of the model for the SNDS, with exact BigInt counts', async () => {
    const { data, errors } = await h.run<{ datasetByIdentifier: Record<string, unknown> }>(
      /* GraphQL */ `
        query ($identifier: String!) {
          datasetByIdentifier(identifier: $identifier) {
            id identifier title { fr en } description { fr }
            publisher { id } creators { id } hdab { id } contactPoint { name email url }
            themes keywords healthCategories healthThemes typology spatial temporal { start end }
            accrualPeriodicity accessRights applicableLegislation legalBasis personalData purposes
            populationCoverage minTypicalAge maxTypicalAge numberOfRecords numberOfUniqueIndividuals
            codingSystems conformsTo trustedDataHolder retentionPeriod { start end } qualityAnnotations
            hdhPosition accessModalities issued modified version landingPage
            catalogue { id title publisher { id } }
            distributions { id title accessURL format mediaType byteSize accessService }
            projects { id }
          }
        }
      `,
      { identifier: 'https://data.example.org/dataset/snds-main' },
    );
    expect(errors).toBeUndefined();
    const d = JSON.parse(JSON.stringify(data?.datasetByIdentifier)) as Record<string, unknown>;
    expect(d).toMatchObject({
      title: { fr: 'Système national des données de santé (base principale)', en: 'French National Health Data System (main database)' },
      publisher: { id: hdh?.id },
      hdab: { id: hdh?.id },
      typology: 'CLAIMS',
      accessRights: 'NON_PUBLIC',
      hdhPosition: 'SNDS_MAIN_DATABASE',
      numberOfUniqueIndividuals: 68420131,
      numberOfRecords: 31500000000,
      minTypicalAge: 0,
      maxTypicalAge: null,
      temporal: { start: '2006-01-01T00:00:00.000Z', end: null },
      catalogue: { title: demoCatalogues()[0]?.title, publisher: { id: hdh?.id } },
    });
    expect(d?.codingSystems).toEqual(expect.arrayContaining(['ICD10', 'CCAM', 'ATC']));
    expect(d?.accessModalities).toEqual(expect.arrayContaining(['PERMANENT_ACCESS', 'PROJECT_CESREES_CNIL']));
    expect((d?.distributions as unknown[]).length).toBeGreaterThan(0);
    expect((d?.projects as unknown[]).length).toBeGreaterThan(0);
  });

  it('keeps every digit of counts beyond 2^53 (MySQL BIGINT)', async () => {
    const big = '9007199254740993';
    const base = await h.db.dataSource.getRepository(Dataset).findOneByOrFail({ identifier: 'https://data.example.org/dataset/constances' });
    const copy = h.db.dataSource.getRepository(Dataset).create({
      ...base,
      id: '00000000-0000-4000-8000-000000000001',
      identifier: 'https://data.example.org/dataset/huge',
      numberOfRecords: big,
    });
    copy.fold();
    await h.db.dataSource.getRepository(Dataset).insert(copy);
    try {
      const { data } = await h.run<{ dataset: { numberOfRecords: unknown } }>(
        /* GraphQL */ `query ($id: ID!) { dataset(id: $id) { numberOfRecords } }`,
        { id: copy.id },
      );
      if (h.db.kind === 'mysql') expect(data?.dataset.numberOfRecords).toBe(big);
      else expect(String(data?.dataset.numberOfRecords)).toMatch(/^900719925474099\d$/); // sql.js reads doubles
    } finally {
      await h.db.dataSource.getRepository(Dataset).delete({ id: copy.id });
    }
  });

  it('matches both languages where content has both: "oncology" and "oncologie" find the same datasets', async () => {
    const english = await ids({ text: 'breast oncology' });
    const french = await ids({ text: 'oncologie du sein' });
    const want = expected((d) => d.titleFr.includes('oncologie du sein'));
    expect(want.length).toBeGreaterThan(5);
    expect(english.ids.sort()).toEqual(expect.arrayContaining(want));
    expect(french.ids.sort()).toEqual(expect.arrayContaining(want));
    // Every demo dataset has an English title.
    expect(demo.filter((d) => !d.titleEn)).toEqual([]);
  });

  it('finds the SNDS from "systeme national", ignoring case and accents', async () => {
    const { ids: found } = await ids({ text: 'SYSTEME national' });
    expect(found).toContain(demo.find((d) => d.key === 'snds-main')?.id);
  });

  it.each<[string, Record<string, unknown>, (d: DemoDataset) => boolean]>([
    ['healthCategories', { healthCategories: ['HGPD', 'PHDR'] }, (d) => d.healthCategories.some((c) => ['HGPD', 'PHDR'].includes(c))],
    ['typology', { typology: ['REGISTRY', 'IMAGING'] }, (d) => ['REGISTRY', 'IMAGING'].includes(d.typology)],
    ['accessRights', { accessRights: ['PUBLIC'] }, (d) => d.accessRights === 'PUBLIC'],
    ['publishers', { publishers: [hdh?.id] }, (d) => d.publisherId === hdh?.id],
    ['accessModalities', { accessModalities: ['OPEN_DATA', 'EHDS_DATA_PERMIT'] }, (d) => d.accessModalities.some((m) => ['OPEN_DATA', 'EHDS_DATA_PERMIT'].includes(m))],
    ['healthThemes (case ignored)', { healthThemes: ['Cardiovascular', 'MORTALITY'] }, (d) => d.healthThemes.some((t) => ['cardiovascular', 'mortality'].includes(t))],
    [
      'healthThemes (case, accents and hyphens ignored, as CallFilter.theme)',
      { healthThemes: ['Breast-Cancer', ' MYOCARDIAL  infarction ', 'Âgeing'] },
      (d) => d.healthThemes.some((t) => ['breast cancer', 'myocardial infarction', 'ageing'].includes(t)),
    ],
    ['catalogueId', { catalogueId: demoCatalogues()[0]?.id }, (d) => d.catalogueId === demoCatalogues()[0]?.id],
    ['hdhPosition', { hdhPosition: ['SNDS_MAIN_DATABASE', 'SNDS_CATALOGUE'] }, (d) => ['SNDS_MAIN_DATABASE', 'SNDS_CATALOGUE'].includes(d.hdhPosition)],
    ['codingSystems', { codingSystems: ['ORPHA', 'OMOP'] }, (d) => d.codingSystems.some((c) => ['ORPHA', 'OMOP'].includes(c))],
    ['minIndividuals', { minIndividuals: 1000000 }, (d) => BigInt(d.numberOfUniqueIndividuals ?? '-1') >= 1000000n],
    ['minIndividuals as a string beyond 2^53', { minIndividuals: '9007199254740993' }, () => false],
    ['ageRange', { ageRange: { min: 0, max: 10 } }, (d) => (d.minTypicalAge ?? 0) <= 10 && (d.maxTypicalAge ?? 999) >= 0],
    ['ageRange (open max)', { ageRange: { min: 80 } }, (d) => d.maxTypicalAge === null || d.maxTypicalAge >= 80],
    [
      'temporalOverlap',
      { temporalOverlap: { start: '2001-01-01', end: '2003-12-31' } },
      (d) => d.temporalStart !== null && d.temporalStart <= '2003-12-31' && (d.temporalEnd === null || d.temporalEnd >= '2001-01-01'),
    ],
  ])('filters by %s exactly as the model says', async (_name, filter, predicate) => {
    const want = expected(predicate);
    const got = await ids(filter);
    expect(got.total).toBe(want.length);
    if (want.length <= 200) expect(got.ids.sort()).toEqual(want);
  });

  it('combines every filter (AND) and keeps the count right', async () => {
    const filter = {
      healthCategories: ['HRAD'],
      typology: ['CLAIMS'],
      accessRights: ['NON_PUBLIC'],
      publishers: [hdh?.id],
      codingSystems: ['ICD10'],
      minIndividuals: '60000000',
      ageRange: { min: 30, max: 40 },
      temporalOverlap: { start: '2010-01-01' },
      text: 'snds',
    };
    const got = await ids(filter);
    const want = expected(
      (d) =>
        d.healthCategories.includes('HRAD' as never) &&
        d.typology === 'CLAIMS' &&
        d.accessRights === 'NON_PUBLIC' &&
        d.publisherId === hdh?.id &&
        d.codingSystems.includes('ICD10' as never) &&
        BigInt(d.numberOfUniqueIndividuals ?? '0') >= 60000000n &&
        /snds/i.test(`${d.titleFr} ${d.descriptionFr} ${d.identifier} ${d.keywords.join(' ')}`) &&
        (d.temporalEnd === null || d.temporalEnd >= '2010-01-01'),
    );
    expect(got.ids.sort()).toEqual(want);
    expect(want.length).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ['a negative minimum of individuals', { minIndividuals: -1 }, 'filter.minIndividuals'],
    ['an inverted age range', { ageRange: { min: 50, max: 10 } }, 'filter.ageRange'],
    ['an inverted period', { temporalOverlap: { start: '2020-01-01', end: '2010-01-01' } }, 'filter.temporalOverlap'],
    ['an out-of-range age', { ageRange: { min: -3 } }, 'filter.ageRange.min'],
  ])('refuses %s with BAD_USER_INPUT naming the field', async (_name, filter, field) => {
    const { errors } = await h.run(DATASETS, { filter });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('pages with cursors over the whole list without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: Awaited<ReturnType<typeof h.run<DatasetsData>>> = await h.run<DatasetsData>(DATASETS, { first: 70, after });
      const page = result.data?.datasets;
      if (!page) throw new Error(JSON.stringify(result.errors));
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('refuses a forged cursor with BAD_USER_INPUT naming the argument', async () => {
    const { errors } = await h.run(DATASETS, { after: 'nope' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('facets', () => {
  const FACETS = /* GraphQL */ `
    query ($filter: DatasetFilter) {
      datasets(filter: $filter, first: 1) {
        totalCount
        facets {
          healthCategories { value count } typology { value count } accessRights { value count }
          hdhPosition { value count } codingSystems { value count } publishers { value count }
        }
      }
    }
  `;
  type Facet = { value: string; count: number }[];
  interface FacetsData {
    datasets: { totalCount: number; facets: Record<string, Facet> };
  }
  const asMap = (facet: Facet | undefined): Record<string, number> => Object.fromEntries((facet ?? []).map((f) => [f.value, f.count]));
  const countBy = (rows: DemoDataset[], values: (d: DemoDataset) => string[]): Record<string, number> => {
    const counts: Record<string, number> = {};
    for (const d of rows) for (const v of new Set(values(d))) counts[v] = (counts[v] ?? 0) + 1;
    return counts;
  };

  type Field = 'healthCategories' | 'typology' | 'accessRights' | 'hdhPosition' | 'codingSystems' | 'publishers';
  const valuesOf: Record<Field, (d: DemoDataset) => string[]> = {
    healthCategories: (d) => d.healthCategories,
    typology: (d) => [d.typology],
    accessRights: (d) => [d.accessRights],
    hdhPosition: (d) => [d.hdhPosition],
    codingSystems: (d) => d.codingSystems,
    publishers: (d) => [d.publisherId],
  };
  /** The model: values of a field OR'ed, fields AND'ed, `skip` left out (the facet's own field). */
  const matches = (d: DemoDataset, filter: Partial<Record<Field, string[]>>, skip?: Field): boolean =>
    (Object.keys(valuesOf) as Field[]).every((field) => field === skip || !filter[field]?.length || valuesOf[field](d).some((v) => filter[field]!.includes(v)));

  it.each<[string, Partial<Record<Field, string[]>>]>([
    ['no filter', {}],
    ['a typology filter', { typology: ['COHORT', 'REGISTRY'] }],
    ['a health category + access filter', { healthCategories: ['EHRS'], accessRights: ['RESTRICTED'] }],
    ['four fields', { healthCategories: ['EHRS', 'HRAD'], typology: ['COHORT', 'CLAIMS', 'HOSPITAL_DATA_WAREHOUSE'], accessRights: ['NON_PUBLIC', 'RESTRICTED'], codingSystems: ['ICD10'] }],
  ])('counts each facet over every other field of the filter (disjunctive) for %s', async (_name, filter) => {
    const { data, errors } = await h.run<FacetsData>(FACETS, { filter });
    expect(errors).toBeUndefined();
    const facets = data?.datasets.facets;
    expect(data?.datasets.totalCount).toBe(demo.filter((d) => matches(d, filter)).length);
    for (const field of Object.keys(valuesOf) as Field[]) {
      expect([field, asMap(facets?.[field])]).toEqual([field, countBy(demo.filter((d) => matches(d, filter, field)), valuesOf[field])]);
    }
    // Largest first.
    const counts = facets?.typology.map((f) => f.count) ?? [];
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('keeps the other typologies visible after ticking one, and adding one adds its count', async () => {
    const one = (await h.run<FacetsData>(FACETS, { filter: { typology: ['COHORT'] } })).data!.datasets;
    expect(one.facets.typology!.length).toBeGreaterThan(3);
    const registries = one.facets.typology!.find((f) => f.value === 'REGISTRY')!.count;
    const two = (await h.run<FacetsData>(FACETS, { filter: { typology: ['COHORT', 'REGISTRY'] } })).data!.datasets;
    expect(two.totalCount).toBe(one.totalCount + registries);
  });

  it('labels facet values in the language asked for, French by default', async () => {
    const LABELS = /* GraphQL */ `query ($lang: Language) { datasets(first: 0) { facets { typology { value label(lang: $lang) } publishers { value label organization { id } } } } }`;
    type Labelled = { datasets: { facets: { typology: { value: string; label: string }[]; publishers: { value: string; label: null; organization: { id: string } }[] } } };
    const fr = (await h.run<Labelled>(LABELS, {})).data!.datasets.facets;
    const en = (await h.run<Labelled>(LABELS, { lang: 'EN' })).data!.datasets.facets;
    expect(fr.typology.find((f) => f.value === 'CLAIMS')?.label).toBe('Données médico-administratives');
    expect(en.typology.find((f) => f.value === 'CLAIMS')?.label).toBe('Claims data');
    expect(fr.publishers[0]).toMatchObject({ label: null, organization: { id: fr.publishers[0]!.value } });
  });

  it('computes facets in one statement per dimension asked for', async () => {
    h.db.counter.reset();
    await h.run(/* GraphQL */ `{ datasets(first: 0) { facets { typology { value count } } } }`);
    const one = h.db.counter.total;
    h.db.counter.reset();
    await h.run(/* GraphQL */ `{ datasets(first: 0) { facets { typology { value } accessRights { value } codingSystems { value } } } }`);
    expect(h.db.counter.total).toBe(one + 2);
  });
});

describe('visibility of distributions', () => {
  const DISTRIBUTIONS = /* GraphQL */ `
    query ($id: ID!) { dataset(id: $id) { accessRights distributions { title accessURL downloadURL accessService format } } }
  `;
  interface DistributionsData {
    dataset: { accessRights: string; distributions: { title: string; accessURL: string | null; downloadURL: string | null; accessService: string | null; format: string }[] };
  }
  const nonPublic = demo.find((d) => d.accessRights === 'NON_PUBLIC' && d.distributions.length > 1);
  const open = demo.find((d) => d.accessRights === 'PUBLIC');

  it('hides access details of a non-public dataset from anonymous callers, not its description', async () => {
    const { data } = await h.run<DistributionsData>(DISTRIBUTIONS, { id: nonPublic?.id });
    expect(data?.dataset.distributions.length).toBe(nonPublic?.distributions.length);
    for (const d of data?.dataset.distributions ?? []) {
      expect(d).toMatchObject({ accessURL: null, downloadURL: null, accessService: null });
      expect(d.format).toBeTruthy();
    }
  });

  it('shows them to a signed-in member', async () => {
    const { data } = await h.run<DistributionsData>(DISTRIBUTIONS, { id: nonPublic?.id }, member);
    for (const d of data?.dataset.distributions ?? []) expect(d.accessURL).toMatch(/^https:\/\//);
  });

  it('shows those of a public dataset to everyone', async () => {
    const { data } = await h.run<DistributionsData>(DISTRIBUTIONS, { id: open?.id });
    expect(data?.dataset.distributions.length).toBeGreaterThan(0);
    for (const d of data?.dataset.distributions ?? []) expect(d.accessURL).toMatch(/^https:\/\//);
  });
});

describe('catalogues and contributed fields', () => {
  it('lists the catalogues and pages through the datasets of one', async () => {
    const { data, errors } = await h.run<{ dataCatalogues: { id: string; title: string; datasets: { totalCount: number; edges: { node: { id: string } }[] } }[] }>(
      /* GraphQL */ `{ dataCatalogues { id title datasets(first: 5) { totalCount edges { node { id } } } } }`,
    );
    expect(errors).toBeUndefined();
    for (const catalogue of data?.dataCatalogues ?? []) {
      expect(catalogue.datasets.totalCount).toBe(demo.filter((d) => d.catalogueId === catalogue.id).length);
      expect(catalogue.datasets.edges).toHaveLength(5);
    }
    expect(data?.dataCatalogues.map((c) => c.id).sort()).toEqual(demoCatalogues().map((c) => c.id).sort());
  });

  it('contributes Project.datasets and Organization.datasets(role) to entities of members', async () => {
    const project = demo[0]?.projectIds[0] as string;
    const creator = demo.find((d) => d.creatorIds.length > 1);
    const coCreator = creator?.creatorIds.find((id) => id !== creator.publisherId) as string;
    const { data, errors } = await h.run<{ _entities: { datasets: { id: string }[] }[] }>(
      /* GraphQL */ `
        query ($reps: [_Any!]!) {
          _entities(representations: $reps) {
            ... on Project { datasets { id } }
            ... on Organization { datasets(role: CREATOR) { id } }
          }
        }
      `,
      { reps: [{ __typename: 'Project', id: project }, { __typename: 'Organization', id: coCreator }] },
    );
    expect(errors).toBeUndefined();
    expect(data?._entities[0]?.datasets.map((d) => d.id).sort()).toEqual(expected((d) => d.projectIds.includes(project)));
    expect(data?._entities[1]?.datasets.map((d) => d.id).sort()).toEqual(expected((d) => d.creatorIds.includes(coCreator)));
  });
});

describe('statement counts', () => {
  const WIDE = /* GraphQL */ `
    query ($first: Int) {
      datasets(first: $first) {
        edges { node {
          id creators { id } catalogue { title } distributions { id } projects { id }
          accessRequests { id datasets { id } history { toStatus } }
        } }
      }
    }
  `;
  it('does not grow with the page size (every relation through a loader)', async () => {
    const admin: Viewer = { sub: 'admin', roles: [Role.ADMIN] };
    h.db.counter.reset();
    const small = await h.run(WIDE, { first: 5 }, admin);
    const few = h.db.counter.total;
    h.db.counter.reset();
    const large = await h.run(WIDE, { first: 100 }, admin);
    expect(small.errors).toBeUndefined();
    expect(large.errors).toBeUndefined();
    expect(h.db.counter.total).toBe(few);
    // count + page + 5 relations + the 2 relations of the requests.
    expect(few).toBe(9);
  });
});

import { demoOrganizations, Role, type Viewer } from '@ecosystem/shared';
import { demoCatalogues, demoDatasets } from '../src/seed/demo-catalogue';
import { type Harness, startHarness } from './helpers';

let h: Harness;

/** Inserm's own catalogue: a steward lists datasets only in catalogues of their organisation. */
const INSERM_CATALOGUE = '0b6a1f52-6c1e-4d8a-9a57-3c2d1e0f4a11';

beforeAll(async () => {
  h = await startHarness('datasets-write');
  await h.db.dataSource.query('INSERT INTO catalogue (id, title, publisherId) VALUES (?, ?, ?)', [INSERM_CATALOGUE, 'Catalogue Inserm', inserm]);
});

afterAll(async () => {
  await h?.close();
});

const inserm = demoOrganizations().find((o) => o.key === 'inserm')?.id as string;
const steward: Viewer = { sub: 'steward-inserm', org: inserm, roles: [Role.DATA_STEWARD] };
const member: Viewer = { sub: 'member-inserm', org: inserm, roles: [Role.MEMBER] };
const otherSteward: Viewer = { sub: 'steward-other', org: demoOrganizations().find((o) => o.key === 'servier')?.id, roles: [Role.DATA_STEWARD] };
const admin: Viewer = { sub: 'admin', roles: [Role.ADMIN] };

const CREATE = /* GraphQL */ `
  mutation ($input: CreateDatasetInput!) {
    createDataset(input: $input) {
      id identifier title { fr } publisher { id } creators { id } healthCategories codingSystems numberOfUniqueIndividuals
      typology accessRights hdhPosition catalogue { id } distributions { id }
    }
  }
`;
const ADD = /* GraphQL */ `
  mutation ($input: AddDistributionInput!) { addDistribution(input: $input) { id title accessURL byteSize accessService } }
`;

let serial = 0;
function input(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  serial += 1;
  return {
    identifier: `https://data.example.org/dataset/new-${serial}`,
    titleFr: `Cohorte nouvelle ${serial}`,
    descriptionFr: 'Une cohorte décrite par son intendant de données.',
    catalogueId: INSERM_CATALOGUE,
    typology: 'COHORT',
    accessRights: 'RESTRICTED',
    healthCategories: ['RMMD', 'HGPD'],
    codingSystems: ['ICD10', 'ORPHA'],
    numberOfUniqueIndividuals: '9007199254740993',
    minTypicalAge: 18,
    maxTypicalAge: 65,
    temporalStart: '2020-01-01',
    contactName: 'Bureau des données',
    contactEmail: 'donnees@inserm.example.org',
    ...overrides,
  };
}

async function counts(): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const table of ['dataset', 'dataset_health_category', 'dataset_coding_system', 'dataset_creator', 'distribution']) {
    result[table] = Number(((await h.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: string }[])[0]?.n);
  }
  return result;
}

describe('createDataset', () => {
  it('lets a steward of the publisher describe a dataset, found by the catalogue filters and facets', async () => {
    const before = await counts();
    const { data, errors } = await h.run<{ createDataset: Record<string, unknown> & { id: string } }>(CREATE, { input: input() }, steward);
    expect(errors).toBeUndefined();
    expect(data?.createDataset).toMatchObject({
      publisher: { id: inserm },
      creators: [{ id: inserm }],
      healthCategories: ['RMMD', 'HGPD'],
      hdhPosition: 'NOT_LISTED',
      distributions: [],
    });
    if (h.db.kind === 'mysql') expect(data?.createDataset.numberOfUniqueIndividuals).toBe('9007199254740993');
    expect(await counts()).toEqual({
      ...before,
      dataset: before.dataset + 1,
      dataset_health_category: (before.dataset_health_category ?? 0) + 2,
      dataset_coding_system: (before.dataset_coding_system ?? 0) + 2,
      dataset_creator: (before.dataset_creator ?? 0) + 1,
    });
    const found = await h.run<{ datasets: { totalCount: number; edges: { node: { id: string } }[] } }>(
      /* GraphQL */ `query ($filter: DatasetFilter) { datasets(filter: $filter) { totalCount edges { node { id } } } }`,
      { filter: { codingSystems: ['ORPHA'], healthCategories: ['HGPD'], publishers: [inserm], text: 'cohorte nouvelle' } },
    );
    expect(found.data?.datasets.edges.map((e) => e.node.id)).toContain(data?.createDataset.id);
  });

  it('lets an admin publish for any organisation', async () => {
    const { data, errors } = await h.run<{ createDataset: { publisher: { id: string } } }>(
      CREATE,
      { input: input({ publisherId: inserm }) },
      admin,
    );
    expect(errors).toBeUndefined();
    expect(data?.createDataset.publisher.id).toBe(inserm);
  });

  it.each<[string, Viewer | null, Record<string, unknown>, string, string | undefined]>([
    ['an anonymous caller', null, {}, 'UNAUTHENTICATED', undefined],
    ['a member without the steward role', member, {}, 'FORBIDDEN', undefined],
    ['a steward of another organisation', otherSteward, { publisherId: inserm }, 'FORBIDDEN', undefined],
    ['a taken identifier', steward, { identifier: demoDatasets()[0]?.identifier }, 'CONFLICT', 'input.identifier'],
    ['a catalogue of another organisation (Medicen\u2019s MIHD)', steward, { catalogueId: demoCatalogues()[1]?.id }, 'FORBIDDEN', 'input.catalogueId'],
    ['an unknown catalogue', steward, { catalogueId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT', 'input.catalogueId'],
    ['no health category', steward, { healthCategories: [] }, 'BAD_USER_INPUT', 'input.healthCategories'],
    ['an inverted age range', steward, { minTypicalAge: 70, maxTypicalAge: 20 }, 'BAD_USER_INPUT', 'input.maxTypicalAge'],
    ['a negative count', steward, { numberOfUniqueIndividuals: -5 }, 'BAD_USER_INPUT', 'input.numberOfUniqueIndividuals'],
    ['a coverage ending before it starts', steward, { temporalEnd: '2010-01-01' }, 'BAD_USER_INPUT', 'input.temporalEnd'],
    ['an identifier that is not a URL', steward, { identifier: 'not a url' }, 'BAD_USER_INPUT', 'input.identifier'],
    ['a bad e-mail', steward, { contactEmail: 'nope' }, 'BAD_USER_INPUT', 'input.contactEmail'],
  ])('refuses %s and writes nothing', async (_name, viewer, overrides, code, field) => {
    const before = await counts();
    const { errors } = await h.run(CREATE, { input: input(overrides) }, viewer);
    expect(errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(errors?.[0]?.extensions?.field).toBe(field);
    expect(await counts()).toEqual(before);
  });
});

describe('addDistribution', () => {
  const dataset = demoDatasets().find((d) => d.publisherId === inserm);

  it('appends a distribution for the publisher\u2019s steward', async () => {
    const { data, errors } = await h.run<{ addDistribution: Record<string, unknown> }>(
      ADD,
      { input: { datasetId: dataset?.id, title: 'API FHIR', accessURL: 'https://api.example.org/fhir', accessService: 'API', byteSize: 123456789012 } },
      steward,
    );
    expect(errors).toBeUndefined();
    expect(data?.addDistribution).toMatchObject({ title: 'API FHIR', accessService: 'API', byteSize: 123456789012 });
    const list = await h.run<{ dataset: { distributions: { title: string }[] } }>(
      /* GraphQL */ `query ($id: ID!) { dataset(id: $id) { distributions { title } } }`,
      { id: dataset?.id },
      steward,
    );
    expect(list.data?.dataset.distributions.at(-1)?.title).toBe('API FHIR');
    expect(list.data?.dataset.distributions).toHaveLength((dataset?.distributions.length ?? 0) + 1);
  });

  it.each<[string, Viewer, Record<string, unknown>, string, string | undefined]>([
    ['a steward of another organisation', otherSteward, {}, 'FORBIDDEN', undefined],
    ['an unknown dataset', steward, { datasetId: '00000000-0000-4000-8000-000000000000' }, 'BAD_USER_INPUT', 'input.datasetId'],
    ['an unknown access service', steward, { accessService: 'FTP' }, 'BAD_USER_INPUT', 'input.accessService'],
    ['a relative URL', steward, { accessURL: '/data' }, 'BAD_USER_INPUT', 'input.accessURL'],
  ])('refuses %s and writes nothing', async (_name, viewer, overrides, code, field) => {
    const before = await counts();
    const { errors } = await h.run(
      ADD,
      { input: { datasetId: dataset?.id, accessURL: 'https://api.example.org/x', accessService: 'FILE', ...overrides } },
      viewer,
    );
    expect(errors?.[0]?.extensions?.code).toBe(code);
    if (field) expect(errors?.[0]?.extensions?.field).toBe(field);
    expect(await counts()).toEqual(before);
  });
});

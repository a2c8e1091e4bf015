import { demoDatasetRefs, demoOrganizations } from '@ecosystem/shared';
import { type Harness, startHarness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('datasets-int');
});

afterAll(async () => {
  await h.close();
});

interface DatasetsData {
  datasets: {
    totalCount: number;
    edges: {
      cursor: string;
      node: {
        id: string;
        identifier: string;
        title: { fr: string };
        typology: string;
        accessRights: string;
        healthCategories: string[];
        publisher: { id: string };
      };
    }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const DATASETS = /* GraphQL */ `
  query Datasets($filter: DatasetFilter, $first: Int, $after: String) {
    datasets(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id identifier title { fr } typology accessRights healthCategories publisher { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const hdh = demoOrganizations().find((o) => o.key === 'health-data-hub');

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

  it('finds the SNDS from "systeme national", ignoring case and accents', async () => {
    const { data } = await h.run<DatasetsData>(DATASETS, { filter: { text: 'SYSTEME national' } });
    expect(data?.datasets.edges.map((e) => e.node.identifier)).toContain('https://data.example.org/dataset/snds-main');
  });

  it('combines health category, typology, access rights and publisher filters', async () => {
    const filter = {
      healthCategories: ['HRAD'],
      typology: ['CLAIMS'],
      accessRights: ['NON_PUBLIC'],
      publisherId: hdh?.id,
    };
    const { data, errors } = await h.run<DatasetsData>(DATASETS, { filter, first: 50 });
    expect(errors).toBeUndefined();
    const nodes = data?.datasets.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThanOrEqual(2);
    for (const node of nodes) {
      expect(node.healthCategories).toContain('HRAD');
      expect(node.typology).toBe('CLAIMS');
      expect(node.accessRights).toBe('NON_PUBLIC');
      expect(node.publisher.id).toBe(hdh?.id);
    }
    expect(data?.datasets.totalCount).toBe(nodes.length);
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

describe('loaders', () => {
  const ORG_DATASETS = /* GraphQL */ `
    query ($reps: [_Any!]!, $role: DatasetRole) {
      _entities(representations: $reps) { ... on Organization { id datasets(role: $role) { id publisher { id } } } }
    }
  `;
  const publishers = [...new Set(demoDatasetRefs().map((r) => r.publisher.id))];

  it('resolves Dataset references in one SQL statement, whatever their number', async () => {
    const ids = demoDatasetRefs().map((r) => r.id);
    const count = async (n: number): Promise<number> => {
      const reps = ids.slice(0, n).map((id) => ({ __typename: 'Dataset', id }));
      h.db.counter.reset();
      const { data, errors } = await h.run<{ _entities: { id: string }[] }>(
        /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { id title { fr } } } }`,
        { reps: [...reps, ...reps] },
      );
      expect(errors).toBeUndefined();
      expect(data?._entities.map((e) => e.id)).toEqual([...reps, ...reps].map((r) => r.id));
      return h.db.counter.total;
    };
    expect(await count(3)).toBe(1);
    expect(await count(150)).toBe(1);
  });

  it.each(['PUBLISHER', 'CREATOR', 'HDAB'])('loads Organization.datasets(role: %s) in one SQL statement', async (role) => {
    const count = async (n: number): Promise<number> => {
      const reps = publishers.slice(0, n).map((id) => ({ __typename: 'Organization', id }));
      h.db.counter.reset();
      const { data, errors } = await h.run<{ _entities: { id: string; datasets: { id: string; publisher: { id: string } }[] }[] }>(
        ORG_DATASETS,
        { reps, role },
      );
      expect(errors).toBeUndefined();
      if (role !== 'HDAB') {
        for (const org of data?._entities ?? []) {
          expect(org.datasets.length).toBeGreaterThan(0);
          for (const d of org.datasets) expect(d.publisher.id).toBe(org.id);
        }
      }
      return h.db.counter.total;
    };
    expect(await count(2)).toBe(1);
    expect(await count(publishers.length)).toBe(1);
  });

  it('defaults to the PUBLISHER role and matches the catalogue filter', async () => {
    const reps = [{ __typename: 'Organization', id: hdh?.id }];
    const { data } = await h.run<{ _entities: { datasets: { id: string }[] }[] }>(ORG_DATASETS, { reps });
    const list = await h.run<DatasetsData>(DATASETS, { filter: { publisherId: hdh?.id }, first: 200 });
    expect(data?._entities[0]?.datasets.map((d) => d.id).sort()).toEqual(
      list.data?.datasets.edges.map((e) => e.node.id).sort(),
    );
  });
});

import {
  type TestDatabase,
  type Viewer,
  startSubgraphHarness,
  type SubgraphHarness,
} from '@ecosystem/shared';
import { type MembersContext } from '../src/context';
import { type MembersLoaders } from '../src/context';
import { membersSubgraph } from '../src/definition';

let h: SubgraphHarness<MembersContext, MembersLoaders>;
let db: TestDatabase;

function run<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, viewer: Viewer | null = null) {
  return h.run<T>(query, variables, viewer);
}

beforeAll(async () => {
  h = await startSubgraphHarness(membersSubgraph, 'members-int');
  db = h.db;
});

afterAll(async () => {
  await h.close();
});

interface OrganizationsData {
  organizations: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; name: string; kind: string; sectors: string[] } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const ORGANIZATIONS = /* GraphQL */ `
  query Orgs($filter: OrganizationFilter, $first: Int, $after: String) {
    organizations(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id name kind sectors } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('organizations', () => {
  it('finds "Télécom Paris" from "telecom", ignoring case and accents', async () => {
    const { data, errors } = await run<OrganizationsData>(ORGANIZATIONS, { filter: { text: 'TELECOM' } });
    expect(errors).toBeUndefined();
    expect(data?.organizations.edges.map((e) => e.node.name)).toContain('Télécom Paris');
  });

  it('filters by kind, sector and ecosystem together', async () => {
    const { data } = await run<OrganizationsData>(ORGANIZATIONS, {
      filter: { kinds: ['RESEARCH_INSTITUTE'], sectors: ['DATA_AI'], ecosystem: 'PSC' },
      first: 50,
    });
    const names = data?.organizations.edges.map((e) => e.node.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(['Institut national de la santé et de la recherche médicale']));
    for (const edge of data?.organizations.edges ?? []) {
      expect(edge.node.kind).toBe('RESEARCH_INSTITUTE');
      expect(edge.node.sectors).toContain('DATA_AI');
    }
    expect(data?.organizations.totalCount).toBe(names.length);
  });

  it('pages with cursors over the whole filtered list without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: Awaited<ReturnType<typeof run<OrganizationsData>>> = await run<OrganizationsData>(ORGANIZATIONS, {
        filter: { ecosystem: 'PSC' },
        first: 40,
        after,
      });
      const page = result.data?.organizations;
      if (!page) throw new Error(JSON.stringify(result.errors));
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(total).toBeGreaterThanOrEqual(100);
  });

  it('refuses a forged cursor with BAD_USER_INPUT naming the argument', async () => {
    const { errors } = await run(ORGANIZATIONS, { after: 'not-a-cursor' });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('refuses a page larger than the maximum', async () => {
    const { errors } = await run(ORGANIZATIONS, { first: 5000 });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });
});

describe('entities', () => {
  it('resolves Organization references in one SQL statement, whatever their number', async () => {
    const ids = (await db.dataSource.query('SELECT id FROM organization ORDER BY id LIMIT 60')) as { id: string }[];
    const query = /* GraphQL */ `
      query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id name } } }
    `;
    const count = async (n: number): Promise<number> => {
      const reps = ids.slice(0, n).map(({ id }) => ({ __typename: 'Organization', id }));
      db.counter.reset();
      const { data, errors } = await run<{ _entities: { id: string }[] }>(query, { reps: [...reps, ...reps] });
      expect(errors).toBeUndefined();
      expect(data?._entities.map((e) => e.id)).toEqual([...reps, ...reps].map((r) => r.id));
      return db.counter.total;
    };
    expect(await count(5)).toBe(1);
    expect(await count(60)).toBe(1);
  });
});

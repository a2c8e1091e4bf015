import { demoDatasetRefs, demoOrganization, IDENTITY_HEADER } from '@ecosystem/shared';
import { postGraphQL, startGraph, type RunningGraph } from '../helpers/graph';

/*
 * The whole graph over real HTTP: four subgraphs on their own databases behind the real gateway.
 */
let graph: RunningGraph;

beforeAll(async () => {
  graph = await startGraph('fed');
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

interface OverviewOrg {
  id: string;
  name: string;
  datasets: { id: string; title: { fr: string }; presentedAt: { id: string; title: string }[] }[];
  trainingOffers: { id: string; title: string }[];
  organizedEvents: { id: string; title: string }[];
}

const OVERVIEW = /* GraphQL */ `
  query Overview($first: Int!, $filter: OrganizationFilter) {
    organizations(first: $first, filter: $filter) {
      totalCount
      edges {
        node {
          id
          name
          datasets { id title { fr } presentedAt { id title } }
          trainingOffers { id title }
          organizedEvents { id title }
        }
      }
    }
  }
`;

function orgs(data: { organizations: { edges: { node: OverviewOrg }[] } } | null | undefined): OverviewOrg[] {
  return data?.organizations.edges.map((e) => e.node) ?? [];
}

describe('one question across the four subgraphs', () => {
  it('answers organisations -> datasets -> presentedAt, trainingOffers and organizedEvents with real data', async () => {
    const response = await graph.query<{ organizations: { edges: { node: OverviewOrg }[] } }>(OVERVIEW, {
      first: 200,
    });
    expect(response.errors).toBeUndefined();
    const list = orgs(response.data);
    expect(list).toHaveLength(200);
    // members -> datasets -> events
    const hdh = await graph.query<{ organization: OverviewOrg }>(
      /* GraphQL */ `query ($id: ID!) { organization(id: $id) { id name datasets { id title { fr } presentedAt { id title } } trainingOffers { id } organizedEvents { id title } } }`,
      { id: demoOrganization('health-data-hub').id },
    );
    expect(hdh.errors).toBeUndefined();
    const hdhDatasets = hdh.data?.organization.datasets ?? [];
    expect(hdhDatasets.map((d) => d.id)).toEqual(
      expect.arrayContaining(demoDatasetRefs().filter((d) => d.publisher.key === 'health-data-hub').map((d) => d.id)),
    );
    // Some dataset somewhere was presented at an event (MeetMyData presents datasets every month).
    const presented = list.flatMap((o) => o.datasets).filter((d) => d.presentedAt.length > 0);
    expect(presented.length).toBeGreaterThan(0);
    // members -> training
    expect(list.some((o) => o.trainingOffers.length > 0)).toBe(true);
    // members -> events: Medicen organises MeetMyData.
    const medicen = await graph.query<{ organization: OverviewOrg }>(
      /* GraphQL */ `query ($id: ID!) { organization(id: $id) { organizedEvents { id title } } }`,
      { id: demoOrganization('medicen').id },
    );
    expect(medicen.data?.organization.organizedEvents.some((e) => /MeetMyData/i.test(e.title))).toBe(true);
  });

  it('issues the same number of SQL statements for 10 and for 100 organisations (no N+1)', async () => {
    const count = async (first: number): Promise<{ statements: number; datasets: number; events: number; modules: number }> => {
      graph.resetStatements();
      const response = await graph.query<{ organizations: { edges: { node: OverviewOrg }[] } }>(OVERVIEW, { first });
      expect(response.errors).toBeUndefined();
      const list = orgs(response.data);
      expect(list).toHaveLength(first);
      return {
        statements: graph.statements(),
        datasets: list.flatMap((o) => o.datasets).length,
        events: list.flatMap((o) => o.organizedEvents).length + list.flatMap((o) => o.datasets.flatMap((d) => d.presentedAt)).length,
        modules: list.flatMap((o) => o.trainingOffers).length,
      };
    };
    // A filter whose first 10 already reach every subgraph, so both runs exercise every loader.
    const small = await count(10);
    const large = await count(100);
    expect(large.datasets).toBeGreaterThan(small.datasets);
    expect(small.datasets).toBeGreaterThan(0);
    expect(small.events).toBeGreaterThan(0);
    expect(large.statements).toBe(small.statements);
  });
});

describe('identity', () => {
  it('refuses an invalid caller token with 401, never as anonymous', async () => {
    const response = await graph.query(`{ ecosystems { code } }`, {}, { headers: { authorization: 'Bearer not.a.token' } });
    expect(response.status).toBe(401);
    expect(response.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lets anonymous callers read public data', async () => {
    const response = await graph.query<{ ecosystems: { code: string }[] }>(`{ ecosystems { code } }`);
    expect(response.data?.ecosystems.map((e) => e.code).sort()).toEqual(['ADS', 'MEDICEN', 'PSC']);
  });

  it('a subgraph called directly refuses a forged identity token', async () => {
    const members = graph.subgraphs.members;
    if (!members) throw new Error('members subgraph missing');
    const forged = await postGraphQL(members.url, `{ ecosystems { code } }`, {}, { [IDENTITY_HEADER]: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.forged' });
    expect(forged.status).toBe(401);
    expect(forged.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

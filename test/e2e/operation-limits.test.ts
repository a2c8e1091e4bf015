/**
 * The operation limits through the real gateway with their defaults (but a small response bound):
 * what only amplifies is refused before any subgraph call, what analysts run passes.
 */
import { startGraph, type RunningGraph } from '../helpers/graph';

let graph: RunningGraph;

beforeAll(async () => {
  graph = await startGraph('limits', { MAX_RESPONSE_BYTES: '10000' });
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

describe('limits that count what costs', () => {
  it('refuses 1,000 aliased __typename (TOO_MANY_ALIASES) before any subgraph call', async () => {
    graph.resetStatements();
    const aliases = Array.from({ length: 1000 }, (_, i) => `t${i}: __typename`).join(' ');
    const response = await graph.query(`{ ${aliases} }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    const nested = await graph.query(`{ organizations(first: 100) { edges { node { ${aliases} } } } }`);
    expect(nested.status).toBe(400);
    expect(nested.errors?.[0]?.extensions?.code).toBe('TOO_MANY_ALIASES');
    expect(graph.statements()).toBe(0);
  });

  it('costs every leaf times the lists above it: 30 aliased __typename under 5,000 organisations are too costly', async () => {
    const aliases = Array.from({ length: 30 }, (_, i) => `t${i}: __typename`).join(' ');
    const response = await graph.query(`{ organizations(first: 5000) { edges { node { ${aliases} } } } }`);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', maxCost: 150_000 });
  });

  it('sends no answer past MAX_RESPONSE_BYTES (RESPONSE_TOO_LARGE), and answers what fits', async () => {
    // A single fetch from members (the fast path's kind of query), then one across subgraphs.
    const large = await graph.query(`{ organizations(first: 200) { edges { node { id name } } } }`);
    expect(large.status).toBe(400);
    expect(large.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    expect(large.data ?? null).toBeNull();
    // Asked again, it is a query the single-fetch fast path has learnt: the bound holds there too.
    const again = await graph.query(`{ organizations(first: 200) { edges { node { id name } } } }`);
    expect(again.status).toBe(400);
    expect(again.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    const federated = await graph.query(`{ organizations(first: 100) { edges { node { id datasets { id title { fr } } } } } }`);
    expect(federated.status).toBe(400);
    expect(federated.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
    const small = await graph.query<{ organizations: { edges: unknown[] } }>(`{ organizations(first: 5) { edges { node { id name } } } }`);
    expect(small.errors).toBeUndefined();
    expect(small.data?.organizations.edges).toHaveLength(5);
  });
});

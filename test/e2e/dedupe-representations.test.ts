import { dedupeRepresentations, type GatewayContext, IdentityTokenSigner, loadGatewayConfig, SubgraphClients } from '@ecosystem/gateway';
import { createLogger } from '@ecosystem/shared';
import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { startGraph, type RunningGraph } from '../helpers/graph';
import { startSlowProxy, type SlowProxy } from '../helpers/processes';

/*
 * Each distinct representation of an `_entities` fetch is sent once, over real HTTP to the real
 * subgraphs: a proxy in front of members records what it is sent. The answers are those the
 * subgraph gives to the undeduplicated request (data and errors, with their paths).
 */
let graph: RunningGraph;
let members: SlowProxy;

interface EntitiesBody {
  query: string;
  variables?: { representations?: unknown[] };
}

/** The `_entities` fetches members received since `from`: each as its list of representations. */
function representationsSent(from: number): unknown[][] {
  return members.bodies
    .slice(from)
    .map((body) => JSON.parse(body) as EntitiesBody)
    .filter((body) => Array.isArray(body.variables?.representations))
    .map((body) => body.variables!.representations!);
}

beforeAll(async () => {
  graph = await startGraph('dedupe', {}, async (name, url) => {
    if (name !== 'members') return url;
    members = await startSlowProxy(url.replace(/\/graphql$/, ''));
    return `${members.url}/graphql`;
  });
}, 180_000);

afterAll(async () => {
  await graph?.stop();
  await members?.close();
});

describe('deduplicated representations per _entities fetch', () => {
  it('sends each publisher once however many datasets it published, and fans the answer out to every dataset', async () => {
    const from = members.bodies.length;
    const answer = await graph.query<{ datasets: { edges: { node: { id: string; publisher: { id: string; name: string } | null } }[] } }>(
      '{ datasets(first: 200) { edges { node { id publisher { id name } } } } }',
    );
    expect(answer.errors).toBeUndefined();
    const publishers = answer.data!.datasets.edges.map((e) => e.node.publisher).filter((p) => p !== null);
    const distinct = new Set(publishers.map((p) => p.id));
    // The plan repeats entities (otherwise this test proves nothing).
    expect(publishers.length).toBeGreaterThan(distinct.size);

    const sent = representationsSent(from);
    expect(sent.length).toBeGreaterThan(0);
    for (const representations of sent) {
      const keys = representations.map((r) => JSON.stringify(r));
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(sent.flat()).toHaveLength(distinct.size);

    // Every position has the organisation's own name, each its own object.
    for (const id of distinct) {
      const own = await graph.query<{ organization: { name: string } }>('query($id: ID!) { organization(id: $id) { name } }', { id });
      for (const p of publishers.filter((q) => q.id === id)) expect(p.name).toBe(own.data!.organization.name);
    }
  });

  it('answers what the subgraph answers to the undeduplicated request, errors at every position that asked', async () => {
    const people = await graph.query<{ people: { edges: { node: { id: string } }[] } }>('{ people(first: 3) { edges { node { id } } } }');
    const [a, b, c] = people.data!.people.edges.map((e) => e.node.id);
    const ids = [a, b, a, a, c, b, 'no-such-person', a, 'no-such-person'];
    // Anonymous: `email` is personal data, refused per entity with an error at its path.
    const query = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Person { id givenName email } } }';
    // The gateway's own data source of a subgraph (identity, timeout, circuit breaker), as buildService gets it.
    const config = loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0' });
    const clients = new SubgraphClients({
      config,
      identity: new IdentityTokenSigner({ secret: config.INTERNAL_JWT_SECRET, ttlSeconds: 60, claims: config.settings.subgraphClaims }),
      observer: undefined,
      propagateTrace: false,
      logger: createLogger('dedupe-test', 'silent'),
    });
    const source = clients.dataSource('members', graph.subgraphs.members!.url, true);
    const process = (dataSource: GraphQLDataSource<GatewayContext>): ReturnType<GraphQLDataSource['process']> =>
      dataSource.process({
        kind: 'incoming operation',
        request: { query, variables: { representations: ids.map((id) => ({ __typename: 'Person', id })) } },
        context: { requestId: 'dedupe-test', viewer: null, identityTokens: new Map() } as unknown as GatewayContext,
        incomingRequestContext: { operation: { operation: 'query' } },
        document: undefined,
      } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

    const plain = await process(source);
    const deduped = await process(dedupeRepresentations(source));
    // Errors in any order (the subgraph lists them as its resolvers settle), without the development
    // stack trace (it names the resolver's index in the subgraph's own list).
    const normal = (r: Awaited<ReturnType<GraphQLDataSource['process']>>): unknown => ({
      data: JSON.parse(JSON.stringify(r.data)) as unknown,
      errors: (r.errors ?? [])
        .map((e) => JSON.stringify({ ...e, extensions: { ...e.extensions, stacktrace: undefined } }))
        .sort(),
    });
    expect(normal(deduped)).toEqual(normal(plain));
    // The subgraph's errors point at positions: one per person asked for, repeats included.
    const errorPositions = (deduped.errors ?? []).map((e) => e.path?.[1]);
    expect(errorPositions.length).toBeGreaterThanOrEqual(7);
    expect(new Set(errorPositions)).toEqual(new Set([0, 1, 2, 3, 4, 5, 7]));
    // Positions that asked for the same person get equal, separate objects.
    const entities = deduped.data!._entities as object[];
    expect(entities[2]).toEqual(entities[0]);
    expect(entities[2]).not.toBe(entities[0]);
    await clients.close();
  });

  it('keeps error paths right through the whole gateway when the same person is refused at several places', async () => {
    const from = members.bodies.length;
    const answer = await graph.query<{ events: { edges: { node: { speakers: { person: { id: string } | null }[] } }[] } }>(
      '{ events(first: 200) { edges { node { speakers { person { id email } } } } } }',
    );
    const expected: string[] = [];
    const people: string[] = [];
    answer.data!.events.edges.forEach(({ node }, i) =>
      node.speakers.forEach((speaker, j) => {
        if (!speaker.person) return;
        people.push(speaker.person.id);
        expected.push(JSON.stringify(['events', 'edges', i, 'node', 'speakers', j, 'person', 'email']));
      }),
    );
    // The same people speak at several events (otherwise this test proves nothing).
    expect(new Set(people).size).toBeLessThan(people.length);
    expect(expected.length).toBeGreaterThan(0);
    expect(new Set((answer.errors ?? []).map((e) => JSON.stringify(e.path))).size).toBe(expected.length);
    expect((answer.errors ?? []).map((e) => JSON.stringify(e.path)).sort()).toEqual(expected.sort());
    for (const representations of representationsSent(from)) {
      expect(new Set(representations.map((r) => JSON.stringify(r))).size).toBe(representations.length);
    }
  });
});

import { startExtraGateway, type ExtraGateway } from '../helpers/gateways';
import { postGraphQL, startGraph, type RunningGraph } from '../helpers/graph';
import { startSlowProxy, type SlowProxy } from '../helpers/processes';

/*
 * @defer through the gateway over real HTTP: the training subgraph sits behind a proxy that can make
 * it slow (or gone); the initial part must not wait for its deferred fragment.
 */
let graph: RunningGraph;
let proxy: SlowProxy;
let gateway: ExtraGateway;

beforeAll(async () => {
  graph = await startGraph('defer');
  proxy = await startSlowProxy(graph.subgraphs.training!.url.replace(/\/graphql$/, ''));
  gateway = await startExtraGateway(graph, { SUBGRAPH_TRAINING_URL: `${proxy.url}/graphql`, CIRCUIT_BREAKER_ENABLED: 'false' }, 'defer');
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await proxy?.close().catch(() => undefined);
  await graph?.stop();
});

interface Part {
  at: number;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[]; hasNext: boolean; incremental?: { data: Record<string, unknown> | null; path: (string | number)[]; label?: string; errors?: { extensions?: Record<string, unknown> }[] }[] };
}

/** POSTs an operation accepting multipart/mixed; returns each part with the time it arrived. */
async function deferred(query: string, variables: Record<string, unknown> = {}): Promise<{ started: number; contentType: string; parts: Part[] }> {
  return deferredAt(gateway.url, query, variables);
}

async function deferredAt(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ started: number; contentType: string; parts: Part[] }> {
  const started = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed; deferSpec=20220824, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const parts: Part[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    // A part is complete once its JSON is followed by the next boundary.
    for (;;) {
      const start = buffer.indexOf('\r\n\r\n');
      if (start < 0) break;
      const end = buffer.indexOf('\r\n---', start);
      if (end < 0) break;
      parts.push({ at: Date.now(), body: JSON.parse(buffer.slice(start + 4, end)) as Part['body'] });
      buffer = buffer.slice(end + 5);
    }
  }
  return { started, contentType: response.headers.get('content-type') ?? '', parts };
}

const ROOT = /* GraphQL */ `
  query Overview($first: Int!) {
    events(first: $first) { edges { node { id title } } }
    ... @defer(label: "training") { modules(first: 2) { totalCount edges { node { title } } } }
  }
`;

describe('@defer through the gateway', () => {
  it('sends the initial part before the fragment of a slowed subgraph, which follows as it arrives', async () => {
    proxy.delayMs = 1500;
    try {
      const { started, contentType, parts } = await deferred(ROOT, { first: 3 });
      expect(contentType).toMatch(/^multipart\/mixed/);
      expect(parts).toHaveLength(2);
      const [initial, later] = parts as [Part, Part];
      expect(initial.body.hasNext).toBe(true);
      expect((initial.body.data!.events as { edges: unknown[] }).edges).toHaveLength(3);
      expect(initial.body.data!.modules).toBeUndefined();
      expect(initial.at - started).toBeLessThan(1500);
      expect(later.at - started).toBeGreaterThanOrEqual(1500);
      expect(later.body).toMatchObject({ hasNext: false, incremental: [{ label: 'training', path: [], data: { modules: { totalCount: expect.any(Number) } } }] });
    } finally {
      proxy.delayMs = 0;
    }
  });

  it('defers entity-level fragments of a list: each item at its path, together what the query without @defer answers', async () => {
    const query = /* GraphQL */ `
      query Events { events(first: 4) { edges { node { id title ... @defer(label: "organisers") { organizers { name } } } } } }
    `;
    const { parts } = await deferred(query);
    const whole = await postGraphQL<{ events: { edges: { node: Record<string, unknown> }[] } }>(gateway.url, query.replace(' @defer(label: "organisers")', ''));
    const merged = structuredClone(parts[0]!.body.data) as { events: { edges: { node: Record<string, unknown> }[] } };
    for (const part of parts.slice(1)) {
      for (const item of part.body.incremental ?? []) {
        expect(item.path.slice(0, 2)).toEqual(['events', 'edges']);
        Object.assign(merged.events.edges[item.path[2] as number]!.node, item.data);
      }
    }
    expect(merged).toEqual(whole.data);
  });

  it('answers a client that does not accept multipart with the whole result at once', async () => {
    const response = await postGraphQL<Record<string, unknown>>(gateway.url, ROOT, { first: 1 });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(Object.keys(response.data!).sort()).toEqual(['events', 'modules']);
  });

  it('delivers a deferred fragment whose subgraph fails as its own error; nothing else is lost', async () => {
    await proxy.close();
    const { parts } = await deferred(ROOT, { first: 2 });
    expect(parts).toHaveLength(2);
    expect(parts[0]!.body.errors).toBeUndefined();
    expect((parts[0]!.body.data!.events as { edges: unknown[] }).edges).toHaveLength(2);
    const failed = parts[1]!.body.incremental![0]!;
    expect(failed.label).toBe('training');
    expect(failed.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    // Root fields are nullable: the lost root field is null within the part, not the part's data.
    expect(failed.data).toEqual({ modules: null });
    expect(failed.errors?.[0]).toEqual(expect.objectContaining({ path: ['modules'] }));
  });

  describe('limits apply to the whole operation, not to each part', () => {
    const EVENTS = 'events(first: 4) { edges { node { id title } } }';
    const aliased = (n: number) => Array.from({ length: n }, (_, i) => `e${i}: ${EVENTS}`);
    const deferredQuery = (n: number) => `query Parts { __typename ${aliased(n).map((f) => `... @defer { ${f} }`).join(' ')} }`;
    let limited: ExtraGateway | undefined;
    let singleBytes = 0;

    beforeAll(async () => {
      const single = await postGraphQL<Record<string, unknown>>(gateway.url, `query Parts { ${aliased(1).join(' ')} }`);
      singleBytes = Buffer.byteLength(JSON.stringify(single.data));
      // One part costs 17 and two 34 (under 40); three cost 51. Two parts' data exceed 1.5 parts' worth.
      limited = await startExtraGateway(graph, { MAX_COST: '40', MAX_RESPONSE_BYTES: String(Math.floor(singleBytes * 1.5)) }, 'defer-limits');
    }, 120_000);

    afterAll(async () => {
      await limited?.stop();
    });

    it('refuses a query split into @defer parts as it refuses the same query without @defer', async () => {
      const whole = await postGraphQL<Record<string, unknown>>(limited!.url, `query Parts { ${aliased(3).join(' ')} }`);
      expect(whole.status).toBe(400);
      expect(whole.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      const response = await fetch(limited!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed; deferSpec=20220824, application/json' },
        body: JSON.stringify({ query: deferredQuery(3) }),
      });
      expect(response.status).toBe(whole.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      // Under the limit, the same split is served part by part.
      const { parts } = await deferredAt(limited!.url, deferredQuery(1));
      expect(parts).toHaveLength(2);
    });

    it('bounds the parts together by MAX_RESPONSE_BYTES: the stream ends with RESPONSE_TOO_LARGE', async () => {
      const { parts } = await deferredAt(limited!.url, deferredQuery(2));
      const last = parts[parts.length - 1]!;
      expect(last.body.hasNext).toBe(false);
      expect(last.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
      // Each part alone is under the limit: only their sum is refused.
      expect(parts.filter((p) => p.body.incremental).length).toBeLessThan(2);
    });
  });
});


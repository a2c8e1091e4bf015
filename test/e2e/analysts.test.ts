import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, DEFAULT_EXAMPLES_DIR, loadExampleOperations, loadGatewayConfig } from '@ecosystem/gateway';
import { createLogger, Role } from '@ecosystem/shared';
import { request } from 'undici';
import { parseCsv } from '../helpers/csv';
import { startGraph, type RunningGraph } from '../helpers/graph';

/*
 * Issue 9 through the real gateway over HTTP: the example operations of the playground, the
 * playground itself (content negotiation, assets served by the gateway, nothing from another host)
 * and the CSV export (same rules as /graphql).
 */
let graph: RunningGraph;
let base: string;

beforeAll(async () => {
  graph = await startGraph('analysts');
  base = graph.gatewayUrl.replace(/\/graphql$/, '');
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

type ErrorBody = { errors: { message: string; extensions: { code: string; field?: string; requestId?: string } }[] };

/** The first list met in a result (a connection's edges count as its list). */
function firstList(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) {
      const found = firstList(child);
      if (found) return found;
    }
  }
  return undefined;
}

describe('the example operations of the playground', () => {
  const examples = loadExampleOperations();
  // The subscription example runs over SSE/WebSocket (test/e2e/subscriptions.test.ts, the browser test).
  const posted = examples.filter((e) => e.operation !== 'subscription');

  it('are loaded from every gateway/examples/*.graphql file', () => {
    const files = readdirSync(DEFAULT_EXAMPLES_DIR).filter((f) => f.endsWith('.graphql'));
    expect(examples.map((e) => `${e.name}.graphql`)).toEqual(files.sort());
    expect(examples.length).toBeGreaterThanOrEqual(6);
    for (const example of examples) expect(example.title.length).toBeGreaterThan(5);
  });

  it.each(posted.map((e) => [e.name, e] as const))('%s runs with success and returns data', async (_name, example) => {
    const response = await graph.query(example.query, JSON.parse(example.variables) as Record<string, unknown>);
    expect(response.errors).toBeUndefined();
    expect(response.status).toBe(200);
    const data = response.data as Record<string, unknown>;
    for (const value of Object.values(data)) expect(value).not.toBeNull();
    const list = firstList(data);
    expect(list).toBeDefined();
    expect(list!.length).toBeGreaterThan(0);
  });
});

describe('the playground', () => {
  const browserAccept = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';

  it('serves GraphiQL to a browser at GET /graphql, with a same-origin-only CSP', async () => {
    const response = await fetch(graph.gatewayUrl, { headers: { accept: browserAccept } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    const html = await response.text();
    expect(html).toContain('id="graphiql"');
    // Every script and style is served by the gateway itself: no absolute URL anywhere in the page.
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)="(\/playground\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(7);
    for (const asset of assets) {
      const file = await fetch(`${base}${asset}`);
      expect([asset, file.status]).toEqual([asset, 200]);
      expect(file.headers.get('content-type')).toMatch(asset.endsWith('.css') ? /text\/css/ : /javascript/);
      expect((await file.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  it('keeps GraphQL for API clients: POST, GET with Accept JSON or */*', async () => {
    const post = await graph.query<{ __typename: string }>('{ __typename }');
    expect(post.data?.__typename).toBe('Query');
    for (const accept of ['application/json', '*/*', 'application/graphql-response+json']) {
      const get = await fetch(`${graph.gatewayUrl}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { accept, 'apollo-require-preflight': 'true' },
      });
      expect(get.headers.get('content-type')).toMatch(/json/);
      expect(((await get.json()) as { data: { __typename: string } }).data.__typename).toBe('Query');
    }
  });

  it('lists the example operations for the page', async () => {
    const response = await fetch(`${base}/playground/examples.json`);
    const list = (await response.json()) as { name: string; query: string; variables: string }[];
    expect(list.map((e) => e.name)).toEqual(loadExampleOperations().map((e) => e.name));
    for (const example of list) expect(() => JSON.parse(example.variables) as unknown).not.toThrow();
  });

  it('answers 404 for an unknown asset and never serves files outside the list', async () => {
    expect((await fetch(`${base}/playground/assets/nope.js`)).status).toBe(404);
    expect((await fetch(`${base}/playground/assets/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});

describe('CSV export', () => {
  const ORGS = /* GraphQL */ `
    query DirectoryExport($first: Int = 30, $after: String) {
      organizations(first: $first, after: $after, filter: { ecosystem: "MEDICEN" }) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { id name kind sectors memberships { ecosystem { code } role } } }
      }
    }
  `;
  const exportUrl = (params: Record<string, string>): string => `${base}/export.csv?${new URLSearchParams(params).toString()}`;

  it('flattens the first connection: one row per node, dotted columns, lists joined', async () => {
    const response = await fetch(exportUrl({ query: ORGS, variables: JSON.stringify({ first: 30 }) }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=DirectoryExport.csv');
    expect(response.headers.get('x-export-path')).toBe('organizations');
    const bytes = Buffer.from(await response.arrayBuffer());
    // A UTF-8 byte-order mark first (fetch's text() would hide it), so that spreadsheets read accents right.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString('utf8'));
    expect(header).toEqual(['id', 'name', 'kind', 'sectors', 'memberships.ecosystem.code', 'memberships.role']);
    expect(rows).toHaveLength(30);
    const json = await graph.query<{ organizations: { edges: { node: { id: string; name: string; sectors: string[] } }[] } }>(ORGS, { first: 30 });
    const nodes = json.data!.organizations.edges.map((e) => e.node);
    expect(rows.map((r) => r[0])).toEqual(nodes.map((n) => n.id));
    expect(rows.map((r) => r[1])).toEqual(nodes.map((n) => n.name));
    expect(rows.map((r) => r[3])).toEqual(nodes.map((n) => n.sectors.join('; ')));
    expect(rows.every((r) => r[4]!.split('; ').includes('MEDICEN'))).toBe(true);
  });

  it('streams every page of a connection with all=true (POST, JSON body)', async () => {
    const response = await fetch(`${base}/export.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ORGS, variables: { first: 40 }, all: true, bom: false }),
    });
    expect(response.status).toBe(200);
    const total = Number(response.headers.get('x-total-count'));
    expect(total).toBeGreaterThan(100);
    const [, ...rows] = parseCsv(await response.text());
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r[0])).size).toBe(total);
  });

  it('names the file with its accents (RFC 6266 filename*), with an ASCII filename= for older clients', async () => {
    const response = await fetch(exportUrl({ query: '{ ecosystems { code } }', filename: 'Écosystèmes données' }));
    expect(response.status).toBe(200);
    const disposition = response.headers.get('content-disposition')!;
    expect(disposition).toBe(`attachment; filename=Ecosystemes-donnees.csv; filename*=UTF-8''${encodeURIComponent('Écosystèmes-données.csv')}`);
    // A path in the name stays a name.
    const sneaky = await fetch(exportUrl({ query: '{ ecosystems { code } }', filename: '../../etc/passwd' }));
    expect(sneaky.headers.get('content-disposition')).toBe('attachment; filename=..-..-etc-passwd.csv');
  });

  it('reads all and bom strictly, the same way in a query string and a JSON body: anything but true/false is refused naming the field', async () => {
    const one = '{ ecosystems { code } }';
    const refusal = async (response: Response, field: string): Promise<void> => {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { extensions: { code: string; field: string } }[] };
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    };
    // Query string: true/false in any case; 1, yes, on, empty... refused.
    for (const value of ['1', 'yes', 'on', '', 'truee', '0']) await refusal(await fetch(exportUrl({ query: one, all: value })), 'all');
    await refusal(await fetch(exportUrl({ query: one, bom: 'no' })), 'bom');
    await refusal(await fetch(`${base}/export.csv?${new URLSearchParams([['query', one], ['all', 'true'], ['all', 'false']]).toString()}`), 'all');
    // TRUE means true (it was ignored): on a connection that cannot be followed it is refused as all=true is.
    const noAfter = /* GraphQL */ `query NoAfter { organizations(first: 5) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const upper = await fetch(exportUrl({ query: noAfter, all: 'TRUE' }));
    expect(upper.status).toBe(400);
    expect(((await upper.json()) as { errors: { message: string }[] }).errors[0]!.message).toMatch(/\$after/);
    const upperOk = await fetch(exportUrl({ query: ORGS, variables: JSON.stringify({ first: 40 }), all: 'TRUE', bom: 'False' }));
    expect(upperOk.status).toBe(200);
    expect(parseCsv(await upperOk.text())).toHaveLength(Number(upperOk.headers.get('x-total-count')) + 1);
    // JSON body: a JSON boolean only.
    const post = (body: Record<string, unknown>): Promise<Response> =>
      fetch(`${base}/export.csv`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: ORGS, variables: { first: 40 }, ...body }) });
    for (const value of [1, 'true', 'yes', null, 0]) await refusal(await post({ all: value }), 'all');
    await refusal(await post({ bom: 'false' }), 'bom');
    const postFalse = await post({ all: false, bom: false });
    expect(postFalse.status).toBe(200);
    expect(parseCsv(await postFalse.text())).toHaveLength(41);
  });

  it('exports the list at a given path', async () => {
    const query = /* GraphQL */ `{ ecosystems { code name } organizations(first: 3) { edges { node { name } } } }`;
    const first = parseCsv((await (await fetch(exportUrl({ query, bom: 'false' }))).text()));
    expect(first[0]).toEqual(['code', 'name']);
    expect(first.slice(1).map((r) => r[0]).sort()).toEqual(['ADS', 'MEDICEN', 'PSC']);
    const byPath = parseCsv(await (await fetch(exportUrl({ query, path: 'organizations', bom: 'false' }))).text());
    expect(byPath[0]).toEqual(['name']);
    expect(byPath).toHaveLength(4);
  });

  it('applies the same identity rules as /graphql: an invalid token is refused with 401, never anonymous', async () => {
    const response = await fetch(exportUrl({ query: ORGS }), { headers: { authorization: 'Bearer not.a.token' } });
    expect(response.status).toBe(401);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('runs as the caller: a valid token reaches the subgraphs with its viewer', async () => {
    const token = await graph.tokenFor({ sub: 'analyst-1', roles: [Role.ADMIN] });
    const response = await fetch(exportUrl({ query: '{ ecosystems { code } }', bom: 'false' }), { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(parseCsv(await response.text())).toHaveLength(4);
  });

  it('answers with the GraphQL errors (same status and code as /graphql) when the operation fails', async () => {
    const bad = '{ organizations(first: 2) { edges { node { nope } } } }';
    const viaGraphql = await graph.query(bad);
    const viaExport = await fetch(exportUrl({ query: bad }));
    expect(viaExport.status).toBe(viaGraphql.status);
    const body = (await viaExport.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe(viaGraphql.errors![0]!.extensions!.code);
  });

  it('applies the same operation limits as /graphql', async () => {
    // Deep enough for any sensible depth limit.
    const deep = `{ organizations(first: 1) { edges { node { datasets { publisher { datasets { publisher { datasets { publisher { datasets { publisher { datasets { publisher { datasets { publisher { name } } } } } } } } } } } } } } } }`;
    const viaGraphql = await graph.query(deep);
    expect(viaGraphql.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_DEEP');
    const viaExport = await fetch(exportUrl({ query: deep }));
    expect(viaExport.status).toBe(viaGraphql.status === 200 ? 400 : viaGraphql.status);
    const body = (await viaExport.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('QUERY_TOO_DEEP');
  });

  it('honours automatic persisted queries: an unknown hash is PERSISTED_QUERY_NOT_FOUND, a registered one runs', async () => {
    const query = '{ ecosystems { code name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash } });
    const unknown = await fetch(exportUrl({ extensions }));
    const unknownBody = (await unknown.json()) as { errors: { extensions: { code: string } }[] };
    expect(unknownBody.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const register = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } }),
    });
    expect(register.status).toBe(200);
    const known = await fetch(exportUrl({ extensions, bom: 'false' }));
    expect(known.status).toBe(200);
    expect(parseCsv(await known.text())).toHaveLength(4);
  });

  it('refuses all=true when the connection cannot be followed (no $after, no pageInfo) rather than export one page', async () => {
    const noAfter = /* GraphQL */ `query NoAfter { organizations(first: 5) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`;
    const noPageInfo = /* GraphQL */ `query NoPageInfo($after: String) { organizations(first: 5, after: $after) { edges { node { id } } } }`;
    for (const [query, hint] of [
      [noAfter, /\$after/],
      [noPageInfo, /pageInfo/],
    ] as const) {
      const response = await fetch(exportUrl({ query, all: 'true' }));
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string; field: string; requestId: string } }[] };
      expect(body.errors[0]!.message).toMatch(hint);
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'all' });
      expect(body.errors[0]!.extensions.requestId).toBe(response.headers.get('x-request-id'));
    }
    // One page without all=true stays allowed, and so does all=true on a plain (complete) list.
    expect((await fetch(exportUrl({ query: noAfter }))).status).toBe(200);
    expect((await fetch(exportUrl({ query: '{ ecosystems { code } }', all: 'true' }))).status).toBe(200);
  });

  it('works when the gateway listens on a port that WHATWG fetch refuses ("bad port": 6000, 6665-6669, ...)', async () => {
    const isFree = (candidate: number): Promise<boolean> =>
      new Promise<boolean>((resolve) => {
        const probe = createServer();
        probe.once('error', () => resolve(false));
        probe.listen(candidate, '127.0.0.1', () => probe.close(() => resolve(true)));
      });
    // Ports on the fetch standard's bad-port list.
    let port: number | undefined;
    for (const candidate of [6000, 6665, 6666, 6667, 6668, 6669, 6697, 10080]) {
      if (await isFree(candidate)) {
        port = candidate;
        break;
      }
    }
    if (port === undefined) {
      console.warn('every bad port tried is taken on this machine: the bad-port export test is skipped');
      return;
    }
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    const dataDir = mkdtempSync(join(tmpdir(), 'analysts-port-'));
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      ...Object.fromEntries(Object.values(graph.subgraphs).map((s) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, s.url])),
    });
    const gateway = createGateway(config, createLogger('test', 'silent'));
    const running = await gateway.listen(port, '127.0.0.1');
    try {
      await gateway.start();
      const url = `${running.url}/export.csv?${new URLSearchParams({ query: '{ ecosystems { code } }', bom: 'false' }).toString()}`;
      // The test's own client must not be fetch either, for the same reason.
      const response = await request(url);
      expect(response.statusCode).toBe(200);
      expect(parseCsv(await response.body.text())).toHaveLength(4);
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses mutations and requests without an operation, with a documented code and the field', async () => {
    const mutation = await fetch(exportUrl({ query: 'mutation { __typename }' }));
    expect(mutation.status).toBe(405);
    expect(((await mutation.json()) as ErrorBody).errors[0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', field: 'query' });
    const empty = await fetch(`${base}/export.csv`);
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as ErrorBody).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'query' });
    for (const [params, field] of [
      [{ query: '{ ecosystems { code } }', variables: '[1]' }, 'variables'],
      [{ query: '{ ecosystems { code } }', path: 'nowhere' }, 'path'],
      [{ query: '{ ecosystems { code } }', rows: 'bogus' }, 'rows'],
    ] as const) {
      const response = await fetch(exportUrl(params));
      expect(response.status).toBe(400);
      expect(((await response.json()) as ErrorBody).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('takes each known parameter once as a plain value: arrays, objects, repeats and unknown names are refused naming the parameter', async () => {
    const one = encodeURIComponent('{ ecosystems { code } }');
    for (const [raw, field] of [
      ['all[]=true', 'all'],
      ['all[a]=true', 'all'],
      ['bom[]=false', 'bom'],
      ['rows[]=bogus', 'rows'],
      ['path[]=organizations', 'path'],
      ['filename=a&filename=b', 'filename'],
      ['limit=10', 'limit'],
    ] as const) {
      const response = await fetch(`${base}/export.csv?query=${one}&${raw}`);
      expect(response.status).toBe(400);
      const body = (await response.json()) as ErrorBody;
      expect(body.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.errors[0]!.extensions.requestId).toBeTruthy();
    }
    const post = await fetch(`${base}/export.csv`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ ecosystems { code } }', rowz: 'leaves' }),
    });
    expect(post.status).toBe(400);
    expect(((await post.json()) as ErrorBody).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rowz' });
  });

  it('takes its columns from the selection set: the same on every page and whatever the first item holds', async () => {
    const query = /* GraphQL */ `query D($after: String) { datasets(first: 10, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id presentedAt { id } } } } }`;
    type Page = { datasets: { pageInfo: { hasNextPage: boolean; endCursor: string }; edges: { node: { id: string; presentedAt: { id: string }[] } }[] } };
    const datasets: { id: string; presentedAt: { id: string }[] }[] = [];
    for (let after: string | undefined; ; ) {
      const page = (await graph.query<Page>(query.replace('first: 10', 'first: 100'), { after })).data!.datasets;
      datasets.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(datasets.some((d) => d.presentedAt.length > 0)).toBe(true);
    const [header, ...rows] = parseCsv(await (await fetch(exportUrl({ query, all: 'true', bom: 'false', rows: 'leaves' }))).text());
    expect(header).toEqual(['id', 'presentedAt.id']);
    // An empty list gives its parent row once, with an empty cell.
    expect(rows).toEqual(datasets.flatMap((d) => (d.presentedAt.length === 0 ? [[d.id, '']] : d.presentedAt.map((p) => [d.id, p.id]))));
    // Selection order, not the order of the first item that has a value.
    const order = /* GraphQL */ `{ datasets(first: 100) { edges { node { id presentedAt { id } keywords } } } }`;
    expect(parseCsv(await (await fetch(exportUrl({ query: order, bom: 'false' }))).text())[0]).toEqual(['id', 'presentedAt.id', 'keywords']);
  });

  it('answers a body over the size limit as /graphql does: 413 PAYLOAD_TOO_LARGE in JSON with the request id', async () => {
    const body = JSON.stringify({ query: `{ ecosystems { code } } # ${'x'.repeat(1_100_000)}` });
    for (const path of ['/export.csv', '/graphql']) {
      const response = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(response.status).toBe(413);
      const answer = (await response.json()) as ErrorBody;
      expect(answer.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
      expect(answer.errors[0]!.extensions.requestId).toBe(response.headers.get('x-request-id'));
    }
  });

  it('says when the page limit cuts an all=true export (X-Export-Truncated, as a header or a trailer)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'analysts-pages-'));
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      CSV_EXPORT_MAX_PAGES: '3',
      ...Object.fromEntries(Object.values(graph.subgraphs).map((s) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, s.url])),
    });
    const limited = createGateway(config, createLogger('test', 'silent'));
    const running = await limited.listen(0, '127.0.0.1');
    try {
      await limited.start();
      const at = (query: string): string => `${running.url}/export.csv?${new URLSearchParams({ query, all: 'true', bom: 'false' }).toString()}`;
      // Without totalCount the cut is known at the end only: a trailer.
      const noTotal = await request(at('query E($after: String) { events(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }'));
      expect(parseCsv(await noTotal.body.text())).toHaveLength(1 + 6);
      expect(noTotal.trailers['x-export-truncated']).toBe('true');
      // With totalCount, before the first row.
      const withTotal = await fetch(at('query E($after: String) { events(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }'));
      expect(withTotal.headers.get('x-export-truncated')).toBe('true');
      expect(parseCsv(await withTotal.text())).toHaveLength(1 + 6);
      // A whole export says so too.
      const whole = await request(at('query O($after: String) { ecosystems { code } }'));
      await whole.body.text();
      expect(whole.headers['x-export-truncated']).toBeUndefined();
      const complete = await request(at('query D($after: String) { datasets(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }'));
      const completeRows = parseCsv(await complete.body.text()).length - 1;
      const total = (await graph.query<{ datasets: { totalCount: number } }>('{ datasets(first: 1) { totalCount } }')).data!.datasets.totalCount;
      expect(completeRows).toBe(Math.min(total, 300));
      expect(complete.trailers['x-export-truncated']).toBe(String(total > 300));
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('counts against the same rate-limit budget as /graphql (429 with Retry-After once spent)', async () => {
    // A second gateway on the same subgraphs, with a budget of 3 requests per minute.
    const dataDir = mkdtempSync(join(tmpdir(), 'analysts-rl-'));
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      RATE_LIMIT_MAX: '3',
      ...Object.fromEntries(Object.values(graph.subgraphs).map((s) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, s.url])),
    });
    const limited = createGateway(config, createLogger('test', 'silent'));
    const running = await limited.listen(0, '127.0.0.1');
    try {
      await limited.start();
      const token = await graph.tokenFor({ sub: 'analyst-rl', roles: [] });
      const headers = { authorization: `Bearer ${token}` };
      const url = `${running.url}/export.csv?${new URLSearchParams({ query: '{ ecosystems { code } }' }).toString()}`;
      const statuses: number[] = [];
      for (let i = 0; i < 2; i += 1) statuses.push((await fetch(url, { headers })).status);
      const graphqlCall = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ ecosystems { code } }' }),
      });
      statuses.push(graphqlCall.status);
      const refused = await fetch(url, { headers });
      statuses.push(refused.status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await refused.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('RATE_LIMITED');
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('honours trusted-documents mode: an unlisted operation is refused, a listed id runs', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'analysts-td-'));
    const manifest = join(dataDir, 'trusted.json');
    const listed = 'query Ecosystems { ecosystems { code name } }';
    writeFileSync(manifest, JSON.stringify({ 'ecosystems-v1': listed }));
    const config = loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      TRUSTED_DOCUMENTS_FILE: manifest,
      ...Object.fromEntries(Object.values(graph.subgraphs).map((s) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, s.url])),
    });
    const trusted = createGateway(config, createLogger('test', 'silent'));
    const running = await trusted.listen(0, '127.0.0.1');
    try {
      await trusted.start();
      const exportAt = (params: Record<string, string>): string => `${running.url}/export.csv?${new URLSearchParams(params).toString()}`;
      const unlisted = await fetch(exportAt({ query: '{ ecosystems { code } }' }));
      expect(unlisted.status).toBe(400);
      expect(((await unlisted.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('OPERATION_NOT_TRUSTED');
      const byId = await fetch(exportAt({ documentId: 'ecosystems-v1', bom: 'false' }));
      expect(byId.status).toBe(200);
      expect(parseCsv(await byId.text())[0]).toEqual(['code', 'name']);
      const byText = await fetch(exportAt({ query: listed, bom: 'false' }));
      expect(byText.status).toBe(200);
    } finally {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('labels in the caller\u2019s language through the gateway, with no setting', () => {
  const LABELS = /* GraphQL */ `{
    organizations(first: 0) { facets { kinds { value label } } }
    ecosystem(code: "MEDICEN") { keyFigures { label value } }
    modules(first: 0) { facets { domains { value label } } }
  }`;
  type Labels = {
    organizations: { facets: { kinds: { value: string; label: string }[] } };
    ecosystem: { keyFigures: { label: string; value: number }[] };
    modules: { facets: { domains: { value: string; label: string }[] } };
  };
  const ask = async (acceptLanguage?: string): Promise<{ status: number; vary: string | null; data: Labels }> => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }) },
      body: JSON.stringify({ query: LABELS }),
    });
    const body = (await response.json()) as { data: Labels; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return { status: response.status, vary: response.headers.get('vary'), data: body.data };
  };

  it('answers in English for an English browser and in French otherwise (the gateway forwards Accept-Language by default)', async () => {
    const english = await ask('en-GB,en;q=0.9,fr;q=0.8');
    expect(english.data.organizations.facets.kinds.find((k) => k.value === 'MID_CAP')?.label).toBe('Mid-cap');
    expect(english.data.ecosystem.keyFigures.find((f) => f.value === 492)?.label).toBe('Members');
    expect(english.data.modules.facets.domains.some((d) => d.label === 'Real-world data')).toBe(true);
    // A shared cache keeps one answer per language.
    expect(english.vary?.toLowerCase()).toContain('accept-language');
    const french = await ask('fr-FR');
    expect(french.data.ecosystem.keyFigures.find((f) => f.value === 492)?.label).toBe('Adhérents');
    expect(french.data.modules.facets.domains.some((d) => d.label === 'Données de vie réelle')).toBe(true);
    expect((await ask()).data.ecosystem.keyFigures.find((f) => f.value === 492)?.label).toBe('Adhérents');
    // A malformed or overlong header is only a preference: ignored (French), not an error.
    const overlong = await ask(`en,${'a'.repeat(300)}`);
    expect(overlong.status).toBe(200);
    expect(overlong.data.ecosystem.keyFigures.find((f) => f.value === 492)?.label).toBe('Adhérents');
  });

  it('finds English words in the content the playground examples use: datasets and modules', async () => {
    const found = await graph.query<{ datasets: { totalCount: number }; modules: { totalCount: number; edges: { node: { titleEn: string } }[] } }>(
      /* GraphQL */ `{ datasets(first: 0, filter: { text: "oncology" }) { totalCount } modules(first: 5, filter: { text: "pharmaceutical" }) { totalCount edges { node { titleEn } } } }`,
    );
    expect(found.errors).toBeUndefined();
    expect(found.data!.datasets.totalCount).toBeGreaterThan(0);
    expect(found.data!.modules.totalCount).toBeGreaterThan(0);
    for (const { node } of found.data!.modules.edges) expect(node.titleEn.toLowerCase()).toContain('pharmaceutical');
  });
});

describe('CORS for a frontend in development', () => {
  it('answers a preflight from a local origin with no CORS_ORIGINS set', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,authorization' },
    });
    expect(response.status).toBeLessThan(300);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(response.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('gives no CORS headers to another host', async () => {
    const response = await fetch(graph.gatewayUrl, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});

import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { type ExecutionResult, parse } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { CORE_DEFINITIONS, postGraphQL, startSubgraph, type RunningSubgraph } from '../helpers/graph';
import { freePort, type NodeProcess, type SlowProxy, startNode, startSlowProxy, waitForOk } from '../helpers/processes';

/*
 * Static mode (SUPERGRAPH_FILE) with a supergraph composed outside the project's code, by The Guild's
 * composition library: the gateway process serves the file, routes every subgraph to the URL the
 * supergraph names (or an explicit SUBGRAPH_<NAME>_URL), follows the file on disk (hot swap; a bad file
 * keeps the previous supergraph) and composes nothing. The same file on Hive Gateway answers the public
 * queries with the same data. Build first: `npx tsc -b gateway`.
 */
const root = mkdtempSync(join(tmpdir(), 'static-supergraph-'));
const supergraphFile = join(root, 'supergraph.graphql');
const hiveFile = join(root, 'hive-supergraph.graphql');
const subgraphs: Record<string, RunningSubgraph> = {};
const sdls: Record<string, string> = {};
let eventsProxy: SlowProxy;
let datasetsProxy: SlowProxy;
let gateway: NodeProcess;
let gatewayUrl: string;
let hive: NodeProcess | undefined;

const example = (file: string): string => readFileSync(join(__dirname, '..', '..', 'gateway', 'examples', file), 'utf8');
// Public, cross-subgraph queries (events -> datasets -> members; members' memberships): no identity needed.
const PUBLIC_QUERIES = ['02-meetmydata-sessions.graphql', '04-organisations-in-all-three-ecosystems.graphql'].map(example);
const EVENTS_ONLY = /* GraphQL */ `{ events(first: 1) { totalCount } }`;
// Public data of two subgraphs, for the public contract derived from the file.
const CONTRACT_QUERY = /* GraphQL */ `{ organizations(first: 3) { totalCount edges { node { id name } } } events(first: 2) { totalCount edges { node { id title } } } }`;
const contractUrl = (): string => gatewayUrl.replace(/\/graphql$/, '/public/graphql');

async function subgraphSdl(url: string): Promise<string> {
  const { data } = await postGraphQL<{ _service: { sdl: string } }>(url, '{ _service { sdl } }', {}, { 'apollo-require-preflight': 'true' });
  return data!._service.sdl;
}

/** A supergraph composed by @theguild/federation-composition, not by this project's code. */
function composeOutside(urls: Record<string, string>): string {
  const result = composeServices(Object.entries(urls).map(([name, url]) => ({ name, url, typeDefs: parse(sdls[name]!) })));
  if (!result.supergraphSdl) throw new Error(`composition failed: ${(result.errors ?? []).map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}

/** Replaces the file as an operator's deployment would (write aside, then rename). */
function replaceFile(file: string, text: string): void {
  writeFileSync(`${file}.next`, text);
  renameSync(`${file}.next`, file);
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not after ${timeoutMs} ms\n${gateway.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A subscription over SSE, anonymous: its results as they come, and whether the stream ended. */
function subscribe(url: string, query: string, variables: Record<string, unknown>): { results: ExecutionResult[]; ended: () => boolean; dispose: () => void } {
  const results: ExecutionResult[] = [];
  let ended = false;
  const client = createSseClient({ url, retryAttempts: 0 });
  const dispose = client.subscribe(
    { query, variables },
    {
      next: (result) => results.push(result as ExecutionResult),
      error: () => (ended = true),
      complete: () => (ended = true),
    },
  );
  return {
    results,
    ended: () => ended,
    dispose: () => {
      dispose();
      client.dispose();
    },
  };
}

const directUrls = (): Record<string, string> => Object.fromEntries(Object.values(subgraphs).map((s) => [s.definition.name, s.url]));

beforeAll(async () => {
  for (const definition of CORE_DEFINITIONS) {
    subgraphs[definition.name] = await startSubgraph(definition, 'static_sg');
    sdls[definition.name] = await subgraphSdl(subgraphs[definition.name]!.url);
  }
  eventsProxy = await startSlowProxy(subgraphs.events!.server.url);
  datasetsProxy = await startSlowProxy(subgraphs.datasets!.server.url);
  const composed = composeOutside(directUrls());
  writeFileSync(supergraphFile, composed);
  writeFileSync(hiveFile, composed);
  const port = await freePort();
  gateway = startNode('gateway/dist/main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, 'gateway'),
    SUPERGRAPH_FILE: supergraphFile,
    // The only explicit URL: an override of what the supergraph says for events. The three others are
    // left unset, so their defaults (localhost:4001...) must not be used: the supergraph's URLs are.
    SUBGRAPH_EVENTS_URL: `${eventsProxy.url}/graphql`,
    FAST_PATH_ENABLED: 'false',
  });
  gatewayUrl = `http://127.0.0.1:${port}/graphql`;
  await waitForOk(`http://127.0.0.1:${port}/ready`, 60_000, 'gateway (SUPERGRAPH_FILE)', gateway);
}, 180_000);

afterAll(async () => {
  await hive?.kill('SIGTERM');
  await gateway?.kill('SIGTERM');
  await eventsProxy?.close();
  await datasetsProxy?.close();
  for (const s of Object.values(subgraphs)) {
    await s.server.close();
    await s.database.close();
  }
  rmSync(root, { recursive: true, force: true });
});

describe('SUPERGRAPH_FILE', () => {
  it('serves the file, routes to the supergraph URLs (an explicit SUBGRAPH_<NAME>_URL overrides) and composes nothing', async () => {
    for (const query of PUBLIC_QUERIES) {
      const response = await postGraphQL<Record<string, { totalCount: number }>>(gatewayUrl, query);
      expect(response.errors).toBeUndefined();
      expect(Object.values(response.data!)[0]!.totalCount).toBeGreaterThan(0);
    }
    // Events went through the override, nothing through the datasets proxy (not in the supergraph yet).
    expect(eventsProxy.seen.length).toBeGreaterThan(0);
    expect(datasetsProxy.seen).toHaveLength(0);
    expect(gateway.output()).toContain('serving the followed supergraph');
    expect(gateway.output()).not.toContain('registry open');
    // No registry behind a static gateway: the admin API says so instead of "starting".
    const admin = await fetch(gatewayUrl.replace('/graphql', '/admin/subgraphs'));
    expect(admin.status).toBe(404);
    expect(((await admin.json()) as { error: { code: string } }).error.code).toBe('REGISTRY_NOT_SERVED');
  });

  it('serves the public contract derived from the file at /public/graphql', async () => {
    const [viaContract, viaGraph] = await Promise.all([postGraphQL(contractUrl(), CONTRACT_QUERY), postGraphQL(gatewayUrl, CONTRACT_QUERY)]);
    expect(viaContract.errors).toBeUndefined();
    expect(viaContract.data).toEqual(viaGraph.data);
    const privateField = await postGraphQL(contractUrl(), '{ organizations(first: 1) { edges { node { id people { totalCount } } } } }');
    expect(privateField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('follows the file: a new supergraph is swapped in, a bad one keeps the previous supergraph', async () => {
    // 1. The same subgraphs, datasets now routed through its proxy: the new URL is followed.
    replaceFile(supergraphFile, composeOutside({ ...directUrls(), datasets: `${datasetsProxy.url}/graphql` }));
    await until('datasets routed to the URL of the new supergraph', async () => {
      datasetsProxy.seen.length = 0;
      const response = await postGraphQL(gatewayUrl, PUBLIC_QUERIES[0]!);
      return response.errors === undefined && datasetsProxy.seen.length > 0;
    });

    // 2. A supergraph without events: the field is gone from the served schema.
    const withoutEvents: Record<string, string> = { ...directUrls(), datasets: `${datasetsProxy.url}/graphql` };
    delete withoutEvents.events;
    replaceFile(supergraphFile, composeOutside(withoutEvents));
    await until('events gone after the swap', async () => {
      const response = await postGraphQL(gatewayUrl, EVENTS_ONLY);
      return response.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED';
    });
    // The contract follows the file: events left it too.
    expect((await postGraphQL(contractUrl(), EVENTS_ONLY)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // So did its exports: the supergraph routes events nowhere (SUBGRAPH_EVENTS_URL overrides a URL, it adds no subgraph).
    const eventsExport = await fetch(gatewayUrl.replace(/\/graphql$/, '/jsonld/events'));
    expect(eventsExport.status).toBe(404);
    expect(((await eventsExport.json()) as { error: { code: string } }).error.code).toBe('NOT_FOUND');

    // 3. Not a supergraph: logged, the previous one keeps serving.
    replaceFile(supergraphFile, 'type Query { broken: String }');
    await until('bad file logged', async () => gateway.output().includes('is not a valid supergraph'));
    const organizations = await postGraphQL<{ organizations: { totalCount: number } }>(gatewayUrl, PUBLIC_QUERIES[1]!);
    expect(organizations.errors).toBeUndefined();
    expect(organizations.data!.organizations.totalCount).toBeGreaterThan(0);
    expect((await postGraphQL(gatewayUrl, EVENTS_ONLY)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // 4. The four subgraphs again: events is back.
    replaceFile(supergraphFile, composeOutside(directUrls()));
    await until('events back', async () => (await postGraphQL(gatewayUrl, EVENTS_ONLY)).errors === undefined);
    expect((await postGraphQL(contractUrl(), EVENTS_ONLY)).errors).toBeUndefined();
  });

  it('routes the standard exports as its queries: to the URL in the supergraph, or the explicit override', async () => {
    const base = gatewayUrl.replace(/\/graphql$/, '');
    const get = (path: string): Promise<Response> => fetch(`${base}${path}`, { headers: { accept: 'application/ld+json' } });
    // The supergraph names the subgraphs' own ports, not the defaults (localhost:4001...) of SUBGRAPH_*_URL.
    expect(Object.values(directUrls()).some((url) => /localhost:400[1-4]\//.test(url))).toBe(false);
    datasetsProxy.paths.length = 0;
    eventsProxy.paths.length = 0;
    const catalogue = await get('/catalogue.jsonld');
    expect(catalogue.status).toBe(200);
    expect(JSON.stringify(await catalogue.json())).toMatch(/dcat:Catalog|dcat#Catalog/);
    expect(datasetsProxy.paths).toHaveLength(0);
    // Events: through the explicit SUBGRAPH_EVENTS_URL, for the RDF export and the proxied iCalendar one alike.
    expect((await get('/jsonld/events')).status).toBe(200);
    const { data } = await postGraphQL<{ events: { edges: { node: { id: string } }[] } }>(gatewayUrl, '{ events(first: 1) { edges { node { id } } } }');
    const ical = await fetch(`${base}/ical/events/${data!.events.edges[0]!.node.id}.ics`);
    expect(ical.status).toBe(200);
    expect(await ical.text()).toContain('BEGIN:VCALENDAR');
    expect(eventsProxy.paths).toEqual(expect.arrayContaining(['/jsonld/events', expect.stringMatching(/^\/ical\/events\//)]));
    // A new supergraph routes datasets through its proxy: the export follows it, without restart.
    replaceFile(supergraphFile, composeOutside({ ...directUrls(), datasets: `${datasetsProxy.url}/graphql` }));
    await until('the catalogue export routed to the URL of the new supergraph', async () => {
      const response = await get('/catalogue.jsonld');
      return response.status === 200 && datasetsProxy.paths.includes('/catalogue');
    });
  });
});

describe('SUPERGRAPH_FILE without public tags', () => {
  it('serves no contract until the file tags some, then serves it without restart', async () => {
    const file = join(root, 'untagged-supergraph.graphql');
    const tagged = composeOutside(directUrls());
    writeFileSync(file, tagged.replace(/ @tag\(name: "public"\)/g, ''));
    const port = await freePort();
    const untagged = startNode('gateway/dist/main.js', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(root, 'untagged'),
      SUPERGRAPH_FILE: file,
      FAST_PATH_ENABLED: 'false',
    });
    try {
      await waitForOk(`http://127.0.0.1:${port}/ready`, 60_000, 'gateway (untagged SUPERGRAPH_FILE)', untagged);
      const url = `http://127.0.0.1:${port}/public/graphql`;
      expect((await postGraphQL(url, EVENTS_ONLY)).status).toBe(503);
      replaceFile(file, tagged);
      const deadline = Date.now() + 20_000;
      let response = await postGraphQL(url, EVENTS_ONLY);
      while (response.status !== 200 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        response = await postGraphQL(url, EVENTS_ONLY);
      }
      expect(response.errors).toBeUndefined();
      expect((await postGraphQL(url, '{ people(first: 1) { totalCount } }')).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      // The tags go again: the contract follows the served supergraph, as at start.
      replaceFile(file, tagged.replace(/ @tag\(name: "public"\)/g, ''));
      const untilGone = Date.now() + 20_000;
      while (response.status !== 503 && Date.now() < untilGone) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        response = await postGraphQL(url, EVENTS_ONLY);
      }
      expect(response.status).toBe(503);
      expect(response.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await untagged.kill('SIGTERM');
    }
  }, 120_000);
});

describe('SUPERGRAPH_FILE edited without changing the supergraph', () => {
  it('swaps nothing, so open subscriptions stay open; a real change is swapped and ends them', async () => {
    const file = join(root, 'edited-supergraph.graphql');
    const original = composeOutside(directUrls());
    writeFileSync(file, original);
    const port = await freePort();
    // Its own gateway without overrides: the subscription's stream reaches the events subgraph directly
    // (the test's proxies answer once the whole response is in, which a stream never is).
    const edited = startNode('gateway/dist/main.js', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(root, 'edited'),
      SUPERGRAPH_FILE: file,
      FAST_PATH_ENABLED: 'false',
    });
    const url = `http://127.0.0.1:${port}/graphql`;
    const seen = (text: string): number => edited.output().split(text).length - 1;
    const waitFor = async (what: string, check: () => boolean): Promise<void> => {
      const deadline = Date.now() + 20_000;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`${what}: not after 20000 ms\n${edited.output().slice(-3000)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    let stream: ReturnType<typeof subscribe> | undefined;
    try {
      await waitForOk(`http://127.0.0.1:${port}/ready`, 60_000, 'gateway (edited SUPERGRAPH_FILE)', edited);
      const { data } = await postGraphQL<{ events: { edges: { node: { id: string } }[] } }>(url, '{ events(first: 1) { edges { node { id } } } }');
      stream = subscribe(`${url}/stream`, 'subscription ($eventId: ID!) { registrationChanged(eventId: $eventId) { seatsTaken } }', { eventId: data!.events.edges[0]!.node.id });
      const open = stream;
      await waitFor('first subscription result', () => open.results.length > 0);
      expect(open.results[0]!.errors).toBeUndefined();
      // Comments, blank lines and indentation: the same supergraph in another form.
      replaceFile(file, `# Edited by an operator: same supergraph.\n\n${original.replace(/\n {2}/g, '\n    ')}\n# end\n`);
      await waitFor('the edit seen', () => seen('changed in form only') === 1);
      expect(seen('now serving it')).toBe(0);
      expect(open.ended()).toBe(false);
      expect(open.results).toHaveLength(1);
      expect((await postGraphQL(url, EVENTS_ONLY)).errors).toBeUndefined();
      // A real change (datasets at another URL): swapped, and the stream ends as it says.
      replaceFile(file, composeOutside({ ...directUrls(), datasets: `${datasetsProxy.url}/graphql` }));
      await waitFor('the subscription ended by the swap', () => open.ended());
      expect(open.results.at(-1)!.errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_CLOSED', reason: 'SUPERGRAPH_CHANGED' });
      // Logged once the swap is done, which may come after the stream ended.
      await waitFor('the swap logged', () => seen('now serving it') === 1);
    } finally {
      stream?.dispose();
      await edited.kill('SIGTERM');
    }
  }, 120_000);
});

describe('the same supergraph on Hive Gateway', () => {
  it('answers the public queries with the same data as this gateway', async () => {
    const port = await freePort();
    hive = startNode('node_modules/@graphql-hive/gateway/dist/bin.js', { NODE_ENV: 'production' }, ['supergraph', hiveFile, '--port', String(port), '--host', '127.0.0.1']);
    await waitForOk(`http://127.0.0.1:${port}/readiness`, 60_000, 'hive-gateway', hive);
    for (const query of PUBLIC_QUERIES) {
      const ours = await postGraphQL(gatewayUrl, query);
      const theirs = await postGraphQL(`http://127.0.0.1:${port}/graphql`, query);
      expect(ours.errors).toBeUndefined();
      expect(theirs.errors).toBeUndefined();
      expect(theirs.data).toEqual(ours.data);
    }
  }, 120_000);
});

import { createServer, type IncomingMessage, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { createLogger, httpAppOptions, IDENTITY_HEADER, type RunningServer, type Viewer } from '@ecosystem/shared';
import Fastify from 'fastify';
import { decodeJwt } from 'jose';
import { parse } from 'graphql';
import { loadGatewayConfig } from '../../config';
import { listenApp } from '../../http/listen-app';
import { type GatewayContext } from '../../context';
import { INCOMING_OPERATION } from '../../fast-path/single-fetch';
import { type GatewayMetrics } from '../../observability/metrics';
import { type SubgraphClients } from '../../resilience/subgraph-clients';
import { testClients } from '../../resilience/__tests__/test-clients';
import { installStandardExports } from '../standard-exports';

/*
 * The standard exports on the gateway's host, with the gateway's one client of its subgraphs: a
 * real HTTP server stands in for the events subgraph (its iCalendar feed and its GraphQL endpoint).
 * What the subgraph sees (identity token for it only, request id, never the caller's token), what
 * the caller gets back (status, the document's headers, revalidation), and a subgraph that is down:
 * the export fails as its GraphQL fetches do, on the same circuit, and fails at once once it opens.
 */

const VIEWER: Viewer = { sub: 'person-1', roles: ['member'] };
const ICS = 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n';
const EVENTS_JSONLD = {
  '@context': { schema: 'https://schema.org/' },
  '@graph': [{ '@id': 'https://example.org/events/1', '@type': 'schema:Event', 'schema:name': 'Atelier' }],
};

let subgraph: Server;
let subgraphPort = 0;
const seen: { path: string; headers: IncomingMessage['headers'] }[] = [];
let gateway: RunningServer;
let base: string;
let clients: SubgraphClients;
let metrics: GatewayMetrics;

function subgraphServer(): Server {
  return createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://subgraph');
      if (url.pathname === '/jsonld/events') {
        // A caller's bad parameter, the subgraph failing one request, or a document (answered late,
        // so that concurrent callers overlap).
        if (url.searchParams.get('to') === 'bad') {
          res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'BAD_USER_INPUT', message: '"to" must be a date', field: 'to' } }));
        } else if (url.searchParams.has('crash')) {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Export failed' } }));
        } else {
          setTimeout(() => res.writeHead(200, { 'content-type': 'application/ld+json' }).end(JSON.stringify(EVENTS_JSONLD)), 150);
        }
        return;
      }
      if (req.url?.startsWith('/ical/')) {
        if (req.headers['if-none-match'] === '"v1"') {
          res.writeHead(304, { etag: '"v1"' }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'public, max-age=300', etag: '"v1"', 'x-internal': 'no' });
        res.end(ICS);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
    });
  });
}

async function startSubgraph(): Promise<void> {
  subgraph = subgraphServer();
  await new Promise<void>((resolve) => subgraph.listen(subgraphPort, '127.0.0.1', resolve));
  subgraphPort = (subgraph.address() as AddressInfo).port;
}

async function stopSubgraph(): Promise<void> {
  subgraph.closeAllConnections();
  await new Promise((resolve) => subgraph.close(resolve));
}

const graphqlUrl = (): string => `http://127.0.0.1:${subgraphPort}/graphql`;

/** An app serving the standard exports from the test subgraph (events only), with the gateway's settings of `env`. */
async function exportsApp(env: Record<string, string> = {}): Promise<RunningServer> {
  const app = Fastify(httpAppOptions());
  installStandardExports(app, {
    subgraphUrl: (name) => (name === 'events' ? graphqlUrl() : undefined),
    viewerFrom: async (authorization) => (authorization ? VIEWER : null),
    subgraphs: clients,
    logger: createLogger('standard-exports-test', 'silent'),
    config: loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...env }),
  });
  return listenApp(app, 0, '127.0.0.1');
}

beforeAll(async () => {
  await startSubgraph();
  ({ clients, metrics } = testClients({ CIRCUIT_CONSECUTIVE_FAILURES: '2', CIRCUIT_PROBE_INTERVAL_MS: '60000', SUBGRAPH_TIMEOUT_MS: '2000' }));
  gateway = await exportsApp();
  base = `http://127.0.0.1:${(gateway.httpServer.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await gateway.close();
  await clients.close();
  if (subgraph.listening) await stopSubgraph();
});

/** A GraphQL fetch of the plan to the same subgraph, through its data source. */
async function graphqlFetch(): Promise<{ errors?: { extensions: { code: string; reason: string } }[] }> {
  const query = 'query Probe__events__0 { __typename }';
  const context: GatewayContext = { requestId: 'plan-1', viewer: null, logger: createLogger('t', 'silent'), identityTokens: new Map() };
  return (await clients.dataSource('events', graphqlUrl()).process({
    kind: INCOMING_OPERATION,
    request: { query, variables: {}, operationName: 'Probe__events__0' },
    incomingRequestContext: { overallCachePolicy: { restrict: () => undefined }, request: { query: '{ __typename }' } } as never,
    context,
    document: parse(query),
    pathInIncomingRequest: [] as never,
  })) as never;
}

describe('standard exports through the gateway\u2019s subgraph client', () => {
  it('pass the document on with its headers, an identity token for that subgraph only and the request id; revalidation answers 304', async () => {
    const response = await fetch(`${base}/ical/events/abc.ics?x=1`, { headers: { authorization: 'Bearer caller-token', 'x-request-id': 'export-1' } });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(ICS);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('public, max-age=300');
    expect(response.headers.get('etag')).toBe('"v1"');
    expect(response.headers.get('x-internal')).toBeNull();
    const request = seen.at(-1)!;
    expect(request.path).toBe('/ical/events/abc.ics?x=1');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['x-request-id']).toBe('export-1');
    expect(decodeJwt(request.headers[IDENTITY_HEADER] as string)).toMatchObject({ sub: VIEWER.sub, aud: 'events' });

    const again = await fetch(`${base}/ical/events/abc.ics`, { headers: { 'if-none-match': '"v1"' } });
    expect(again.status).toBe(304);
    expect(seen.at(-1)!.headers[IDENTITY_HEADER]).toBeUndefined();
  });

  it('a caller\u2019s bad parameter is their 400 with its code, field and request id; a failed export is 502 and never opens the circuit', async () => {
    const bad = await fetch(`${base}/jsonld/events?to=bad`, { headers: { 'x-request-id': 'bad-to-1' } });
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toBe('bad-to-1');
    expect(await bad.json()).toEqual({ error: { code: 'BAD_USER_INPUT', message: '"to" must be a date', field: 'to', requestId: 'bad-to-1' } });
    // Far more than CIRCUIT_CONSECUTIVE_FAILURES: the subgraph answered each one, it is not lost.
    for (let i = 0; i < 6; i++) {
      const failed = await fetch(`${base}/jsonld/events?crash=${i}`, { headers: { accept: 'text/turtle' } });
      expect(failed.status).toBe(502);
      const requestId = failed.headers.get('x-request-id');
      expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(await failed.json()).toEqual({ error: { code: 'BAD_GATEWAY', message: 'The subgraph serving this export is unavailable', requestId } });
    }
    expect(clients.circuits()).toEqual({ events: 'closed' });
    expect((await graphqlFetch()).errors).toBeUndefined();
    expect(await metrics.registry.metrics()).toMatch(/subgraph_fetch_errors_total\{subgraph="events",reason="bad_response"\} 6/);
    const unknown = await fetch(`${base}/catalogue.ttl`, { headers: { 'x-request-id': 'no-datasets' } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { requestId: string } }).error.requestId).toBe('no-datasets');
  });

  it('identical anonymous exports at once share one read and one conversion; a viewer\u2019s is their own', async () => {
    const before = seen.filter((request) => request.path.startsWith('/jsonld/events?shared')).length;
    const answers = await Promise.all(Array.from({ length: 12 }, () => fetch(`${base}/jsonld/events?shared=1`, { headers: { accept: 'text/turtle' } })));
    const bodies = await Promise.all(answers.map((answer) => answer.text()));
    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(200));
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('Atelier');
    expect(new Set(answers.map((answer) => answer.headers.get('x-request-id'))).size).toBe(12);
    const asked = (): number => seen.filter((request) => request.path.startsWith('/jsonld/events?shared')).length - before;
    expect(asked()).toBe(1);
    await Promise.all([1, 2].map(() => fetch(`${base}/jsonld/events?shared=1`, { headers: { accept: 'text/turtle', authorization: 'Bearer t' } })));
    expect(asked()).toBe(3);
  });

  it.each(['DELETE', 'PUT', 'POST'])('%s on an export: 405 METHOD_NOT_ALLOWED with Allow and the request id, the subgraph not asked', async (method) => {
    const before = seen.length;
    const response = await fetch(`${base}/jsonld/events`, { method, headers: { 'x-request-id': 'export-405' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(response.headers.get('x-request-id')).toBe('export-405');
    expect(await response.json()).toEqual({
      error: { code: 'METHOD_NOT_ALLOWED', message: `${method} is not served here: standard exports are read with GET or HEAD`, requestId: 'export-405' },
    });
    expect(seen.length).toBe(before);
  });

  it('conversions beyond EXPORT_CONVERSIONS wait, and beyond EXPORT_CONVERSIONS_WAITING are refused 503 with Retry-After', async () => {
    const small = await exportsApp({ EXPORT_CONVERSIONS: '1', EXPORT_CONVERSIONS_WAITING: '1' });
    try {
      const url = `http://127.0.0.1:${(small.httpServer.address() as AddressInfo).port}/jsonld/events`;
      // Distinct questions (and a viewer's): nothing is shared, each needs its own conversion.
      const answers = await Promise.all([1, 2, 3, 4].map((i) => fetch(`${url}?n=${i}`, { headers: { accept: 'text/turtle', authorization: 'Bearer t' } })));
      const statuses = answers.map((answer) => answer.status).sort();
      expect(statuses).toEqual([200, 200, 503, 503]);
      const refused = answers.find((answer) => answer.status === 503)!;
      expect(refused.headers.get('retry-after')).toBe('2');
      expect(await refused.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', requestId: refused.headers.get('x-request-id') } });
    } finally {
      await small.close();
    }
  });

  it('a subgraph that is down: 502 as its GraphQL fetches fail, on the same circuit, then at once while it is open', async () => {
    await stopSubgraph();
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${base}/ical/events/abc.ics`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_GATEWAY', message: 'The subgraph serving this export is unavailable' } });
    }
    // Two failures in a row opened the subgraph's circuit, whichever way it was called.
    expect(clients.circuits()).toEqual({ events: 'open' });
    const planFetch = await graphqlFetch();
    expect(planFetch.errors?.[0]?.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', reason: 'circuit_open' });
    const refused = await fetch(`${base}/jsonld/events`);
    expect(refused.status).toBe(502);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/subgraph_fetch_errors_total\{subgraph="events",reason="network"\} 2/);
    expect(text).toMatch(/subgraph_fetch_errors_total\{subgraph="events",reason="circuit_open"\} 2/);
  });
});

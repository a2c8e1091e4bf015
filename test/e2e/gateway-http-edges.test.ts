import { gzipSync } from 'node:zlib';
import { type RawAnswer, sendRaw } from '@ecosystem/shared';
import { type RunningGraph } from '../helpers/graph';
import { startLeanGraph } from '../helpers/lean-graph';

/*
 * What the gateway (production mode) answers before its routes do, over raw HTTP (node:http sends
 * the headers as written: an empty Host, a Content-Encoding in capitals, a path that is no URL):
 * every client mistake a coded 4xx in its route's error shape with the request id, never a 500,
 * never Fastify's own body; OPTIONS and CORS preflights as before the port. The members subgraph is
 * real (its public tags make /public/graphql served), the others placeholders.
 */
let graph: RunningGraph;
let port: number;

beforeAll(async () => {
  graph = await startLeanGraph(
    'edges',
    {
      NODE_ENV: 'production',
      JWT_SECRET: 'edges-user-secret-'.repeat(3),
      INTERNAL_JWT_SECRET: 'edges-internal-secret-'.repeat(3),
      MAX_BODY_BYTES: '20000',
      CORS_ORIGINS: 'https://app.example.org',
      METRICS_TOKEN: 'metrics-secret',
    },
    [],
    ['members'],
  );
  port = Number(new URL(graph.gatewayUrl).port);
}, 120_000);

afterAll(async () => {
  await graph?.stop();
});

/** One raw request, with the Host a client behind a proxy would send. */
function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawAnswer> {
  return sendRaw(`http://127.0.0.1:${port}`, { method, path, headers: { host: 'gateway.example.org', ...headers }, body });
}

const QUERY = JSON.stringify({ query: '{ __typename }' });
const json = { 'content-type': 'application/json' };

describe('the gateway before its routes', () => {
  it.each([
    ['/graphql', ''],
    ['/graphql', 'a b[:'],
    ['/public/graphql', ''],
    ['/public/graphql', 'a b[:'],
  ])('%s with Host "%s": 400 BAD_REQUEST with the request id', async (path, host) => {
    const answer = await send('POST', path, { ...json, host, 'x-request-id': 'host-1' }, QUERY);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-request-id']).toBe('host-1');
    expect(answer.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST', field: 'host', requestId: 'host-1' });
  });

  it('reads Content-Encoding case-insensitively, identity as none, and refuses others 415 naming them; a GET is not refused for it', async () => {
    expect((await send('POST', '/graphql', { ...json, 'content-encoding': 'identity' }, QUERY)).body).toEqual({ data: { __typename: 'Query' } });
    expect((await send('POST', '/graphql', { ...json, 'content-encoding': 'GZIP' }, gzipSync(QUERY))).body).toEqual({ data: { __typename: 'Query' } });
    const bogus = await send('POST', '/graphql', { ...json, 'content-encoding': 'bogus', 'x-request-id': 'enc-1' }, QUERY);
    expect(bogus.status).toBe(415);
    expect(bogus.body.errors![0]!.extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-encoding', requestId: 'enc-1' });
    expect(bogus.body.errors![0]!.message).toMatch(/"bogus" is not supported.*gzip, deflate or br/);
    const get = await send('GET', '/graphql?query=%7B__typename%7D', { 'content-encoding': 'bogus', 'apollo-require-preflight': '1' });
    expect([get.status, get.body]).toEqual([200, { data: { __typename: 'Query' } }]);
  });

  it('refuses a body with an empty Content-Type 415 UNSUPPORTED_MEDIA_TYPE naming the header, on both GraphQL endpoints', async () => {
    for (const path of ['/graphql', '/public/graphql']) {
      const empty = await send('POST', path, { 'content-type': '', 'x-request-id': 'ct-empty' }, QUERY);
      expect([path, empty.status]).toEqual([path, 415]);
      expect(empty.body.errors![0]!.extensions).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', requestId: 'ct-empty' });
      expect(empty.body.errors![0]!.message).toMatch(/empty Content-Type.*application\/json/);
    }
  });

  it('refuses JSON in another charset than UTF-8 (415) and a "__proto__" key (400), saying why', async () => {
    const utf16 = await send('POST', '/graphql', { 'content-type': 'application/json; charset=utf-16' }, QUERY);
    expect(utf16.status).toBe(415);
    expect(utf16.body.errors![0]!.extensions).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type' });
    expect(utf16.body.errors![0]!.message).toMatch(/UTF-8/);
    const proto = await send('POST', '/graphql', json, '{"query":"{ __typename }","__proto__":{"x":1}}');
    expect(proto.status).toBe(400);
    expect(proto.body.errors![0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: proto.headers['x-request-id'] });
    expect(proto.body.errors![0]!.message).toMatch(/"__proto__" key/);
  });

  it('opens a Server-Sent Events answer without a Content-Encoding, keeping proxies from compressing or buffering it', async () => {
    // A document the gateway refuses is the stream's one event: the stream's head is written all the same.
    const stream = await send('POST', '/graphql/stream', { ...json, accept: 'text/event-stream', 'x-request-id': 'sse-1' }, JSON.stringify({ query: 'subscription { nope }' }));
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(stream.headers['content-encoding']).toBeUndefined();
    expect(stream.headers['cache-control']).toBe('no-cache, no-transform');
    expect(stream.headers['x-accel-buffering']).toBe('no');
    expect(stream.headers['x-request-id']).toBe('sse-1');
  });

  it('answers OPTIONS: a preflight from an allowed origin with CORS headers, any other with 204 and Allow, 404 where no route serves', async () => {
    const preflight = await send('OPTIONS', '/graphql', { origin: 'https://app.example.org', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.org');
    expect(preflight.headers['access-control-allow-credentials']).toBe('true');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
    const stranger = await send('OPTIONS', '/graphql', { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const plain = await send('OPTIONS', '/graphql', {});
    expect(plain.status).toBe(204);
    expect(plain.headers.allow).toBe('GET, POST');
    expect((await send('OPTIONS', '/health', {})).headers.allow).toBe('GET, HEAD');
    // Every other method on a served path: 405 with the Allow OPTIONS gives (Apollo Server's own 405 says the same).
    for (const [method, path] of [['TRACE', '/graphql'], ['PROPFIND', '/graphql'], ['HEAD', '/graphql'], ['PROPFIND', '/public/graphql'], ['PUT', '/graphql'], ['HEAD', '/graphql/stream']]) {
      const refused = await send(method!, path!, { 'x-request-id': 'm-1', 'apollo-require-preflight': '1', ...(method === 'PUT' ? json : {}) }, method === 'PUT' ? QUERY : undefined);
      expect([method, path, refused.status, refused.headers.allow]).toEqual([method, path, 405, 'GET, POST']);
      if (method !== 'HEAD') expect(refused.body.errors![0]!.extensions).toMatchObject({ code: 'METHOD_NOT_ALLOWED', requestId: 'm-1' });
    }
    const health = await send('PROPFIND', '/health', { 'x-request-id': 'm-2' });
    expect([health.status, health.headers.allow, health.body.error?.code]).toEqual([405, 'GET, HEAD', 'METHOD_NOT_ALLOWED']);
    const unknown = await send('OPTIONS', '/nowhere', { 'x-request-id': 'opt-1' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'opt-1' });
  });

  it('answers the router’s refusals, a path no route serves, /metrics without its token and a body over the limit beside /graphql with the request id, in the error body of those routes', async () => {
    const badUrl = await send('GET', '/%zz', { 'x-request-id': 'url-1' });
    expect([badUrl.status, badUrl.headers['x-request-id']]).toEqual([400, 'url-1']);
    expect(badUrl.body).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not a valid URL/), requestId: 'url-1' } });
    const long = await send('GET', `/datasets/${'a'.repeat(200)}`, { 'x-request-id': 'long-1' });
    expect([long.status, long.headers['x-request-id']]).toEqual([414, 'long-1']);
    expect(long.body.error).toMatchObject({ code: 'BAD_REQUEST', requestId: 'long-1' });
    const missing = await send('GET', '/nowhere', { 'x-request-id': 'nf-1' });
    expect([missing.status, missing.headers['x-request-id']]).toEqual([404, 'nf-1']);
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'GET /nowhere is not served here', requestId: 'nf-1' } });
    const metrics = await send('GET', '/metrics', { 'x-request-id': 'metrics-1' });
    expect([metrics.status, metrics.headers['x-request-id']]).toEqual([401, 'metrics-1']);
    expect(metrics.body.error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'metrics-1' });
    const large = await send('POST', '/catalogue', { ...json, 'x-request-id': 'large-1' }, JSON.stringify({ pad: 'x'.repeat(30_000) }));
    expect([large.status, large.headers['x-request-id']]).toEqual([413, 'large-1']);
    expect(large.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', requestId: 'large-1' });
  });

  it('gives Apollo Server’s own refusals the request id, and its 405 METHOD_NOT_ALLOWED with Allow', async () => {
    const put = await send('PUT', '/graphql', { ...json, 'x-request-id': 'put-1' }, QUERY);
    expect([put.status, put.headers.allow]).toEqual([405, 'GET, POST']);
    expect(put.body.errors![0]!.extensions).toEqual({ code: 'METHOD_NOT_ALLOWED', requestId: 'put-1' });
    const publicPut = await send('PUT', '/public/graphql', { ...json, 'x-request-id': 'put-2' }, QUERY);
    expect(publicPut.status).toBe(405);
    expect(publicPut.body.errors![0]!.extensions).toEqual({ code: 'METHOD_NOT_ALLOWED', requestId: 'put-2' });
    for (const method of ['DELETE', 'PATCH']) {
      const csrf = await send(method, '/graphql', { 'x-request-id': 'csrf-1' });
      expect([method, csrf.status]).toEqual([method, 400]);
      expect(csrf.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST', requestId: 'csrf-1' });
    }
  });
});

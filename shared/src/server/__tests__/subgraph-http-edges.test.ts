import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { buildSchema } from 'graphql';
import { pino } from 'pino';
import { IDENTITY_HEADER } from '../../auth/identity-token';
import { type BaseContext } from '../../context/request-context';
import { createSubgraphServer } from '../create-subgraph-server';
import { type RunningServer } from '../http-server';
import { type RawAnswer, sendRaw } from '../../testing/raw-http';

/*
 * What a subgraph answers before its routes do, over raw HTTP (node:http sends the headers as
 * written: an empty Host, a Content-Encoding in capitals): every client mistake a coded 4xx in the
 * JSON error body with the request id, never a 500, never Fastify's own body.
 */
let running: RunningServer;

beforeAll(async () => {
  const schema = buildSchema('type Query { hello: String }');
  schema.getQueryType()!.getFields().hello!.resolve = () => 'world';
  const server = await createSubgraphServer<BaseContext>({
    name: 'edges',
    schema,
    logger: pino({ level: 'silent' }),
    internalJwtSecret: 'x'.repeat(32),
    production: true,
    createContext: (base) => base,
    ready: async () => true,
    routes: (app) => app.get('/datasets/:id', async (request) => ({ id: (request.params as { id: string }).id })),
  });
  running = await server.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running.close();
});

/** One raw request, with the Host a client behind a proxy would send. */
function send(method: string, path: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawAnswer> {
  return sendRaw(`http://127.0.0.1:${running.port}`, { method, path, headers: { host: 'subgraph', ...headers }, body });
}

const QUERY = JSON.stringify({ query: '{ hello }' });
const json = { 'content-type': 'application/json' };

describe('the subgraph kit before its routes', () => {
  it.each([['empty', ''], ['malformed', 'a b[:']])('refuses an %s Host with 400 BAD_REQUEST and the request id', async (_label, host) => {
    const answer = await send('POST', '/graphql', { ...json, host, 'x-request-id': 'host-1' }, QUERY);
    expect(answer.status).toBe(400);
    expect(answer.headers['x-request-id']).toBe('host-1');
    expect(answer.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'host', requestId: 'host-1' });
  });

  it('serves an HTTP/1.0 request without Host where no URL is built from it (/health), and refuses it 400 on /graphql', async () => {
    const raw = (path: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const socket = connect(running.port, '127.0.0.1', () => socket.end(`GET ${path} HTTP/1.0\r\napollo-require-preflight: 1\r\n\r\n`));
        let text = '';
        socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
        socket.on('end', () => resolve(text));
        socket.on('error', reject);
      });
    expect(await raw('/health')).toMatch(/^HTTP\/1\.1 200 /);
    expect(await raw('/graphql?query=%7Bhello%7D')).toMatch(/^HTTP\/1\.1 400 [^]*"code":"BAD_REQUEST","message":"The Host header[^]*"field":"host"/);
  });

  it('reads Content-Encoding as the gateway does: identity is none, names in any case, others refused 415 by name', async () => {
    expect((await send('POST', '/graphql', { ...json, 'content-encoding': 'identity' }, QUERY)).body).toEqual({ data: { hello: 'world' } });
    expect((await send('POST', '/graphql', { ...json, 'content-encoding': 'GZIP' }, gzipSync(QUERY))).body).toEqual({ data: { hello: 'world' } });
    const bogus = await send('POST', '/graphql', { ...json, 'content-encoding': 'bogus', 'x-request-id': 'enc-1' }, QUERY);
    expect(bogus.status).toBe(415);
    expect(bogus.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-encoding', requestId: 'enc-1' });
    expect(bogus.body.error!.message).toMatch(/"bogus" is not supported.*gzip, deflate or br/);
    // A GET has no body to decode.
    const get = await send('GET', '/graphql?query=%7Bhello%7D', { 'content-encoding': 'bogus', 'apollo-require-preflight': '1' });
    expect(get.body).toEqual({ data: { hello: 'world' } });
  });

  it.each(['latin1', 'utf-16'])('refuses JSON in charset %s with 415, saying JSON is UTF-8', async (charset) => {
    const answer = await send('POST', '/graphql', { 'content-type': `application/json; charset=${charset}` }, QUERY);
    expect(answer.status).toBe(415);
    expect(answer.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', requestId: answer.headers['x-request-id'] });
    expect(answer.body.error!.message).toMatch(/UTF-8/);
    expect((await send('POST', '/graphql', { 'content-type': 'application/json; charset=UTF-8' }, QUERY)).status).toBe(200);
  });

  it('refuses a body no parser reads (an empty Content-Type, XML) 415 UNSUPPORTED_MEDIA_TYPE naming the header', async () => {
    for (const type of ['', 'application/xml']) {
      const answer = await send('POST', '/graphql', { 'content-type': type, 'x-request-id': 'ct-1' }, QUERY);
      expect([type, answer.status]).toEqual([type, 415]);
      expect(answer.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', requestId: 'ct-1' });
    }
  });

  it('refuses a "__proto__" key with 400 BAD_REQUEST saying so', async () => {
    const answer = await send('POST', '/graphql', json, '{"query":"{ hello }","__proto__":{"x":1}}');
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: 'BAD_REQUEST', requestId: answer.headers['x-request-id'] });
    expect(answer.body.error!.message).toMatch(/"__proto__" key/);
  });

  it('answers the router’s refusals (a path that is no URL, an over-long parameter) in the error body with the request id', async () => {
    const badUrl = await send('GET', '/%zz', { 'x-request-id': 'url-1' });
    expect(badUrl.status).toBe(400);
    expect(badUrl.headers['x-request-id']).toBe('url-1');
    expect(badUrl.body).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not a valid URL/), requestId: 'url-1' } });
    const long = await send('GET', `/datasets/${'a'.repeat(200)}`, { 'x-request-id': 'long-1' });
    expect(long.status).toBe(414);
    expect(long.headers['x-request-id']).toBe('long-1');
    expect(long.body.error).toMatchObject({ code: 'BAD_REQUEST', requestId: 'long-1' });
  });

  it('gives Apollo Server’s own refusals the request id, and its 405 METHOD_NOT_ALLOWED', async () => {
    const put = await send('PUT', '/graphql', { ...json, 'x-request-id': 'put-1' }, QUERY);
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, POST');
    expect(put.body.errors![0]!.extensions).toEqual({ code: 'METHOD_NOT_ALLOWED', requestId: 'put-1' });
    const csrf = await send('DELETE', '/graphql', { 'x-request-id': 'csrf-1' });
    expect(csrf.status).toBe(400);
    expect(csrf.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST', requestId: 'csrf-1' });
    const batch = await send('POST', '/graphql', { ...json, 'x-request-id': 'batch-1' }, `[${QUERY}]`);
    expect(batch.status).toBe(400);
    expect(batch.body.errors![0]!.extensions).toEqual({ code: 'BAD_REQUEST', requestId: 'batch-1' });
    const forged = await send('POST', '/graphql', { ...json, [IDENTITY_HEADER]: 'not-a-token', 'x-request-id': 'token-1' }, QUERY);
    expect(forged.status).toBe(401);
    expect(forged.body.errors![0]!.extensions).toEqual({ code: 'UNAUTHENTICATED', requestId: 'token-1' });
  });

  it('answers any extensions.persistedQuery PERSISTED_QUERY_NOT_SUPPORTED with the request id (the gateway sends none), never INTERNAL_SERVER_ERROR', async () => {
    const zeros = '0'.repeat(64);
    const persistedQueries: unknown[] = [{ version: 1, sha256Hash: zeros }, { version: 2, sha256Hash: 'x' }, 1, 's', [1], { a: 1 }];
    for (const [i, persistedQuery] of persistedQueries.entries()) {
      for (const query of [{ query: '{ hello }' }, {}]) {
        const id = `apq-${i}-${'query' in query ? 'text' : 'hash'}`;
        const answer = await send('POST', '/graphql', { ...json, 'x-request-id': id }, JSON.stringify({ ...query, extensions: { persistedQuery } }));
        expect([id, answer.body.errors?.[0]?.extensions]).toEqual([id, { code: 'PERSISTED_QUERY_NOT_SUPPORTED', requestId: id }]);
        expect(answer.body.data).toBeUndefined();
      }
    }
    const get = await send('GET', `/graphql?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: zeros } }))}`, {
      'apollo-require-preflight': '1',
      'x-request-id': 'apq-get',
    });
    expect(get.body.errors?.[0]?.extensions).toEqual({ code: 'PERSISTED_QUERY_NOT_SUPPORTED', requestId: 'apq-get' });
  });

  it('answers OPTIONS with 204 and the methods served in Allow, or 404 on a path no route serves', async () => {
    const graphql = await send('OPTIONS', '/graphql', {});
    expect(graphql.status).toBe(204);
    expect(graphql.headers.allow).toBe('GET, POST');
    const health = await send('OPTIONS', '/health', {});
    expect([health.status, health.headers.allow]).toEqual([204, 'GET, HEAD']);
    // Every other method on a served path: 405 with the Allow OPTIONS gives, not 404.
    for (const method of ['TRACE', 'PROPFIND', 'HEAD']) {
      const refused = await send(method, '/graphql', { 'x-request-id': 'm-1' });
      expect([method, refused.status, refused.headers.allow]).toEqual([method, 405, 'GET, POST']);
      if (method !== 'HEAD') expect(refused.body.errors![0]!.extensions).toEqual({ code: 'METHOD_NOT_ALLOWED', requestId: 'm-1' });
    }
    const trace = await send('TRACE', '/health', { 'x-request-id': 'm-2' });
    expect([trace.status, trace.headers.allow, trace.body.error?.code]).toEqual([405, 'GET, HEAD', 'METHOD_NOT_ALLOWED']);
    const unknown = await send('OPTIONS', '/nowhere', { 'x-request-id': 'opt-1' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'opt-1' });
  });
});

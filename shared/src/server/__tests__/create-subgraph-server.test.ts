import { Writable } from 'node:stream';
import { buildSchema } from 'graphql';
import { pino } from 'pino';
import { IDENTITY_HEADER, signIdentityToken } from '../../auth/identity-token';
import { type BaseContext } from '../../context/request-context';
import { QueryCounter } from '../../database/query-counter';
import { createSubgraphServer, type SubgraphServerOptions } from '../create-subgraph-server';
import { type RunningServer } from '../http-server';

const schema = buildSchema('type Query { hello: String }');
const rootValue = { hello: 'world' };

interface StreamRefusal {
  errors: { message: string; extensions: { code?: string; field?: string; requestId?: string } }[];
}

/** A subgraph server over a one-field schema, whose request log lines are collected. */
async function start(
  countStatements?: boolean,
  more: Partial<SubgraphServerOptions<BaseContext>> = {},
): Promise<{ running: RunningServer; lines: Record<string, unknown>[] }> {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // The resolver counts a statement as TypeORM would, inside the request.
  const counter = new QueryCounter();
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    field.resolve = () => {
      counter.logQuery();
      return rootValue.hello;
    };
  }
  const server = await createSubgraphServer<BaseContext>({
    name: 'test',
    schema,
    logger: pino(sink),
    internalJwtSecret: 'x'.repeat(32),
    production: true,
    createContext: (base) => base,
    ready: async () => true,
    ...(countStatements === undefined ? {} : { countStatements }),
    ...more,
  });
  return { running: await server.listen(0, '127.0.0.1'), lines };
}

async function post(running: RunningServer): Promise<Response> {
  return fetch(`${running.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': 'req-1' },
    body: JSON.stringify({ query: '{ hello }' }),
  });
}

/** The request log line of `req-1` (lines are written on the next flush). */
async function requestLine(lines: Record<string, unknown>[]): Promise<Record<string, unknown> | undefined> {
  for (let i = 0; i < 50 && !lines.some((l) => l.requestId === 'req-1'); i++) await new Promise((r) => setTimeout(r, 20));
  return lines.find((l) => l.requestId === 'req-1' && l.msg === 'graphql request');
}

describe('the subgraph kit over HTTP', () => {
  it('answers a POST without an ETag or X-Powered-By, with its request id; a GET keeps its ETag', async () => {
    const { running } = await start();
    try {
      const answer = await post(running);
      expect(await answer.json()).toEqual({ data: { hello: 'world' } });
      expect(answer.headers.get('etag')).toBeNull();
      expect(answer.headers.get('x-powered-by')).toBeNull();
      expect(answer.headers.get('x-request-id')).toBe('req-1');
      const get = await fetch(`${running.url}/graphql?query=${encodeURIComponent('{ hello }')}`, { headers: { 'apollo-require-preflight': '1' } });
      expect(await get.json()).toEqual({ data: { hello: 'world' } });
      expect(get.headers.get('etag')).toMatch(/^W\/"/);
      expect(get.headers.get('x-powered-by')).toBeNull();
    } finally {
      await running.close();
    }
  });

  it('logs each request’s SQL statement count only when asked to', async () => {
    const off = await start();
    try {
      await post(off.running);
      const line = await requestLine(off.lines);
      expect(line).toMatchObject({ requestId: 'req-1', errors: 0 });
      expect(line).not.toHaveProperty('sqlStatements');
    } finally {
      await off.running.close();
    }
    const on = await start(true);
    try {
      await post(on.running);
      expect(await requestLine(on.lines)).toMatchObject({ requestId: 'req-1', errors: 0, sqlStatements: 1 });
    } finally {
      await on.running.close();
    }
  });

  it('answers /health, /ready (503 when the database is not reachable) and 404 in the JSON error body', async () => {
    const { running } = await start(undefined, { ready: async () => false });
    try {
      const health = await fetch(`${running.url}/health`);
      expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: 'ok', service: 'test' } });
      const ready = await fetch(`${running.url}/ready`);
      expect({ status: ready.status, body: await ready.json() }).toEqual({ status: 503, body: { status: 'not ready', service: 'test' } });
      const missing = await fetch(`${running.url}/nowhere?x=1`, { headers: { 'x-request-id': 'req-404' } });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'GET /nowhere is not served here', requestId: 'req-404' } });
    } finally {
      await running.close();
    }
  });

  it('refuses a body over 2 MB (413), unreadable JSON (400), a body neither JSON nor text (415), a method /graphql does not serve (405) and a bad identity token (401)', async () => {
    const { running } = await start();
    try {
      const large = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ hello }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } }),
      });
      expect(large.status).toBe(413);
      expect(await large.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE', requestId: large.headers.get('x-request-id') } });
      const unreadable = await fetch(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":' });
      expect(unreadable.status).toBe(400);
      expect(await unreadable.json()).toMatchObject({ error: { code: 'BAD_REQUEST' } });
      const text = await fetch(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<hello/>' });
      expect(text.status).toBe(415);
      expect(await text.json()).toMatchObject({ error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });
      const put = await fetch(`${running.url}/graphql`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(put.status).toBe(405);
      const forged = await fetch(`${running.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [IDENTITY_HEADER]: 'not-a-token' },
        body: JSON.stringify({ query: '{ hello }' }),
      });
      expect(forged.status).toBe(401);
      expect(((await forged.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    } finally {
      await running.close();
    }
  });

  it('gives no "Did you mean" hints in production, which would map the schema introspection hides; outside production it does', async () => {
    const ask = async (production: boolean): Promise<string> => {
      const { running } = await start(undefined, { production });
      try {
        const answer = await fetch(`${running.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ hell }' }),
        });
        expect(answer.status).toBe(400);
        return ((await answer.json()) as { errors: { message: string }[] }).errors[0]!.message;
      } finally {
        await running.close();
      }
    };
    expect(await ask(false)).toMatch(/Did you mean "hello"\?/);
    const production = await ask(true);
    expect(production).toContain('Cannot query field "hell"');
    expect(production).not.toMatch(/Did you mean/);
  });

  it('serves the routes beside /graphql with a weak ETag, and 304 to a matching If-None-Match', async () => {
    const { running } = await start(undefined, {
      routes: (app) => {
        app.get('/export', (_request, reply) => {
          void reply.type('text/plain').send('exported');
        });
      },
    });
    try {
      const first = await fetch(`${running.url}/export`);
      expect(await first.text()).toBe('exported');
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^W\/"/);
      const again = await fetch(`${running.url}/export`, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
    } finally {
      await running.close();
    }
  });

  it('streams a subscription over SSE at /graphql/stream to an anonymous caller, with its request id', async () => {
    const streaming = buildSchema('type Query { hello: String } type Subscription { tick: Int }');
    streaming.getSubscriptionType()!.getFields().tick!.subscribe = async function* () {
      for (let tick = 0; tick < 2; tick++) yield { tick };
    };
    const { running } = await start(undefined, { schema: streaming });
    try {
      const answer = await fetch(`${running.url}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-request-id': 'req-sse' },
        body: JSON.stringify({ query: 'subscription { tick }' }),
      });
      expect(answer.status).toBe(200);
      expect(answer.headers.get('x-request-id')).toBe('req-sse');
      // No `Content-Encoding: none` (no such coding); proxies told not to compress or buffer the stream.
      expect(answer.headers.get('content-encoding')).toBeNull();
      expect(answer.headers.get('cache-control')).toBe('no-cache, no-transform');
      expect(answer.headers.get('x-accel-buffering')).toBe('no');
      const events = (await answer.text()).split('\n').filter((line) => line.startsWith('data: {'));
      expect(events).toEqual(['data: {"data":{"tick":0}}', 'data: {"data":{"tick":1}}']);
      // Single-connection mode would hand every caller the same reservation token ("undefined").
      for (const method of ['PUT', 'DELETE']) {
        const refused = await fetch(`${running.url}/graphql/stream`, { method, headers: { 'x-request-id': 'req-put' } });
        expect([method, refused.status, refused.headers.get('allow')]).toEqual([method, 405, 'GET, POST']);
        expect(((await refused.json()) as StreamRefusal).errors[0]!.extensions).toMatchObject({ code: 'METHOD_NOT_ALLOWED', requestId: 'req-put' });
      }
    } finally {
      await running.close();
    }
  });

  it('refuses a bad identity token and every malformed request on /graphql/stream with a coded 4xx and the request id, never a 500', async () => {
    const streaming = buildSchema('type Query { hello: String } type Subscription { tick: Int }');
    const { running } = await start(undefined, { schema: streaming });
    const url = `${running.url}/graphql/stream`;
    const sse = { 'content-type': 'application/json', accept: 'text/event-stream' };
    const body = JSON.stringify({ query: 'subscription { tick }' });
    const get = `${url}?query=${encodeURIComponent('subscription { tick }')}`;
    const refusal = async (answer: Response, id: string): Promise<{ status: number; code?: string; field?: string; requestId?: string }> => {
      expect(answer.headers.get('x-request-id')).toBe(id);
      const { code, field, requestId } = ((await answer.json()) as StreamRefusal).errors[0]!.extensions;
      return { status: answer.status, code, ...(field ? { field } : {}), requestId };
    };
    try {
      const otherSecret = await signIdentityToken({ sub: 'p', roles: [] }, { secret: 'y'.repeat(32), audience: 'test' });
      for (const token of ['abc', otherSecret]) {
        const headers = { ...sse, [IDENTITY_HEADER]: token, 'x-request-id': 'req-401' };
        const unauthenticated = { status: 401, code: 'UNAUTHENTICATED', requestId: 'req-401' };
        expect(await refusal(await fetch(url, { method: 'POST', headers, body }), 'req-401')).toEqual(unauthenticated);
        expect(await refusal(await fetch(get, { headers }), 'req-401')).toEqual(unauthenticated);
      }
      // Without Accept: text/event-stream graphql-sse answered 404 "Stream not found" (single-connection mode).
      const notAcceptable = { status: 406, code: 'NOT_ACCEPTABLE', field: 'accept', requestId: 'req-406' };
      expect(await refusal(await fetch(get, { headers: { 'x-request-id': 'req-406' } }), 'req-406')).toEqual(notAcceptable);
      expect(await refusal(await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-406' }, body }), 'req-406')).toEqual(notAcceptable);
      const text = await fetch(url, { method: 'POST', headers: { ...sse, 'content-type': 'text/plain', 'x-request-id': 'req-415' }, body });
      expect(await refusal(text, 'req-415')).toEqual({ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', requestId: 'req-415' });
      const notString = await fetch(url, { method: 'POST', headers: { ...sse, 'x-request-id': 'req-400' }, body: JSON.stringify({ query: 1 }) });
      expect(await refusal(notString, 'req-400')).toEqual({ status: 400, code: 'BAD_REQUEST', field: 'query', requestId: 'req-400' });
      // Any persisted query (the gateway sends none), with or without the query text, by POST or GET.
      const persistedQuery = { version: 1, sha256Hash: 'a'.repeat(64) };
      for (const sent of [{ query: 'subscription { tick }', extensions: { persistedQuery } }, { extensions: { persistedQuery } }, { extensions: { persistedQuery: 'x' } }]) {
        const byPost = await fetch(url, { method: 'POST', headers: { ...sse, 'x-request-id': 'req-apq' }, body: JSON.stringify(sent) });
        expect(await refusal(byPost, 'req-apq')).toEqual({ status: 400, code: 'PERSISTED_QUERY_NOT_SUPPORTED', field: 'extensions.persistedQuery', requestId: 'req-apq' });
      }
      const byGet = await fetch(`${get}&extensions=${encodeURIComponent(JSON.stringify({ persistedQuery }))}`, { headers: { ...sse, 'x-request-id': 'req-apq' } });
      expect(await refusal(byGet, 'req-apq')).toEqual({ status: 400, code: 'PERSISTED_QUERY_NOT_SUPPORTED', field: 'extensions.persistedQuery', requestId: 'req-apq' });
      // A document that does not parse or validate: the stream's one event, coded, as the gateway's stream sends it.
      for (const [query, code] of [['subscription {', 'GRAPHQL_PARSE_FAILED'], ['subscription { nope }', 'GRAPHQL_VALIDATION_FAILED']]) {
        const answer = await fetch(url, { method: 'POST', headers: { ...sse, 'x-request-id': 'req-doc' }, body: JSON.stringify({ query }) });
        expect(answer.status).toBe(200);
        const event = (await answer.text()).split('\n').find((line) => line.startsWith('data: {'))!;
        expect((JSON.parse(event.slice('data: '.length)) as StreamRefusal).errors[0]!.extensions).toEqual({ code, requestId: 'req-doc' });
      }
    } finally {
      await running.close();
    }
  });

  it('refuses variables that do not coerce on /graphql/stream as /graphql does: BAD_USER_INPUT with the field and the request id', async () => {
    const streaming = buildSchema('type Query { hello: String } type Subscription { tick(from: Int!): Int }');
    const { running } = await start(undefined, { schema: streaming });
    const sse = { 'content-type': 'application/json', accept: 'text/event-stream', 'x-request-id': 'req-var' };
    const query = 'subscription($from: Int!) { tick(from: $from) }';
    try {
      for (const variables of [undefined, { from: { a: 1 } }, { from: 'x' }]) {
        const answer = await fetch(`${running.url}/graphql/stream`, { method: 'POST', headers: sse, body: JSON.stringify({ query, ...(variables ? { variables } : {}) }) });
        const event = (await answer.text()).split('\n').find((line) => line.startsWith('data: {'))!;
        const error = (JSON.parse(event.slice('data: '.length)) as StreamRefusal).errors[0]!;
        expect([variables, error.extensions]).toEqual([variables, expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'from', requestId: 'req-var' })]);
      }
      const direct = await fetch(`${running.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'req-var' }, body: JSON.stringify({ query: 'query($h: Boolean!) { hello @include(if: $h) }', variables: { h: 'x' } }) });
      expect(((await direct.json()) as StreamRefusal).errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'h', requestId: 'req-var' });
    } finally {
      await running.close();
    }
  });
});

import { Writable } from 'node:stream';
import { buildSchema } from 'graphql';
import { pino } from 'pino';
import { type BaseContext } from '../../context/request-context';
import { QueryCounter } from '../../database/query-counter';
import { createSubgraphServer } from '../create-subgraph-server';
import { type RunningServer } from '../http-server';

const schema = buildSchema('type Query { hello: String }');
const rootValue = { hello: 'world' };

/** A subgraph server over a one-field schema, whose request log lines are collected. */
async function start(countStatements?: boolean): Promise<{ running: RunningServer; lines: Record<string, unknown>[] }> {
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
});

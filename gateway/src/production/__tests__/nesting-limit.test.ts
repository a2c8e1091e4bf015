import { type AddressInfo } from 'node:net';
import { createLogger, type RunningServer } from '@ecosystem/shared';
import Fastify from 'fastify';
import { listenApp } from '../../http/listen-app';
import { loadGatewayConfig } from '../../config';
import { RequestPolicies } from '../request-policies';

/*
 * The nesting bounds are settings (MAX_VARIABLE_NESTING, MAX_DOCUMENT_NESTING): the handler in front
 * of /graphql (and /export.csv) refuses past the configured bound, names it in `limit`, and lets
 * the bound itself through.
 */
let policies: RequestPolicies;
let server: RunningServer;
let url: string;

beforeAll(async () => {
  const config = loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', MAX_VARIABLE_NESTING: '3', MAX_DOCUMENT_NESTING: '4' });
  policies = new RequestPolicies(config, createLogger('nesting-limit-test', 'silent'));
  const app = Fastify();
  app.post('/graphql', { preHandler: policies.nestingLimit() }, async () => ({ passed: true }));
  server = await listenApp(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await server.close();
  await policies.close();
});

const post = async (body: unknown): Promise<{ status: number; body: { passed?: boolean; errors?: { extensions: Record<string, unknown> }[] } }> => {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as never };
};

describe('nesting bounds from the configuration', () => {
  it('refuses a variable or an extensions entry nested past MAX_VARIABLE_NESTING, and passes one at the bound', async () => {
    expect(await post({ query: '{ a }', variables: { v: [[['x']]] } })).toEqual({ status: 200, body: { passed: true } });
    const variable = await post({ query: '{ a }', variables: { v: [[[['x']]]] } });
    expect(variable.status).toBe(400);
    expect(variable.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'v', limit: 3 });
    const extension = await post({ query: '{ a }', extensions: { e: { a: { b: { c: { d: 1 } } } } } });
    expect(extension.status).toBe(400);
    expect(extension.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', field: 'extensions.e', limit: 3 });
  });

  it('refuses a document whose brackets nest past MAX_DOCUMENT_NESTING, and passes one at the bound', async () => {
    expect(await post({ query: '{ a { b { c { d } } } }' })).toEqual({ status: 200, body: { passed: true } });
    const refused = await post({ query: '{ a { b { c { d { e } } } } }' });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_DEEP', field: 'query', limit: 4 });
  });
});

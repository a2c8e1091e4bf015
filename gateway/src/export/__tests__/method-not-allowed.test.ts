import { type AddressInfo } from 'node:net';
import { createLogger, httpAppOptions, type RunningServer } from '@ecosystem/shared';
import Fastify from 'fastify';
import { listenApp } from '../../http/listen-app';
import { installCsvExport } from '../csv-export';

/*
 * /export.csv answers GET and POST; any other method is refused as the gateway refuses anything
 * (a coded JSON body with the request id), with the methods it serves in Allow, not a 404. Nothing is exported, so no /graphql stands behind it here.
 */
let server: RunningServer;
let url: string;

beforeAll(async () => {
  const app = Fastify(httpAppOptions());
  installCsvExport(app, { maxRows: 10, maxPages: 1, bodyChecks: [], logger: createLogger('csv-export-test', 'silent') });
  server = await listenApp(app, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/export.csv`;
});

afterAll(async () => {
  await server.close();
});

describe('/export.csv with a method it does not serve', () => {
  it.each(['DELETE', 'PUT', 'PATCH'])('%s: 405 METHOD_NOT_ALLOWED with Allow and the request id', async (method) => {
    const response = await fetch(`${url}?query=%7Ba%7D`, { method, headers: { 'x-request-id': 'csv-405' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(response.headers.get('x-request-id')).toBe('csv-405');
    expect(await response.json()).toEqual({
      errors: [{ message: `${method} is not served on /export.csv: GET or POST the query to export`, extensions: { code: 'METHOD_NOT_ALLOWED', requestId: 'csv-405' } }],
    });
  });

  it('a mutation or a subscription to export: 405 with Allow too, field query', async () => {
    for (const query of ['mutation { x }', 'subscription { x }']) {
      const response = await fetch(`${url}?query=${encodeURIComponent(query)}`, { headers: { 'x-request-id': 'csv-mut' } });
      expect([query, response.status, response.headers.get('allow')]).toEqual([query, 405, 'GET, HEAD, POST']);
      expect(((await response.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toMatchObject({ code: 'BAD_REQUEST', field: 'query', requestId: 'csv-mut' });
    }
  });
});

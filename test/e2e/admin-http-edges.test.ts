import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type RawAnswer, sendRaw } from '@ecosystem/shared';
import { type RunningGraph } from '../helpers/graph';
import { startLeanGraph } from '../helpers/lean-graph';
import { freePort, type NodeProcess, startNode, waitForOk } from '../helpers/processes';

/*
 * The admin API's HTTP edges, where the gateway mounts it and in the registry's own process
 * (`npm run registry`), over raw HTTP (node:http sends the headers as written): request bodies read
 * as on the gateway's other routes (Content-Encoding, charset, "__proto__"), every error body with
 * the request id, and a version or a limit that is not a positive integer refused 400 with its
 * field. Core subgraphs are placeholders; both registries are embedded (sql.js), each its own.
 */
const root = mkdtempSync(join(tmpdir(), 'admin-edges-'));
let graph: RunningGraph;
let registry: NodeProcess;
const bases: Record<string, string> = {};
let adminToken: string;
let memberToken: string;

beforeAll(async () => {
  graph = await startLeanGraph('admin_edges', {}, [], []);
  bases.gateway = graph.gatewayUrl.replace(/\/graphql$/, '');
  const members = graph.gateway.supergraph.serving?.members ?? [];
  const port = await freePort();
  registry = startNode('gateway/dist/registry-main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    REGISTRY_PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, 'registry'),
    REGISTRY_TOKEN: 'admin-edges-registry-token-0123456789',
    ...Object.fromEntries(members.map((m) => [`SUBGRAPH_${m.name.toUpperCase()}_URL`, m.url])),
  });
  bases.registry = `http://127.0.0.1:${port}`;
  await waitForOk(`${bases.registry}/ready`, 60_000, 'registry process', registry);
  adminToken = await graph.tokenFor({ sub: 'admin-person', roles: ['admin'] });
  memberToken = await graph.tokenFor({ sub: 'someone', roles: ['member'] });
}, 120_000);

afterAll(async () => {
  await registry?.kill('SIGTERM');
  await graph?.stop();
  rmSync(root, { recursive: true, force: true });
});

/**
 * One raw request to the gateway's or the registry process's admin API. `declaredLength`: a
 * Content-Length announced for a body not sent, which the server refuses from the header alone.
 */
function send(where: string, method: string, path: string, headers: Record<string, string>, body?: string | Buffer, declaredLength?: number): Promise<RawAnswer> {
  return sendRaw(bases[where]!, { method, path, headers, body, declaredLength });
}

const json = { 'content-type': 'application/json' };
const admin = (): Record<string, string> => ({ authorization: `Bearer ${adminToken}` });

describe.each(['gateway', 'registry'])('the admin API (%s)', (where) => {
  it('reads request bodies as the other routes do: an unsupported Content-Encoding 415 before authentication, a bad gzip 400, gzip decoded', async () => {
    for (const [method, path] of [
      ['POST', '/admin/subgraphs/probe/check'],
      ['POST', '/admin/credentials'],
      ['DELETE', '/admin/subgraphs/probe'],
    ] as const) {
      for (const encoding of ['zstd', 'gzip, gzip']) {
        const answer = await send(where, method, path, { ...json, 'content-encoding': encoding, 'x-request-id': 'enc-1' }, '{"url":"http://127.0.0.1:9/graphql"}');
        expect([method, path, encoding, answer.status]).toEqual([method, path, encoding, 415]);
        expect(answer.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-encoding', requestId: 'enc-1' });
      }
    }
    const notGzip = await send(where, 'POST', '/admin/credentials', { ...json, ...admin(), 'content-encoding': 'gzip', 'x-request-id': 'enc-2' }, '{"label":"x"}');
    expect(notGzip.status).toBe(400);
    expect(notGzip.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'content-encoding', requestId: 'enc-2' });
    expect(notGzip.text).not.toMatch(/incorrect header check/);
    const gzipped = await send(where, 'POST', '/admin/credentials', { ...json, ...admin(), 'content-encoding': 'GZIP' }, gzipSync(JSON.stringify({ label: 'Gzip team', subgraphs: [`gz-${where}`] })));
    expect(gzipped.status).toBe(201);
    expect(gzipped.body).toMatchObject({ key: expect.stringMatching(/^egk_/) });
  });

  it('refuses JSON in another charset than UTF-8 (415) and a "__proto__" key (400), saying why, with the field', async () => {
    const body = JSON.stringify({ label: 'x' });
    const utf16 = await send(where, 'POST', '/admin/credentials', { ...admin(), 'content-type': 'application/json; charset=utf-16', 'x-request-id': 'cs-1' }, body);
    expect(utf16.status).toBe(415);
    expect(utf16.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', requestId: 'cs-1' });
    const proto = await send(where, 'POST', '/admin/subgraphs/probe/check', { ...json, ...admin(), 'x-request-id': 'proto-1' }, '{"url":"x","__proto__":{"force":true}}');
    expect(proto.status).toBe(400);
    expect(proto.body.error).toMatchObject({ code: 'BAD_REQUEST', field: 'body', requestId: 'proto-1', message: expect.stringMatching(/"__proto__" key/) });
    const broken = await send(where, 'POST', '/admin/credentials', { ...json, ...admin(), 'x-request-id': 'json-1' }, '{"label":');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatchObject({ code: 'BAD_REQUEST', requestId: 'json-1' });
    // An empty JSON body is no fields (a DELETE sent with a JSON Content-Type).
    const empty = await send(where, 'DELETE', '/admin/credentials/no-such-key', { ...json, ...admin(), 'x-request-id': 'empty-1' }, '');
    expect(empty.status).toBe(404);
    expect(empty.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'empty-1' });
  });

  it('gives every error body the request id: 401, 403, 400 BAD_USER_INPUT, 413, and the 422 of a refused check', async () => {
    const anonymous = await send(where, 'GET', '/admin/subgraphs', { 'x-request-id': 'rt33-admin-0001' });
    expect([anonymous.status, anonymous.headers['x-request-id']]).toEqual([401, 'rt33-admin-0001']);
    expect(anonymous.body.error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'rt33-admin-0001' });
    const member = await send(where, 'GET', '/admin/subgraphs', { authorization: `Bearer ${memberToken}`, 'x-request-id': 'member-1' });
    expect(member.status).toBe(403);
    expect(member.body.error).toMatchObject({ code: 'FORBIDDEN', requestId: 'member-1' });
    const missing = await send(where, 'POST', '/admin/subgraphs/probe/check', { ...json, ...admin(), 'x-request-id': 'input-1' }, '{}');
    expect(missing.status).toBe(400);
    expect(missing.body.error).toEqual({ code: 'BAD_USER_INPUT', message: 'url is required', field: 'url', requestId: 'input-1' });
    const large = await send(where, 'POST', '/admin/subgraphs/probe/check', { ...json, ...admin(), 'x-request-id': 'large-1' }, '{"sdl":"', 6 * 1024 * 1024);
    expect(large.status).toBe(413);
    expect(large.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: 'Request body larger than 5242880 bytes', requestId: 'large-1' });
    const refused = await send(where, 'POST', '/admin/subgraphs/probe/check', { ...json, ...admin(), 'x-request-id': 'check-1' }, JSON.stringify({ url: 'http://127.0.0.1:9/graphql' }));
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ outcome: 'REFUSED', requestId: 'check-1' });
  });

  it('refuses text longer than its stored column or holding hidden characters: 400 BAD_USER_INPUT with the field, nothing written', async () => {
    const credential = (body: Record<string, unknown>) =>
      send(where, 'POST', '/admin/credentials', { ...json, ...admin(), 'x-request-id': 'len-1' }, JSON.stringify({ subgraphs: [`len-${where}`], label: 'Length team', ...body }));
    const manyNames = Array.from({ length: 300 }, (_, i) => `len-${where}-${i}`);
    for (const [body, field] of [
      [{ label: 'L'.repeat(201) }, 'label'],
      [{ label: 'L'.repeat(5000) }, 'label'],
      [{ label: 'nul\u0000here' }, 'label'],
      [{ label: 'evil\u202Etxt.exe' }, 'label'],
      [{ label: 42 }, 'label'],
      [{ ownerOrg: 'o'.repeat(65) }, 'ownerOrg'],
      [{ subgraphs: manyNames }, 'subgraphs'],
    ] as const) {
      const answer = await credential(body);
      expect([JSON.stringify(body).slice(0, 60), answer.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
      expect(answer.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field, requestId: 'len-1' });
    }
    expect((await credential({ label: 'L'.repeat(200), ownerOrg: 'o'.repeat(64) })).status).toBe(201);

    const publish = (body: Record<string, unknown>) =>
      send(where, 'POST', `/admin/subgraphs/len-${where}/publish`, { ...json, ...admin(), 'x-request-id': 'len-2' }, JSON.stringify({ url: 'http://127.0.0.1:9/graphql', ...body }));
    for (const [body, field] of [
      [{ url: `http://127.0.0.1:9/${'p'.repeat(500)}` }, 'url'],
      [{ url: 'http://127.0.0.1:9/graph\u0000ql' }, 'url'],
      [{ ownerOrg: 'o'.repeat(65) }, 'ownerOrg'],
      [{ sdl: 'type Query { a: Int } # \u202E' }, 'sdl'],
    ] as const) {
      const answer = await publish(body);
      expect([JSON.stringify(body).slice(0, 60), answer.status]).toEqual([JSON.stringify(body).slice(0, 60), 400]);
      expect(answer.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field, requestId: 'len-2' });
    }
    const listed = await send(where, 'GET', '/admin/subgraphs', admin());
    expect(JSON.stringify(listed.body)).not.toContain(`len-${where}`);
  });

  it('refuses a routing URL carrying credentials, and never repeats them', async () => {
    for (const action of ['check', 'publish']) {
      for (const url of ['http://user:secret-pw@127.0.0.1:9/graphql', 'http://user@127.0.0.1:9/graphql', 'ftp://user:secret-pw@127.0.0.1/']) {
        const answer = await send(where, 'POST', `/admin/subgraphs/cred-url/${action}`, { ...json, ...admin(), 'x-request-id': 'ui-1' }, JSON.stringify({ url }));
        expect([action, url, answer.status]).toEqual([action, url, 400]);
        expect(answer.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'url', requestId: 'ui-1' });
        expect(answer.text).not.toMatch(/secret-pw|user@/);
      }
    }
  });

  it('refuses a version or a limit that is not a positive integer: 400 BAD_USER_INPUT with its field', async () => {
    for (const version of ['abc', 'NaN', 'Infinity', '0x10', '%20', '1.5', '0', '-1', '1e3', '99999999999999999999999']) {
      const sdl = await send(where, 'GET', `/admin/supergraphs/${version}/sdl`, { ...admin(), 'x-request-id': 'v-1' });
      expect([version, sdl.status]).toEqual([version, 400]);
      expect(sdl.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'version', requestId: 'v-1' });
      const rollback = await send(where, 'POST', `/admin/supergraphs/${version}/rollback`, { ...admin(), 'x-request-id': 'v-2' });
      expect([version, rollback.status]).toEqual([version, 400]);
      expect(rollback.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'version', requestId: 'v-2' });
    }
    const first = await send(where, 'GET', '/admin/supergraphs/1/sdl', admin());
    expect(first.status).toBe(200);
    expect(first.text).toContain('join__graph');
    const unknown = await send(where, 'GET', '/admin/supergraphs/424242/sdl', { ...admin(), 'x-request-id': 'v-3' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({ code: 'NOT_FOUND', requestId: 'v-3' });
    for (const path of ['/admin/supergraphs', '/admin/publications']) {
      for (const limit of ['abc', '0', '-5', '2.5', '1e3']) {
        const answer = await send(where, 'GET', `${path}?limit=${limit}`, { ...admin(), 'x-request-id': 'l-1' });
        expect([path, limit, answer.status]).toEqual([path, limit, 400]);
        expect(answer.body.error).toMatchObject({ code: 'BAD_USER_INPUT', field: 'limit', requestId: 'l-1' });
      }
      expect((await send(where, 'GET', `${path}?limit=2`, admin())).status).toBe(200);
      expect((await send(where, 'GET', path, admin())).status).toBe(200);
    }
  });
});

describe('the registry process before its routes', () => {
  it('answers the router’s refusals, a path no route serves, OPTIONS, a body that is not JSON and GET /supergraph’s 401 with the request id', async () => {
    const badUrl = await send('registry', 'GET', '/admin/%zz', { 'x-request-id': 'url-1' });
    expect([badUrl.status, badUrl.headers['x-request-id']]).toEqual([400, 'url-1']);
    expect(badUrl.body).toEqual({ error: { code: 'BAD_REQUEST', message: expect.stringMatching(/not a valid URL/), requestId: 'url-1' } });
    const missing = await send('registry', 'GET', '/nowhere', { 'x-request-id': 'nf-1' });
    expect(missing.body).toEqual({ error: { code: 'NOT_FOUND', message: 'GET /nowhere is not served here', requestId: 'nf-1' } });
    const options = await send('registry', 'OPTIONS', '/admin/subgraphs', {});
    expect(options.status).toBe(204);
    expect(String(options.headers.allow).split(', ').sort()).toEqual(['GET', 'HEAD']);
    const xml = await send('registry', 'POST', '/admin/credentials', { ...admin(), 'content-type': 'application/xml', 'x-request-id': 'xml-1' }, '<label/>');
    expect(xml.status).toBe(415);
    expect(xml.body.error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', field: 'content-type', requestId: 'xml-1' });
    const supergraph = await send('registry', 'GET', '/supergraph', { 'x-request-id': 'sg-1' });
    expect(supergraph.status).toBe(401);
    expect(supergraph.body.error).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'sg-1' });
    const generated = await send('registry', 'GET', '/admin/subgraphs', {});
    expect(generated.body.error).toMatchObject({ requestId: generated.headers['x-request-id'] });
  });
});

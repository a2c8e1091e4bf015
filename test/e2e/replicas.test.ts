import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signUserToken } from '@ecosystem/gateway';
import { demoOrganization, DEV_USER_JWT_SECRET, REQUEST_ID_HEADER, Role } from '@ecosystem/shared';
import { Redis } from 'ioredis';
import { CORE_DEFINITIONS, startSubgraph, type RunningSubgraph } from '../helpers/graph';
import { freePort, RequestRecorder, startNode, type NodeProcess, waitForOk } from '../helpers/processes';

/*
 * Two gateway processes behind one registry database and one Redis, as replicas behind a load
 * balancer: they start together on a fresh registry (its migrations run once, under a lock), share
 * the response cache through Redis, and a mutation through either one invalidates both; a replica
 * restarted meanwhile serves the shared answers at once. Needs MySQL (DATABASE_URL) and Redis
 * (REDIS_URL, default redis://127.0.0.1:6379). Build first: `npx tsc -b gateway`.
 */
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `${process.env.DB_PREFIX ?? 'ecosystem'}_rep${process.pid}`;
const cachePrefix = `test-replicas-${process.pid}:`;
const root = mkdtempSync(join(tmpdir(), 'gw-replicas-'));
const ORG = demoOrganization('health-data-hub').id;
const NAME_QUERY = 'query OrgName($id: ID!) { organization(id: $id) { id name kind } }';

const describeWithMysql = process.env.DATABASE_URL ? describe : describe.skip;

let subgraphs: RunningSubgraph[] = [];
let membersRequests: RequestRecorder;
const replicas: Record<'a' | 'b', { port: number; proc?: NodeProcess }> = { a: { port: 0 }, b: { port: 0 } };

function startReplica(name: 'a' | 'b'): NodeProcess {
  const proc = startNode('gateway/dist/main.js', {
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    PORT: String(replicas[name].port),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, name),
    DATABASE_URL: process.env.DATABASE_URL!,
    DB_PREFIX: prefix,
    REDIS_URL,
    RESPONSE_CACHE_TTL_SECONDS: '300',
    RESPONSE_CACHE_REDIS_PREFIX: cachePrefix,
    RATE_LIMIT_MAX: '0',
    ...Object.fromEntries(subgraphs.map((s) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, s.url])),
  });
  replicas[name].proc = proc;
  return proc;
}

/**
 * Operations members was asked for on a client's behalf (they carry the request id); a replica's own
 * schema fetches at start-up carry none and are not counted.
 */
const membersAsked = (): number => membersRequests.seen.filter((r) => r.headers[REQUEST_ID_HEADER] !== undefined).length;

async function post(name: 'a' | 'b', query: string, variables: Record<string, unknown>, token?: string): Promise<{ body: { data?: Record<string, unknown>; errors?: unknown[] }; cacheControl: string | null }> {
  const response = await fetch(`http://127.0.0.1:${replicas[name].port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return { body: (await response.json()) as { data?: Record<string, unknown> }, cacheControl: response.headers.get('cache-control') };
}

const nameVia = async (replica: 'a' | 'b'): Promise<string> =>
  ((await post(replica, NAME_QUERY, { id: ORG })).body.data?.organization as { name: string }).name;

async function rename(replica: 'a' | 'b', name: string, kind: string): Promise<void> {
  const token = await signUserToken({ sub: 'replica-test-admin', roles: [Role.ADMIN] }, { secret: DEV_USER_JWT_SECRET });
  const answer = await post(replica, 'mutation($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { id name } }', { input: { id: ORG, name, kind } }, token);
  expect(answer.body.errors).toBeUndefined();
}

describeWithMysql('gateway replicas on one registry and one Redis', () => {
  beforeAll(async () => {
    subgraphs = await Promise.all(CORE_DEFINITIONS.map((definition) => startSubgraph(definition, 'replicas')));
    membersRequests = new RequestRecorder().attach(subgraphs.find((s) => s.definition.name === 'members')!.server.httpServer);
    replicas.a.port = await freePort();
    replicas.b.port = await freePort();
    // Together, on a registry database that does not exist yet.
    const a = startReplica('a');
    const b = startReplica('b');
    await Promise.all([waitForOk(`http://127.0.0.1:${replicas.a.port}/ready`, 90_000, 'replica a', a), waitForOk(`http://127.0.0.1:${replicas.b.port}/ready`, 90_000, 'replica b', b)]);
  }, 240_000);

  afterAll(async () => {
    await replicas.a.proc?.kill();
    await replicas.b.proc?.kill();
    for (const s of subgraphs) {
      await s.server.close();
      await s.database.close();
    }
    rmSync(root, { recursive: true, force: true });
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection(process.env.DATABASE_URL!);
    await connection.query(`DROP DATABASE IF EXISTS \`${prefix}_gateway\``);
    await connection.end();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${cachePrefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('both started together on a fresh registry and serve the graph', async () => {
    for (const replica of ['a', 'b'] as const) {
      expect(replicas[replica].proc!.output()).not.toMatch(/ER_TABLE_EXISTS_ERROR|already exists/);
      expect(await nameVia(replica)).toBeTruthy();
    }
  });

  it('shares cached answers, and a mutation through one replica invalidates the other', async () => {
    const { kind, name: original } = (await post('a', NAME_QUERY, { id: ORG })).body.data!.organization as { kind: string; name: string };
    await rename('a', `${original} (before)`, kind);
    // Computed once, by B; then served by B from memory and by A from Redis: members is not asked again.
    membersRequests.reset();
    expect(await nameVia('b')).toBe(`${original} (before)`);
    expect(membersAsked()).toBe(1);
    expect(await nameVia('b')).toBe(`${original} (before)`);
    expect(await nameVia('a')).toBe(`${original} (before)`);
    expect(membersAsked()).toBe(1);

    // Through A; B's next answer is the new name (B had the old one in memory and in Redis).
    await rename('a', `${original} (after)`, kind);
    expect(await nameVia('b')).toBe(`${original} (after)`);
    expect(await nameVia('a')).toBe(`${original} (after)`);
    await rename('a', original, kind);
  });

  it('survives the restart of one replica: it serves the shared answers at once and its mutations reach the other', async () => {
    const { kind, name: original } = (await post('a', NAME_QUERY, { id: ORG })).body.data!.organization as { kind: string; name: string };
    expect(await nameVia('a')).toBe(original);
    await replicas.b.proc!.kill();
    const b = startReplica('b');
    await waitForOk(`http://127.0.0.1:${replicas.b.port}/ready`, 90_000, 'replica b', b);
    membersRequests.reset();
    expect(await nameVia('b')).toBe(original);
    expect(membersAsked()).toBe(0);

    await rename('b', `${original} (renamed through b)`, kind);
    expect(await nameVia('a')).toBe(`${original} (renamed through b)`);
    await rename('b', original, kind);
    expect(await nameVia('a')).toBe(original);
  }, 120_000);
});

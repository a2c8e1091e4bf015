import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, loadGatewayConfig } from '@ecosystem/gateway';
import { createLogger, databaseName, demoId, demoOrganization, ensureMysqlDatabase, type Viewer } from '@ecosystem/shared';
import { postGraphQL, type RunningGraph } from '../helpers/graph';
import { startLeanGraph } from '../helpers/lean-graph';

/*
 * Issue 8 with real processes: the partner template runs as its own OS process on a free port, the
 * four core subgraphs and the real gateway over HTTP. Publishing goes through the admin HTTP API
 * (and once through the CLI), with admin JWTs and partner API keys.
 */
const ROOT = join(__dirname, '..', '..');
const DATABASE_URL = process.env.DATABASE_URL;
const DB_PREFIX = 'ecosystem_t_reg';

let graph: RunningGraph;
let partner: ChildProcess;
let partnerOutput = '';
let partnerUrl: string;
let adminBase: string;
let adminToken: string;
let northKey: string;
let southKey: string;
const dataDir = mkdtempSync(join(tmpdir(), 'partner-registry-'));
const HDH = demoOrganization('health-data-hub').id;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function waitForOk(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (partner.exitCode !== null) throw new Error(`partner subgraph exited:\n${partnerOutput.slice(-3000)}`);
    if (Date.now() > deadline) throw new Error(`${url} not ready:\n${partnerOutput.slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

interface AdminAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

async function admin<T = Record<string, unknown>>(method: string, path: string, token: string | null, body?: unknown): Promise<AdminAnswer<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${adminBase}/admin${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

interface Problem {
  check: string;
  code?: string;
  message: string;
  subgraph?: string;
  type?: string;
  field?: string;
  operation?: string;
}
interface Publication {
  outcome: 'ACCEPTED' | 'REFUSED';
  dryRun: boolean;
  supergraphVersion?: number;
  report: { problems: Problem[]; changes: { type: string; description: string }[]; operationsChecked: number };
}

/** Runs a CLI as its own process (asynchronously: the gateway it calls runs in this process). */
function runCli(script: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, script), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

const servingVersion = (): number => graph.gateway.supergraph.serving?.version ?? -1;

async function servedSdl(): Promise<string> {
  const response = await postGraphQL<{ _service: { sdl: string } }>(partnerUrl, '{ _service { sdl } }');
  return response.data?._service.sdl ?? '';
}

const CAMPUS_ORG = /* GraphQL */ `query CampusOrg($id: ID!) { organization(id: $id) { id name campusProfile { building resident } } }`;
const ORGS = /* GraphQL */ `query Orgs { organizations(first: 5) { edges { node { id name } } } }`;

beforeAll(async () => {
  const mainJs = join(ROOT, 'partners/template/dist/main.js');
  if (!existsSync(mainJs) || !existsSync(join(ROOT, 'gateway/dist/cli/subgraph.js'))) {
    throw new Error('Build first: npx tsc -b gateway partners/template');
  }
  const env: Record<string, string> = { OPERATION_FLUSH_INTERVAL_MS: '200', REGISTRY_POLL_INTERVAL_MS: '0' };
  if (DATABASE_URL) {
    // The registry on MySQL: its own database for this file, emptied first.
    await ensureMysqlDatabase(DATABASE_URL, databaseName(DB_PREFIX, 'gateway'), true);
    Object.assign(env, { DATABASE_URL, DB_PREFIX });
  }
  const port = await freePort();
  partner = spawn(process.execPath, [mainJs], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(dataDir, 'partner'), LOG_LEVEL: 'warn', PARTNER_SUBGRAPH_NAME: 'campus-north' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  partner.stdout?.on('data', (chunk: Buffer) => (partnerOutput += chunk.toString()));
  partner.stderr?.on('data', (chunk: Buffer) => (partnerOutput += chunk.toString()));
  partnerUrl = `http://127.0.0.1:${port}/graphql`;
  [graph] = await Promise.all([startLeanGraph('registry', env, ['members', 'events']), waitForOk(`http://127.0.0.1:${port}/ready`, 60_000)]);
  adminBase = graph.gatewayUrl.replace(/\/graphql$/, '');
  adminToken = await graph.tokenFor({ sub: 'admin-person', roles: ['admin'] } satisfies Viewer);
  const north = await admin<{ key: string }>('POST', '/credentials', adminToken, { label: 'Campus Nord', subgraphs: ['campus-north'] });
  const south = await admin<{ key: string }>('POST', '/credentials', adminToken, { label: 'Campus Sud', subgraphs: ['campus-south'] });
  expect(north.status).toBe(201);
  northKey = north.body.key;
  southKey = south.body.key;
}, 180_000);

afterAll(async () => {
  if (partner && partner.exitCode === null) {
    partner.kill('SIGKILL');
    await new Promise((resolve) => partner.once('exit', resolve));
  }
  await graph?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('partner credentials', () => {
  it('refuses anonymous callers and non-admin users', async () => {
    expect((await admin('GET', '/subgraphs', null)).status).toBe(401);
    const member = await graph.tokenFor({ sub: 'someone', roles: ['member'] });
    expect((await admin('GET', '/subgraphs', member)).status).toBe(403);
  });

  it("a partner credential cannot touch another partner's subgraph, nor a name no admin approved", async () => {
    const before = servingVersion();
    const asSouth = await admin<{ error: { code: string; message: string } }>('POST', '/subgraphs/campus-north/publish', southKey, { url: partnerUrl });
    expect(asSouth.status).toBe(403);
    expect(asSouth.body.error.message).toMatch(/may manage the subgraphs "campus-south" only/);
    expect((await admin('POST', '/subgraphs/campus-north/check', southKey, { url: partnerUrl })).status).toBe(403);
    expect((await admin('DELETE', '/subgraphs/campus-north', southKey)).status).toBe(403);
    expect((await admin('POST', '/subgraphs/campus-east/publish', northKey, { url: partnerUrl })).status).toBe(403);
    expect((await admin('POST', '/credentials', northKey, { label: 'x', subgraphs: ['campus-east'] })).status).toBe(403);
    expect((await admin('POST', '/supergraphs/1/rollback', northKey)).status).toBe(403);
    expect(servingVersion()).toBe(before);
  });
});

describe('publishing the template subgraph', () => {
  let versionBefore: number;
  let replicaUrl: string | undefined;
  let replicaVersion: () => number = () => -1;
  let stopReplica: (() => Promise<void>) | undefined;

  afterAll(async () => {
    await stopReplica?.();
  });

  it('check runs every check and changes nothing', async () => {
    versionBefore = servingVersion();
    const check = await admin<Publication>('POST', '/subgraphs/campus-north/check', northKey, { url: partnerUrl });
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({ outcome: 'ACCEPTED', dryRun: true });
    expect(servingVersion()).toBe(versionBefore);
    const query = await graph.query(CAMPUS_ORG, { id: HDH });
    expect(query.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('is queryable through the gateway with no restart, while a load of queries runs with zero failures', async () => {
    // Recorded operations are planned before the swap.
    expect((await graph.query(ORGS)).errors).toBeUndefined();
    await graph.gateway.registry.operations?.flush();

    let stop = false;
    let sent = 0;
    const failures: string[] = [];
    const worker = async (): Promise<void> => {
      while (!stop) {
        const response = await graph.query<{ organizations: { edges: unknown[] } }>(ORGS).catch((error: unknown) => ({ status: 0, errors: [{ message: String(error) }], data: null }));
        sent += 1;
        if (response.status !== 200 || response.errors || response.data?.organizations.edges.length !== 5) {
          failures.push(`${response.status} ${JSON.stringify(response.errors)}`);
        }
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, () => worker()));
    const waitForSent = async (count: number): Promise<void> => {
      while (sent < count && failures.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    await waitForSent(12);
    const sentBeforePublish = sent;
    const missesBeforePublish = graph.gateway.planCache.stats().misses;
    const publish = await admin<Publication>('POST', '/subgraphs/campus-north/publish', northKey, { url: partnerUrl, sdl: await servedSdl() });
    const sentDuringPublish = sent - sentBeforePublish;
    await waitForSent(sent + 12);
    stop = true;
    await load;

    expect(publish.status).toBe(200);
    expect(publish.body.outcome).toBe('ACCEPTED');
    expect(publish.body.supergraphVersion).toBe(versionBefore + 1);
    expect(servingVersion()).toBe(versionBefore + 1);
    expect(failures).toEqual([]);
    expect(sentBeforePublish).toBeGreaterThan(0);
    expect(sent).toBeGreaterThan(sentBeforePublish + 12);
    // Requests completed while the publication ran (checks, storage, warm-up, swap).
    expect(sentDuringPublish).toBeGreaterThan(0);
    console.info(`hot swap under load: ${sent} queries, ${sentDuringPublish} completed during the publication, 0 failed`);
    // The recorded operation was planned against the new supergraph before it served.
    expect(graph.gateway.planCache.stats().warmed).toBeGreaterThanOrEqual(1);
    // ... so no request after the swap had to plan: not one cache miss during the whole publication.
    expect(graph.gateway.planCache.stats().misses).toBe(missesBeforePublish);

    const org = await graph.query<{ organization: { name: string; campusProfile: { building: string; resident: boolean } } }>(CAMPUS_ORG, { id: HDH });
    expect(org.errors).toBeUndefined();
    expect(org.data?.organization.name).toBe('Health Data Hub');
    expect(org.data?.organization.campusProfile).toEqual({ building: 'Bâtiment A', resident: true });
    await graph.gateway.registry.operations?.flush();

    // Event, owned by the events subgraph, carries the campus's logistics.
    const conference = await graph.query<{ event: { title: string; campusLogistics: { room: string; localSeats: number } } }>(
      /* GraphQL */ `query ($id: ID!) { event(id: $id) { title campusLogistics { room localSeats } } }`,
      { id: demoId('event', 'ads-psc-joint-conference-2022') },
    );
    expect(conference.errors).toBeUndefined();
    expect(conference.data?.event.title).toBeTruthy();
    expect(conference.data?.event.campusLogistics).toEqual({ room: 'Amphithéâtre', localSeats: 120 });

    // The partner subgraph receives only the claims granted to partners (policy: sub, roles; no org).
    const who = await graph.query<{ campusViewer: { sub: string; org: string | null; roles: string[] } }>(
      `{ campusViewer { sub org roles } }`,
      {},
      { viewer: { sub: 'person-1', org: HDH, roles: ['member'] } },
    );
    expect(who.errors).toBeUndefined();
    expect(who.data?.campusViewer).toEqual({ sub: 'person-1', org: null, roles: ['member'] });

    const list = await admin<{ subgraphs: { name: string; kind: string; status: string; version: number | null }[] }>('GET', '/subgraphs', northKey);
    expect(list.body.subgraphs.find((s) => s.name === 'campus-north')).toMatchObject({ kind: 'partner', status: 'ACTIVE', version: 1 });
  });

  (DATABASE_URL ? it : it.skip)('a second replica on the same registry serves the publication without restart (MySQL)', async () => {
    const core = (graph.gateway.supergraph.serving?.members ?? []).filter((m) => m.kind === 'core');
    const replicaDir = mkdtempSync(join(tmpdir(), 'partner-registry-replica-'));
    const replica = createGateway(
      loadGatewayConfig({
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        DATA_DIR: replicaDir,
        DATABASE_URL: DATABASE_URL as string,
        DB_PREFIX,
        REGISTRY_POLL_INTERVAL_MS: '200',
        ...Object.fromEntries(core.map((m) => [`SUBGRAPH_${m.name.toUpperCase()}_URL`, m.url])),
      }),
      createLogger('replica', 'silent'),
    );
    const running = await replica.listen(0, '127.0.0.1');
    stopReplica = async () => {
      await running.close();
      rmSync(replicaDir, { recursive: true, force: true });
    };
    await replica.start();
    replicaUrl = `${running.url}/graphql`;
    replicaVersion = () => replica.supergraph.serving?.version ?? -1;
    // It starts on the registry's newest accepted supergraph, partner included.
    expect(replicaVersion()).toBe(servingVersion());
    const org = await postGraphQL<{ organization: { campusProfile: { building: string } } }>(replicaUrl, CAMPUS_ORG, { id: HDH });
    expect(org.data?.organization.campusProfile.building).toBe('Bâtiment A');
  });

  it('refuses a composition error with the subgraph, type and field, and leaves the serving graph untouched', async () => {
    const before = servingVersion();
    const sdl = `${await servedSdl()}\ntype CampusRoom @key(fields: "code") { id: ID! }\n`;
    const refused = await admin<Publication>('POST', '/subgraphs/campus-north/publish', northKey, { url: partnerUrl, sdl });
    expect(refused.status).toBe(422);
    expect(refused.body.outcome).toBe('REFUSED');
    const composition = refused.body.report.problems.filter((p) => p.check === 'composition');
    expect(composition.length).toBeGreaterThan(0);
    expect(composition[0]).toMatchObject({ subgraph: 'campus-north', type: 'CampusRoom' });
    expect(composition[0]?.message).toMatch(/code/);
    // The published SDL is not what the subgraph serves: check 4 says so.
    expect(refused.body.report.problems.some((p) => p.check === 'reachability' && p.code === 'SDL_MISMATCH')).toBe(true);
    expect(servingVersion()).toBe(before);
    expect((await graph.query(CAMPUS_ORG, { id: HDH })).errors).toBeUndefined();
  });

  it('refuses a policy violation (redefining a core field, extending a closed core type) with an actionable message', async () => {
    const before = servingVersion();
    const sdl = `${await servedSdl()}\nextend type Organization @key(fields: "id") { id: ID! name: String! }\ntype Ecosystem @key(fields: "id") { id: ID! campusNote: String }\n`;
    const refused = await admin<Publication>('POST', '/subgraphs/campus-north/check', northKey, { url: partnerUrl, sdl });
    expect(refused.status).toBe(422);
    const policy = refused.body.report.problems.filter((p) => p.check === 'policy');
    expect(policy).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ code: 'REDEFINES_CORE_FIELD', type: 'Organization', field: 'name', message: expect.stringMatching(/owned by the core subgraph "members".*campusNorthName/) }),
        expect.objectContaining({ code: 'CORE_TYPE_NOT_EXTENDABLE', type: 'Ecosystem', message: expect.stringMatching(/Extendable entities: Organization, Event/) }),
      ]),
    );
    // The same SDL through publish: refused, logged, serving graph unchanged.
    const published = await admin<Publication>('POST', '/subgraphs/campus-north/publish', northKey, { url: partnerUrl, sdl });
    expect(published.status).toBe(422);
    expect(servingVersion()).toBe(before);
    const log = await admin<{ publications: { action: string; outcome: string; subgraphName: string }[] }>('GET', '/publications?subgraph=campus-north', adminToken);
    expect(log.body.publications[0]).toMatchObject({ action: 'publish', outcome: 'REFUSED' });
  });

  it('refuses a change that breaks a recorded operation unless an admin forces it', async () => {
    const before = servingVersion();
    // Removing campus-north would break CampusOrg, which a client sent above.
    const refused = await admin<Publication>('DELETE', '/subgraphs/campus-north', northKey);
    expect(refused.status).toBe(422);
    const broken = refused.body.report.problems.find((p) => p.check === 'breaking' && p.operation === 'CampusOrg');
    expect(broken).toMatchObject({ code: 'BREAKS_RECORDED_OPERATION', operation: 'CampusOrg', type: 'Organization', field: 'campusProfile' });
    expect(broken?.message).toMatch(/Cannot query field "campusProfile" on type "Organization"/);
    expect(refused.body.report.changes.some((c) => c.type === 'FIELD_REMOVED')).toBe(true);
    expect(servingVersion()).toBe(before);
    expect((await graph.query(CAMPUS_ORG, { id: HDH })).errors).toBeUndefined();
    // A partner cannot force.
    expect((await admin('DELETE', '/subgraphs/campus-north?force=true', northKey)).status).toBe(403);
  });

  it('the CLI checks for CI (exit code 0, nothing changed) and lists the history', async () => {
    const before = servingVersion();
    const env = { PATH: process.env.PATH ?? '', GATEWAY_URL: adminBase, GATEWAY_TOKEN: northKey };
    const check = await runCli('gateway/dist/cli/subgraph.js', ['check', '--name', 'campus-north', '--url', partnerUrl], env);
    expect(check.stdout).toMatch(/CHECK PASSED: check campus-north/);
    expect(check.status).toBe(0);
    const schema = join(dataDir, 'bad.graphql');
    writeFileSync(schema, 'type Organization @key(fields: "id") { id: ID! name: String }');
    const bad = await runCli('gateway/dist/cli/subgraph.js', ['check', '--name', 'campus-north', '--url', partnerUrl, '--schema', schema], env);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/\[policy\] REDEFINES_CORE_FIELD \(subgraph campus-north, Organization\.name\)/);
    const history = await runCli('gateway/dist/cli/supergraph.js', ['history'], { ...env, GATEWAY_TOKEN: adminToken });
    expect(history.status).toBe(0);
    expect(history.stdout).toMatch(/\* v\d+ .*publish campus-north@1/);
    expect(servingVersion()).toBe(before);
  });

  it('an admin can force a change that breaks recorded operations (logged as forced)', async () => {
    const before = servingVersion();
    const forced = await admin<Publication & { forced: boolean }>('DELETE', '/subgraphs/campus-north?force=true', adminToken);
    expect(forced.status).toBe(200);
    expect(forced.body).toMatchObject({ outcome: 'ACCEPTED', forced: true, supergraphVersion: before + 1 });
    expect(forced.body.report.problems.some((p) => p.code === 'BREAKS_RECORDED_OPERATION')).toBe(true);
    expect(servingVersion()).toBe(before + 1);
    expect((await graph.query(CAMPUS_ORG, { id: HDH })).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const log = await admin<{ publications: { action: string; outcome: string; forced: boolean; actor: string }[] }>('GET', '/publications?subgraph=campus-north', adminToken);
    expect(log.body.publications[0]).toMatchObject({ action: 'remove', outcome: 'ACCEPTED', forced: true, actor: 'admin-person' });
  });

  it('rolls back to the supergraph before the publication, without restart', async () => {
    // Queries keep running during the rollback: none fails.
    let stop = false;
    const failures: string[] = [];
    let sent = 0;
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stop) {
          const response = await graph.query<{ organizations: { edges: unknown[] } }>(ORGS);
          sent += 1;
          if (response.status !== 200 || response.errors) failures.push(JSON.stringify(response.errors));
        }
      }),
    );
    const rollback = await admin<{ supergraphVersion: number; restored: number }>('POST', `/supergraphs/${versionBefore}/rollback`, adminToken);
    const atRollback = sent;
    while (sent < atRollback + 8) await new Promise((resolve) => setTimeout(resolve, 20));
    stop = true;
    await load;
    expect(failures).toEqual([]);
    expect(rollback.status).toBe(200);
    expect(rollback.body.supergraphVersion).toBeGreaterThan(versionBefore + 1);
    expect(servingVersion()).toBe(rollback.body.supergraphVersion);
    const gone = await graph.query(CAMPUS_ORG, { id: HDH });
    expect(gone.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await graph.query(ORGS)).errors).toBeUndefined();
    const list = await admin<{ subgraphs: { name: string; status: string }[] }>('GET', '/subgraphs', adminToken);
    expect(list.body.subgraphs.find((s) => s.name === 'campus-north')?.status).toBe('REMOVED');
    if (replicaUrl) {
      // The other replica polls the registry and serves the rollback too, without restart.
      const deadline = Date.now() + 5000;
      while (replicaVersion() !== servingVersion() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(replicaVersion()).toBe(servingVersion());
      const onReplica = await postGraphQL(replicaUrl, CAMPUS_ORG, { id: HDH });
      expect(onReplica.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
    // And forward again: the publication's version is still in the history.
    const again = await admin<{ supergraphVersion: number }>('POST', `/supergraphs/${versionBefore + 1}/rollback`, adminToken);
    expect(again.status).toBe(200);
    expect((await graph.query(CAMPUS_ORG, { id: HDH })).errors).toBeUndefined();
  });
});

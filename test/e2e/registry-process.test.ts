import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUBLIC_CONTRACT_PATH, signUserToken } from '@ecosystem/gateway';
import { contractOf } from '@ecosystem/registry';
import { demoOrganization, DEV_USER_JWT_SECRET } from '@ecosystem/shared';
import { CORE_DEFINITIONS, postGraphQL, startSubgraph, type RunningSubgraph } from '../helpers/graph';
import { freePort, type NodeProcess, startNode, waitForOk } from '../helpers/processes';

/*
 * The registry as its own process (`npm run registry`) and a gateway process following it
 * (REGISTRY_URL): the registry composes the core subgraphs and takes a partner's publication on its
 * admin API; the gateway, which opens no registry of its own, serves the new supergraph without restart.
 * Build first: `npx tsc -b gateway partners/template`.
 */
const root = mkdtempSync(join(tmpdir(), 'registry-process-'));
const REGISTRY_TOKEN = 'registry-process-test-token-0123456789';
const HDH = demoOrganization('health-data-hub').id;
const CAMPUS_ORG = /* GraphQL */ `query CampusOrg($id: ID!) { organization(id: $id) { id name campusProfile { building resident } } }`;
const subgraphs: RunningSubgraph[] = [];
let registry: NodeProcess;
let gateway: NodeProcess;
let partner: NodeProcess;
let registryBase: string;
let gatewayUrl: string;
let partnerUrl: string;
let hive: NodeProcess | undefined;

let gatewayEnv: Record<string, string>;

beforeAll(async () => {
  for (const definition of CORE_DEFINITIONS) subgraphs.push(await startSubgraph(definition, 'reg_proc'));
  const subgraphUrls = Object.fromEntries(subgraphs.map((s) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, s.url]));
  const [registryPort, gatewayPort, partnerPort] = [await freePort(), await freePort(), await freePort()];
  partner = startNode('partners/template/dist/main.js', { PORT: String(partnerPort), HOST: '127.0.0.1', DATA_DIR: join(root, 'partner'), LOG_LEVEL: 'warn', PARTNER_SUBGRAPH_NAME: 'campus-north' });
  partnerUrl = `http://127.0.0.1:${partnerPort}/graphql`;
  // The registry on its embedded database (sql.js in its DATA_DIR): this test's own, empty.
  registry = startNode('gateway/dist/registry-main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    REGISTRY_PORT: String(registryPort),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, 'registry'),
    REGISTRY_TOKEN,
    ...subgraphUrls,
  });
  registryBase = `http://127.0.0.1:${registryPort}`;
  gatewayEnv = {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: String(gatewayPort),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, 'gateway'),
    REGISTRY_URL: registryBase,
    REGISTRY_TOKEN,
    REGISTRY_POLL_INTERVAL_MS: '300',
    ...subgraphUrls,
  };
  gateway = startNode('gateway/dist/main.js', gatewayEnv);
  gatewayUrl = `http://127.0.0.1:${gatewayPort}/graphql`;
  await waitForOk(`http://127.0.0.1:${partnerPort}/health`, 60_000, 'partner subgraph', partner);
  await waitForOk(`${registryBase}/ready`, 60_000, 'registry process', registry);
  await waitForOk(`http://127.0.0.1:${gatewayPort}/ready`, 60_000, 'gateway (REGISTRY_URL)', gateway);
}, 180_000);

afterAll(async () => {
  await hive?.kill('SIGTERM');
  await gateway?.kill('SIGTERM');
  await registry?.kill('SIGTERM');
  await partner?.kill('SIGTERM');
  for (const s of subgraphs) {
    await s.server.close();
    await s.database.close();
  }
  rmSync(root, { recursive: true, force: true });
});

it('serves its accepted supergraph at GET /supergraph to holders of REGISTRY_TOKEN, revalidated by ETag', async () => {
  expect((await fetch(`${registryBase}/supergraph`)).status).toBe(401);
  const auth = { authorization: `Bearer ${REGISTRY_TOKEN}` };
  const first = await fetch(`${registryBase}/supergraph`, { headers: auth });
  expect(first.status).toBe(200);
  expect(first.headers.get('x-supergraph-version')).toBe('1');
  expect(await first.text()).toContain('join__graph');
  const again = await fetch(`${registryBase}/supergraph`, { headers: { ...auth, 'if-none-match': first.headers.get('etag')! } });
  expect(again.status).toBe(304);
});

it('a gateway following the registry serves a publication made on the registry process, without restart', async () => {
  const before = await postGraphQL(gatewayUrl, CAMPUS_ORG, { id: HDH });
  expect(before.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  // The gateway has no registry: its admin API points to the registry process.
  const gatewayAdmin = await fetch(gatewayUrl.replace('/graphql', '/admin/subgraphs'));
  expect(gatewayAdmin.status).toBe(404);
  expect(((await gatewayAdmin.json()) as { error: { message: string } }).error.message).toContain(registryBase);

  const adminToken = await signUserToken({ sub: 'admin-person', roles: ['admin'] }, { secret: DEV_USER_JWT_SECRET });
  const publish = await fetch(`${registryBase}/admin/subgraphs/campus-north/publish`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ url: partnerUrl }),
  });
  const body = (await publish.json()) as { outcome: string; supergraphVersion: number };
  expect(publish.status).toBe(200);
  expect(body).toMatchObject({ outcome: 'ACCEPTED', supergraphVersion: 2 });

  const deadline = Date.now() + 20_000;
  let after = await postGraphQL<{ organization: { campusProfile: { building: string } | null } }>(gatewayUrl, CAMPUS_ORG, { id: HDH });
  while (after.errors && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    after = await postGraphQL(gatewayUrl, CAMPUS_ORG, { id: HDH });
  }
  expect(after.errors).toBeUndefined();
  expect(after.data?.organization.campusProfile?.building).toBe('Bâtiment A');
  // Each process gathers its log lines and writes them up to 100 ms later: the line may follow the answer.
  for (let i = 0; i < 30 && !gateway.output().includes('supergraph source changed'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(gateway.output()).toContain('supergraph source changed');
});

it('the gateway following the registry serves the public contract of the supergraph it follows', async () => {
  const exported = await (await fetch(`${registryBase}/supergraph`, { headers: { authorization: `Bearer ${REGISTRY_TOKEN}` } })).text();
  const expected = Object.keys(contractOf(exported).getQueryType()!.getFields()).sort();
  const contractUrl = gatewayUrl.replace(/\/graphql$/, PUBLIC_CONTRACT_PATH);
  const roots = await postGraphQL<{ __schema: { queryType: { fields: { name: string }[] } } }>(contractUrl, '{ __schema { queryType { fields { name } } } }');
  expect(roots.errors).toBeUndefined();
  expect(roots.data!.__schema.queryType.fields.map((f) => f.name).sort()).toEqual(expected);
  const query = '{ organizations(first: 2) { edges { node { id name } } } }';
  const [viaContract, viaGraph] = await Promise.all([postGraphQL(contractUrl, query), postGraphQL(gatewayUrl, query)]);
  expect(viaContract.errors).toBeUndefined();
  expect(viaContract.data).toEqual(viaGraph.data);
  const privateRoot = await postGraphQL(contractUrl, '{ people(first: 1) { totalCount } }');
  expect(privateRoot.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
});

it('the supergraph the registry exports runs on Hive Gateway, with the same answers to public queries', async () => {
  const exported = await fetch(`${registryBase}/supergraph`, { headers: { authorization: `Bearer ${REGISTRY_TOKEN}` } });
  const file = join(root, 'exported-supergraph.graphql');
  writeFileSync(file, await exported.text());
  const port = await freePort();
  hive = startNode('node_modules/@graphql-hive/gateway/dist/bin.js', { NODE_ENV: 'production' }, ['supergraph', file, '--port', String(port), '--host', '127.0.0.1']);
  await waitForOk(`http://127.0.0.1:${port}/readiness`, 60_000, 'hive-gateway', hive);
  const example = readFileSync(join(__dirname, '..', '..', 'gateway', 'examples', '04-organisations-in-all-three-ecosystems.graphql'), 'utf8');
  // A core query across subgraphs, and the partner's extension of a core entity (public fields).
  for (const [query, variables] of [[example, {}], [CAMPUS_ORG, { id: HDH }]] as const) {
    const ours = await postGraphQL(gatewayUrl, query, variables);
    const theirs = await postGraphQL(`http://127.0.0.1:${port}/graphql`, query, variables);
    expect(ours.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data).toEqual(ours.data);
  }
}, 120_000);

it('a gateway whose REGISTRY_TOKEN the registry refuses says so at error level', async () => {
  const port = await freePort();
  const refused = startNode('gateway/dist/main.js', {
    ...gatewayEnv,
    PORT: String(port),
    DATA_DIR: join(root, 'gateway-refused'),
    REGISTRY_TOKEN: 'a-wrong-token-0123456789abcdef0123',
    STARTUP_COMPOSE_TIMEOUT_MS: '1000',
  });
  try {
    // Nothing kept yet: it starts from the shipped core supergraph.
    await waitForOk(`http://127.0.0.1:${port}/ready`, 30_000, 'gateway with a refused token', refused);
    const line = refused.output().split('\n').find((l) => l.includes('refuses this gateway'));
    expect(line).toBeDefined();
    expect(JSON.parse(line!).level).toBe('error');
    expect(line).toContain('HTTP 401');
  } finally {
    await refused.kill('SIGTERM');
  }
}, 60_000);

it('a gateway restarted while the registry is down starts from the supergraph it kept in DATA_DIR', async () => {
  const kept = readFileSync(join(root, 'gateway', 'supergraph.graphql'), 'utf8');
  const served = await (await fetch(`${registryBase}/supergraph`, { headers: { authorization: `Bearer ${REGISTRY_TOKEN}` } })).text();
  expect(kept).toBe(served);
  await registry.kill('SIGTERM');
  await gateway.kill('SIGTERM');
  gateway = startNode('gateway/dist/main.js', { ...gatewayEnv, STARTUP_COMPOSE_TIMEOUT_MS: '1500' });
  await waitForOk(gatewayUrl.replace('/graphql', '/ready'), 30_000, 'gateway restarted without its registry', gateway);
  // The process gathers its log lines up to 100 ms before writing them: /ready may answer first.
  for (let waited = 0; waited < 2000 && !gateway.output().includes('serving the last kept supergraph'); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
  expect(gateway.output()).toContain('serving the last kept supergraph');
  // The partner's extension comes from the kept supergraph: the shipped core one has none.
  const answer = await postGraphQL<{ organization: { campusProfile: { building: string } | null } }>(gatewayUrl, CAMPUS_ORG, { id: HDH });
  expect(answer.errors).toBeUndefined();
  expect(answer.data?.organization.campusProfile?.building).toBe('Bâtiment A');
}, 60_000);

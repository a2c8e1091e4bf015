import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadExampleOperations, SHIPPED_SUPERGRAPH_FILE } from '@ecosystem/gateway';
import { fieldSubgraphs } from '@ecosystem/registry';
import { postGraphQL, type GraphQLResponse } from '../helpers/graph';
import { OperationFields, partialAnswerProblems } from '../helpers/partial-answers';
import { freePort, startNode, startSlowProxy, type NodeProcess, waitForOk } from '../helpers/processes';
import { apiSchemaOf } from '../schema/api-schema';

/*
 * A lost subgraph costs only its own fields, with real processes in production mode (masked errors)
 * on MySQL/MariaDB when DATABASE_URL is set:
 * - a cold start with an empty data directory and an empty registry while datasets is down;
 * - each core subgraph in turn SIGKILLed under a load of the README's question and every
 *   playground example, then restarted: every answer is compared with the full answer to the same
 *   operation (what is kept is identical; what is lost is null with one masked error at a field of
 *   the lost subgraph), and full answers come back within RECOVERY_MS of the subgraph being ready;
 * - a subgraph made slow by a proxy of this test: its fields time out, the rest arrives on time.
 * Build first: `npx tsc -b gateway subgraphs/<each>`. The figures go to the console and
 * docs/operations.md.
 */
const NAMES = ['members', 'datasets', 'training', 'events'] as const;
type Name = (typeof NAMES)[number];
const root = mkdtempSync(join(tmpdir(), 'gw-faults-'));
const prefix = `${process.env.DB_PREFIX ?? 'ecosystem'}_flt${process.pid}`;
const INTERNAL_JWT_SECRET = 'fault-test-internal-secret-0123456789-abcdef';
const JWT_SECRET = 'fault-test-user-secret-0123456789-abcdefghijk';
/** A cold start serves the living subgraphs within this (process start included). */
const COLD_START_MS = 15_000;
/** Full answers again at most this long after a restarted subgraph is ready. */
const RECOVERY_MS = 5_000;
/** How long each subgraph stays down under load. */
const DOWN_MS = 4_000;
const CLIENTS = 4;

/** The README's question ("One question, four subgraphs"). */
const README_QUESTION = {
  name: 'readme-question',
  query:
    '{ organizations(first: 2, filter: { text: "health data hub" }) { totalCount edges { node { name kind sectors datasets { title { fr } presentedAt { title start } } trainingOffers { title } organizedEvents { title } } } } }',
  variables: {} as Record<string, unknown>,
};
const OPERATIONS = [README_QUESTION, ...loadExampleOperations().filter((e) => e.operation !== 'subscription').map((e) => ({ name: e.name, query: e.query, variables: JSON.parse(e.variables) as Record<string, unknown> }))];

/**
 * A root connection of each subgraph. Root fields are nullable (docs/querying.md, "Root fields"):
 * a query that selects two subgraphs' root fields keeps the living one's when the other is lost.
 */
const ROOT_OF: Record<Name, { field: string; selection: string }> = {
  members: { field: 'organizations', selection: 'organizations(first: 2) { totalCount edges { node { name } } }' },
  datasets: { field: 'datasets', selection: 'datasets(first: 2) { totalCount edges { node { identifier } } }' },
  training: { field: 'modules', selection: 'modules(first: 2) { totalCount edges { node { code } } }' },
  events: { field: 'events', selection: 'events(first: 2) { totalCount edges { node { title } } }' },
};
/** The lost subgraph's root field beside another subgraph's, both orders (the rule holds whichever comes first). */
const twoRoots = (lost: Name): { living: Name; query: string }[] => {
  const living = NAMES[(NAMES.indexOf(lost) + 1) % NAMES.length]!;
  return [
    { living, query: `{ ${ROOT_OF[lost].selection} ${ROOT_OF[living].selection} }` },
    { living, query: `{ ${ROOT_OF[living].selection} ${ROOT_OF[lost].selection} }` },
  ];
};

const supergraph = readFileSync(SHIPPED_SUPERGRAPH_FILE, 'utf8');
const schema = apiSchemaOf(supergraph);
const resolvers = fieldSubgraphs(supergraph);
const fieldsOf = new Map(OPERATIONS.map((op) => [op.name, new OperationFields(schema, op.query)]));
const full = new Map<string, unknown>();

const subgraphs = {} as Record<Name, { port: number; proc: NodeProcess }>;
const gateways: NodeProcess[] = [];
let gatewayUrl: string;

function startSubgraph(name: Name, port: number): NodeProcess {
  return startNode(`subgraphs/${name}/dist/main.js`, {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    INTERNAL_JWT_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, name),
    DEMO_SEED: 'true',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DB_PREFIX: prefix } : {}),
  });
}

function gatewayEnv(dataDir: string, port: number, registryPrefix: string, urls: Partial<Record<Name, string>> = {}): Record<string, string> {
  const url = (name: Name): string => urls[name] ?? `http://127.0.0.1:${subgraphs[name].port}/graphql`;
  return {
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    JWT_SECRET,
    INTERNAL_JWT_SECRET,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    SUBGRAPH_MEMBERS_URL: url('members'),
    SUBGRAPH_DATASETS_URL: url('datasets'),
    SUBGRAPH_TRAINING_URL: url('training'),
    SUBGRAPH_EVENTS_URL: url('events'),
    RATE_LIMIT_MAX: '0',
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL, DB_PREFIX: registryPrefix } : {}),
  };
}

const post = (url: string, op: (typeof OPERATIONS)[number], headers: Record<string, string> = {}): Promise<GraphQLResponse<unknown>> =>
  postGraphQL<unknown>(url, op.query, op.variables, headers);

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Problems of an answer given while `lost` may be unavailable ('' = nothing may be lost). */
function problemsOf(op: (typeof OPERATIONS)[number], answer: GraphQLResponse<unknown>, lost: string, codes: readonly string[] = ['SUBGRAPH_UNAVAILABLE']): string[] {
  const problems = partialAnswerProblems(answer, full.get(op.name), fieldsOf.get(op.name)!, resolvers, lost, codes);
  if (answer.status !== 200) problems.unshift(`HTTP ${answer.status}`);
  // Production masking: nothing about where the subgraphs are or how they failed.
  if (/127\.0\.0\.1|ECONNREFUSED|socket hang up|stack|serviceName/.test(JSON.stringify(answer.errors ?? []))) problems.push('unmasked error');
  return problems.map((p) => `${op.name}: ${p}`);
}

const isFull = (answer: GraphQLResponse<unknown>, op: (typeof OPERATIONS)[number]): boolean =>
  answer.status === 200 && !answer.errors && problemsOf(op, answer, '').length === 0;

/** Root fields are nullable: a lost one is `null` inside `data`, so living data is a root field that is not null. */
const hasLivingData = (answer: GraphQLResponse<unknown>): boolean => Object.values((answer.data ?? {}) as Record<string, unknown>).some((value) => value !== null);

interface Figures {
  requests: number;
  httpFailures: number;
  /** Answers given while the subgraph was down. */
  whileDown: number;
  /** ... of which carried data of the living subgraphs (a root field that is not null). */
  withLivingData: number;
  /** ... of which were to operations whose root field another subgraph resolves. */
  rootedElsewhere: number;
  /** The fields answered null with an error while it was down. */
  lostFields: Set<string>;
  /** ... of which were complete anyway (the operation does not touch the lost subgraph). */
  unaffected: number;
  /** From the restarted subgraph's /ready to the README question's first full answer. */
  recoveryMs: number;
  problems: string[];
  /** The README question's first partial answer. */
  example?: GraphQLResponse<unknown>;
  /** The first partial answer that kept data, to another operation. */
  other?: { operation: string; answer: GraphQLResponse<unknown> };
}

/** Clients that send the operations in turn until stopped, each answer checked as it comes. */
function load(url: string, lost: Name, down: { from: number; until: number }): { stop(): Promise<Figures> } {
  const figures: Figures = { requests: 0, httpFailures: 0, whileDown: 0, withLivingData: 0, rootedElsewhere: 0, unaffected: 0, recoveryMs: -1, problems: [], lostFields: new Set() };
  let running = true;
  let next = 0;
  const client = async (): Promise<void> => {
    while (running) {
      const op = OPERATIONS[next++ % OPERATIONS.length]!;
      const sent = Date.now();
      figures.requests += 1;
      let answer: GraphQLResponse<unknown>;
      try {
        answer = await post(url, op);
      } catch (error) {
        figures.httpFailures += 1;
        figures.problems.push(`${op.name}: ${(error as Error).message}`);
        continue;
      }
      if (answer.status !== 200) figures.httpFailures += 1;
      figures.problems.push(...problemsOf(op, answer, lost));
      const wasDown = sent >= down.from && Date.now() <= down.until;
      if (wasDown) {
        figures.whileDown += 1;
        if (hasLivingData(answer)) figures.withLivingData += 1;
        const fields = fieldsOf.get(op.name)!;
        if (!(resolvers.get(fields.coordinateAt([Object.keys(full.get(op.name) as object)[0]!]) ?? '') ?? []).includes(lost)) figures.rootedElsewhere += 1;
        for (const error of answer.errors ?? []) figures.lostFields.add(fields.coordinateAt(error.path ?? []) ?? '?');
        if (!answer.errors) figures.unaffected += 1;
        if (op === README_QUESTION && answer.errors && !figures.example) figures.example = answer;
        if (op !== README_QUESTION && answer.errors && hasLivingData(answer) && !figures.other) figures.other = { operation: op.name, answer };
      }
    }
  };
  const clients = Array.from({ length: CLIENTS }, () => client());
  return {
    async stop() {
      running = false;
      await Promise.all(clients);
      return figures;
    },
  };
}

beforeAll(async () => {
  for (const name of NAMES) {
    const port = await freePort();
    mkdirSync(join(root, name), { recursive: true });
    subgraphs[name] = { port, proc: startSubgraph(name, port) };
  }
  await Promise.all(NAMES.map((name) => waitForOk(`http://127.0.0.1:${subgraphs[name].port}/ready`, 180_000, name, subgraphs[name].proc)));
}, 240_000);

afterAll(async () => {
  for (const proc of gateways) await proc.kill();
  for (const name of NAMES) await subgraphs[name]?.proc.kill();
  rmSync(root, { recursive: true, force: true });
  if (process.env.DATABASE_URL) {
    const { createConnection } = await import('mysql2/promise');
    const connection = await createConnection(process.env.DATABASE_URL);
    for (const name of [...NAMES, 'gateway']) {
      await connection.query(`DROP DATABASE IF EXISTS \`${prefix}_${name}\``);
      await connection.query(`DROP DATABASE IF EXISTS \`${prefix}_slow_${name}\``);
      await connection.query(`DROP DATABASE IF EXISTS \`${prefix}_502_${name}\``);
    }
    await connection.end();
  }
});

describe('a lost subgraph costs only its own fields (real processes)', () => {
  it(`cold start, empty data directory and registry, datasets down: the others are served within ${COLD_START_MS} ms, all of it once datasets is up`, async () => {
    await subgraphs.datasets.proc.kill('SIGKILL');
    const dataDir = join(root, 'gateway');
    mkdirSync(dataDir, { recursive: true });
    const port = await freePort();
    gatewayUrl = `http://127.0.0.1:${port}/graphql`;
    const started = Date.now();
    const gateway = startNode('gateway/dist/main.js', gatewayEnv(dataDir, port, prefix));
    gateways.push(gateway);
    let first: GraphQLResponse<unknown> | undefined;
    const unexpected: string[] = [];
    while (Date.now() - started < COLD_START_MS * 2) {
      if (gateway.child.exitCode !== null) throw new Error(`gateway exited:\n${gateway.output().slice(-3000)}`);
      try {
        const answer = await post(gatewayUrl, README_QUESTION);
        // Served: the living subgraphs' data, and nothing lost but datasets' fields.
        if (answer.status === 200 && answer.errors?.every((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')) {
          first = answer;
          break;
        }
        unexpected.push(JSON.stringify(answer));
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    const coldStartMs = Date.now() - started;
    console.log(`cold start with datasets down: first answer after ${coldStartMs} ms:\n${JSON.stringify(first, null, 2)}`);
    // Answers before that one: 503 while the gateway starts (and anything else, shown here).
    if (unexpected.some((a) => !a.includes('"status":503'))) console.log(`answers before the first served one:\n${unexpected.join('\n')}\n${gateway.output().slice(-3000)}`);
    expect(coldStartMs).toBeLessThan(COLD_START_MS);
    type Question = { organizations: { edges: { node: { name: string; datasets: unknown; trainingOffers: unknown; organizedEvents: unknown[] } }[] } };
    const node = (first?.data as Question | undefined)?.organizations.edges[0]?.node;
    expect(node?.name).toBe('Health Data Hub');
    expect(node?.datasets).toBeNull();
    expect(node?.trainingOffers).toEqual(expect.any(Array));
    expect(node?.organizedEvents.length).toBeGreaterThan(0);
    expect(first?.errors).toEqual([
      expect.objectContaining({ path: ['organizations', 'edges', 0, 'node', 'datasets'], extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE' }) }),
    ]);
    expect(gateway.output()).toContain('serving the core supergraph shipped with the gateway');

    // datasets comes back: the gateway composes the live subgraphs (and records it in its registry).
    subgraphs.datasets.proc = startSubgraph('datasets', subgraphs.datasets.port);
    await waitForOk(`http://127.0.0.1:${subgraphs.datasets.port}/ready`, 120_000, 'datasets', subgraphs.datasets.proc);
    const deadline = Date.now() + 15_000;
    for (;;) {
      const answers = await Promise.all(OPERATIONS.map((op) => post(gatewayUrl, op)));
      if (answers.every((a) => a.status === 200 && !a.errors)) {
        OPERATIONS.forEach((op, i) => full.set(op.name, answers[i]!.data));
        break;
      }
      if (Date.now() > deadline) throw new Error(`no full answers: ${JSON.stringify(answers.find((a) => a.errors)?.errors)}`);
      await sleep(300);
    }
    // The composed supergraph replaced the shipped one: it is the last accepted one on disk now.
    const composedBy = Date.now() + 10_000;
    while (!existsSync(join(dataDir, 'supergraph.graphql')) && Date.now() < composedBy) await sleep(200);
    expect(existsSync(join(dataDir, 'supergraph.graphql'))).toBe(true);
    // Every example carries data (a check of the comparisons below, which need something to compare).
    for (const op of OPERATIONS) expect(JSON.stringify(full.get(op.name)).length).toBeGreaterThan(100);
  }, 120_000);

  const figures = new Map<Name, Figures>();

  it.each(NAMES.map((name) => [name]))(
    `%s SIGKILLed under load: no HTTP failure, every answer keeps what does not pass through it, full answers within ${RECOVERY_MS} ms of its return`,
    async (name) => {
      expect(full.size).toBe(OPERATIONS.length); // the cold start test ran
      const down = { from: Number.POSITIVE_INFINITY, until: Number.POSITIVE_INFINITY };
      const running = load(gatewayUrl, name, down);
      const combined = twoRoots(name);
      const before = await Promise.all(combined.map((c) => postGraphQL<Record<string, unknown>>(gatewayUrl, c.query)));
      await sleep(1_000);
      down.from = Date.now();
      await subgraphs[name].proc.kill('SIGKILL');
      const killed = Date.now();
      // The lost subgraph's root field beside another's, while it is down.
      const combinedWhileDown = await Promise.all(combined.map((c) => postGraphQL<Record<string, unknown>>(gatewayUrl, c.query)));
      await sleep(Math.max(0, DOWN_MS - (Date.now() - killed)));
      subgraphs[name].proc = startSubgraph(name, subgraphs[name].port);
      await waitForOk(`http://127.0.0.1:${subgraphs[name].port}/ready`, 120_000, name, subgraphs[name].proc);
      const ready = Date.now();
      let recoveryMs = -1;
      while (Date.now() - ready < RECOVERY_MS * 3) {
        const answer = await post(gatewayUrl, README_QUESTION);
        if (isFull(answer, README_QUESTION)) {
          recoveryMs = Date.now() - ready;
          break;
        }
        await sleep(100);
      }
      down.until = ready + Math.max(recoveryMs, 0);
      // After the recovery, every operation answers in full.
      const after = await Promise.all(OPERATIONS.map((op) => post(gatewayUrl, op)));
      const result = await running.stop();
      result.recoveryMs = recoveryMs;
      figures.set(name, result);
      console.log(
        `${name} killed: ${result.requests} requests, ${result.httpFailures} HTTP failures, ${result.whileDown} answers while down ` +
          `(${result.withLivingData} with the living subgraphs' data, ${result.rootedElsewhere} to operations rooted elsewhere, ${result.unaffected} complete), ` +
          `full answers ${recoveryMs} ms after it was ready; fields lost: ${[...result.lostFields].sort().join(', ')}` +
          `\nexample while down:\n${JSON.stringify(result.example, null, 2)}` +
          `\nanother (${result.other?.operation}):\n${JSON.stringify(result.other?.answer).slice(0, 3000)}` +
          `\ntwo subgraphs' root fields while down:\n${JSON.stringify(combinedWhileDown[0]).slice(0, 3000)}`,
      );
      expect(result.problems.slice(0, 20)).toEqual([]);
      // Two subgraphs' root fields in one query: the living one's data as in the full answer, the
      // lost one's root field null with its one error (no null propagation to `data`).
      const lostField = ROOT_OF[name].field;
      expect(before.map((a) => a.errors ?? [])).toEqual([[], []]);
      combinedWhileDown.forEach((answer, i) => {
        const livingField = ROOT_OF[combined[i]!.living].field;
        expect(answer.status).toBe(200);
        expect(answer.data).toEqual({ ...before[i]!.data, [lostField]: null });
        expect((answer.data?.[livingField] as { totalCount: number }).totalCount).toBeGreaterThan(0);
        expect(answer.errors).toEqual([expect.objectContaining({ path: [lostField], extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE' }) })]);
      });
      expect(result.httpFailures).toBe(0);
      expect(result.whileDown).toBeGreaterThan(10);
      expect(result.example).toBeDefined();
      expect(recoveryMs).toBeGreaterThanOrEqual(0);
      expect(recoveryMs).toBeLessThan(RECOVERY_MS);
      expect(after.map((a, i) => (isFull(a, OPERATIONS[i]!) ? '' : OPERATIONS[i]!.name)).filter(Boolean)).toEqual([]);
      // Every answer to an operation rooted in a living subgraph carried data (the checks above say it was all there).
      expect(result.withLivingData).toBeGreaterThanOrEqual(result.rootedElsewhere);
      expect(result.rootedElsewhere).toBeGreaterThan(0);
    },
    120_000,
  );

  it('a slow subgraph: its fields time out to null with SUBGRAPH_TIMEOUT, the rest arrives on time', async () => {
    const proxy = await startSlowProxy(`http://127.0.0.1:${subgraphs.training.port}`);
    try {
      const dataDir = join(root, 'gateway-slow');
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'supergraph.graphql'), supergraph);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      const env = { ...gatewayEnv(dataDir, port, `${prefix}_slow`, { training: `${proxy.url}/graphql` }), SUBGRAPH_TIMEOUT_MS_TRAINING: '800', CIRCUIT_VOLUME_THRESHOLD: '1000', CIRCUIT_CONSECUTIVE_FAILURES: '0' };
      const gateway = startNode('gateway/dist/main.js', env);
      gateways.push(gateway);
      await waitForOk(`http://127.0.0.1:${port}/ready`, 60_000, 'gateway', gateway);
      // Before the delay: full answers (the first ones may pass training's 800 ms while everything is cold).
      let warm = false;
      for (const until = Date.now() + 15_000; !warm && Date.now() < until; await sleep(200)) warm = isFull(await post(url, README_QUESTION), README_QUESTION);
      expect(warm).toBe(true);
      proxy.delayMs = 5_000;
      // The README question alone: training's timeout plus the usual time, not training's 5 s.
      const started = Date.now();
      const question = await post(url, README_QUESTION);
      const questionMs = Date.now() - started;
      // Every operation at once (a 2-core machine: they queue for the CPU).
      const startedAll = Date.now();
      const answers = await Promise.all(OPERATIONS.map((op) => post(url, op)));
      const allMs = Date.now() - startedAll;
      console.log(`training 5 s slow, its timeout 800 ms: the README question in ${questionMs} ms, ${OPERATIONS.length} operations at once in ${allMs} ms\n${JSON.stringify(question, null, 2)}`);
      expect(questionMs).toBeLessThan(2_000);
      expect(allMs).toBeLessThan(4_500);
      expect(problemsOf(README_QUESTION, question, 'training', ['SUBGRAPH_TIMEOUT'])).toEqual([]);
      const problems = OPERATIONS.flatMap((op, i) => problemsOf(op, answers[i]!, 'training', ['SUBGRAPH_TIMEOUT']));
      expect(problems).toEqual([]);
      type Question = { organizations: { edges: { node: { trainingOffers: unknown; datasets: unknown[] } }[] } };
      const node = (answers[0]!.data as Question).organizations.edges[0]!.node;
      expect(node.trainingOffers).toBeNull();
      expect(node.datasets.length).toBeGreaterThan(0);
      expect(answers[0]!.errors).toEqual([
        expect.objectContaining({ path: ['organizations', 'edges', 0, 'node', 'trainingOffers'], extensions: expect.objectContaining({ code: 'SUBGRAPH_TIMEOUT' }) }),
      ]);
    } finally {
      proxy.delayMs = 0;
      await proxy.close();
    }
  }, 90_000);

  it('a subgraph behind a proxy that answers 502: the same loss as a refused connection, counted as a failed fetch', async () => {
    // The test's proxy answers 502 when its upstream refuses the connection: nothing listens there.
    const proxy = await startSlowProxy(`http://127.0.0.1:${await freePort()}`);
    try {
      const dataDir = join(root, 'gateway-502');
      mkdirSync(dataDir, { recursive: true });
      writeFileSync(join(dataDir, 'supergraph.graphql'), supergraph);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}/graphql`;
      const gateway = startNode('gateway/dist/main.js', gatewayEnv(dataDir, port, `${prefix}_502`, { events: `${proxy.url}/graphql` }));
      gateways.push(gateway);
      await waitForOk(`http://127.0.0.1:${port}/ready`, 60_000, 'gateway', gateway);
      const answers: GraphQLResponse<unknown>[] = [];
      for (const op of OPERATIONS) answers.push(await post(url, op));
      const problems = OPERATIONS.flatMap((op, i) => problemsOf(op, answers[i]!, 'events'));
      expect(problems).toEqual([]);
      const errors = answers.flatMap((a) => a.errors ?? []);
      expect(errors.length).toBeGreaterThan(0);
      // Each error at a lost field's path, none internal or path-less.
      expect(errors.filter((e) => e.extensions?.code !== 'SUBGRAPH_UNAVAILABLE' || !e.path)).toEqual([]);
      expect(new Set(errors.map((e) => e.extensions?.reason))).toContain('bad_response');
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      expect(metrics).toMatch(/subgraph_fetch_errors_total\{subgraph="events",reason="bad_response"\} [1-9]/);
      expect(metrics).toMatch(/subgraph_circuit_state\{subgraph="events"\} 2/);
      // An operation that kept another subgraph's root field is partial; one that lost its only root field failed.
      expect(metrics).toMatch(/graphql_requests_total\{operation="OverviewDeferred",outcome="partial"\} 1\n/);
      expect(metrics).toMatch(/graphql_requests_total\{operation="HackathonsAndWebinars",outcome="error"\} 1\n/);
    } finally {
      await proxy.close();
    }
  }, 90_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { freePort, waitForOk } from '../helpers/processes';
import { allDocumentedCommands, type DocumentedCommand, ROOT } from './documented-commands';

/*
 * The documentation works as written. `npm start` runs on a fresh embedded database (free ports,
 * a temporary DATA_DIR: the launcher a newcomer runs, build included), then every shell command of
 * README.md, docs/*.md and partners/template/README.md is run against it in a shell, as a person
 * would type it (only the ports, the temporary folder and the values the text shows as placeholders
 * are filled in), and its output is checked for what the text says of it. The commands this machine
 * cannot run are listed with the reason. A command in the docs that is not classified here, or a
 * classification whose command left the docs, fails the first test.
 */

interface Shell {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
}

interface Context {
  port: number;
  partnerPort: number;
  partnerDir: string;
  scratch: string;
  adminToken: string;
  partnerKey: string;
  credentialId: string;
  rollbackTo: number;
  /** Runs a documented command in bash with the substitutions; every run is checked by the caller. */
  sh(command: DocumentedCommand, substitutions?: [string, string][], options?: { env?: Record<string, string>; cwd?: string }): Promise<Shell>;
}

type Classification =
  | { command: string; check: string; run(ctx: Context, command: DocumentedCommand): Promise<void> }
  | { command: string; notRunnable: string };

const started = Date.now();
let launcher: ChildProcess | undefined;
let launcherOutput = '';
let partner: ChildProcess | undefined;
let partnerOutput = '';
const ctx = {} as Context;

// The environment a person's shell would have: nothing of the test runner's database settings.
function shellEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, npm_config_update_notifier: 'false', ...extra };
  for (const name of ['DATABASE_URL', 'DB_PREFIX', 'DATA_DIR', 'GATEWAY_URL', 'GATEWAY_TOKEN', 'NODE_ENV', 'JWT_SECRET']) {
    if (!(name in extra)) delete env[name];
  }
  return env;
}

function run(text: string, env: NodeJS.ProcessEnv, cwd: string): Promise<Shell> {
  const begin = Date.now();
  return new Promise((resolve) => {
    const child = spawn('bash', ['-c', text], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, seconds: (Date.now() - begin) / 1000 });
    });
  });
}

async function graphql<T>(query: string, token?: string): Promise<{ status: number; data?: T; errors?: { message: string }[] }> {
  const response = await fetch(`http://localhost:${ctx.port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, ...((await response.json()) as object) };
}

function jwtPayload(token: string): Record<string, unknown> {
  const [, payload] = token.split('.');
  return JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

function lastLine(text: string): string {
  return text.trim().split('\n').at(-1)?.trim() ?? '';
}

/** `shown` in the same order as in `real` (a person shortened a list by leaving items out). */
function isSubsequence(shown: unknown[], real: unknown[]): boolean {
  let at = 0;
  for (const item of shown) {
    while (at < real.length && !isDeepStrictEqual(real[at], item)) at += 1;
    if (at === real.length) return false;
    at += 1;
  }
  return true;
}

function expectOk(result: Shell, what: string): void {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}\nstdout: ${result.stdout.slice(-2000)}\nstderr: ${result.stderr.slice(-2000)}`);
}

/** The README's sample answer: the JSON block right after the flagship curl, and the sentence on what it shortened. */
function readmeSampleAnswer(): { json: unknown; shown: { datasets: number; events: number }; real: { datasets: number; events: number } } {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const after = readme.slice(readme.indexOf('## One question, four subgraphs'));
  const json = /```json\n([\s\S]*?)\n```/.exec(after)?.[1];
  const shortened = /shortened to (\d+) of the (\d+) datasets and (\d+) of the\s+(\d+) organised events/.exec(after);
  if (!json || !shortened) throw new Error('README: the sample answer or the sentence on how it was shortened is missing');
  return {
    json: JSON.parse(json),
    shown: { datasets: Number(shortened[1]), events: Number(shortened[3]) },
    real: { datasets: Number(shortened[2]), events: Number(shortened[4]) },
  };
}

const ADMIN_ENV = (): Record<string, string> => ({ GATEWAY_TOKEN: ctx.adminToken });

/** In the order they are run. */
const CLASSIFIED: Classification[] = [
  // README: quick start, sample answer, identity, CLIs, tests.
  {
    command: 'npm install && npm start',
    check:
      'npm start is what this file starts first (fresh DATA_DIR, free ports): per-subgraph seeding progress, the "ready" line with the playground URL, the playground page; npm install precedes every test run',
    async run() {
      for (const name of ['members', 'datasets', 'training', 'events']) {
        expect(launcherOutput).toMatch(new RegExp(`\\[start\\] ${name}: seeded ([\\d,]+) / \\1 rows`));
      }
      expect(launcherOutput).toMatch(new RegExp(`\\[start\\] The graph is ready after \\d+ s: http://localhost:${ctx.port}/graphql`));
      const page = await fetch(`http://localhost:${ctx.port}/graphql`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
    },
  },
  { command: 'npm test', notRunnable: 'the test suite itself: this test runs inside it' },
  { command: 'DATABASE_URL=mysql://root@127.0.0.1:3306 npm test', notRunnable: 'the test suite itself, on MySQL/MariaDB: what CI (.ci/run) runs' },
  {
    command:
      'curl -s http://localhost:4000/graphql -H \'content-type: application/json\' -d @- <<\'JSON\' {"query": "{ organizations(first: 2, filter: { text: \\"health data hub\\" }) { totalCount edges { node { name kind sectors datasets { title { fr } presentedAt { title start } } trainingOffers { title } organizedEvents { title } } } } }"} JSON',
    check: "the real answer equals the README's sample answer, whose lists are the real lists' first items (the sentence below it says how many of how many)",
    async run(c, command) {
      const result = await c.sh(command);
      expectOk(result, command.key);
      type Org = { datasets: unknown[]; organizedEvents: unknown[] } & Record<string, unknown>;
      type Answer = { data: { organizations: { totalCount: number; edges: { node: Org }[] } } };
      const real = JSON.parse(result.stdout) as Answer;
      const sample = readmeSampleAnswer();
      const node = real.data.organizations.edges[0]?.node as Org;
      expect(node.datasets).toHaveLength(sample.real.datasets);
      expect(node.organizedEvents).toHaveLength(sample.real.events);
      // The sample leaves items of the two lists out and changes nothing else.
      const shown = sample.json as Answer;
      const shownNode = shown.data.organizations.edges[0]?.node as Org;
      expect(shownNode.datasets).toHaveLength(sample.shown.datasets);
      expect(shownNode.organizedEvents).toHaveLength(sample.shown.events);
      expect(isSubsequence(shownNode.datasets, node.datasets)).toBe(true);
      expect(isSubsequence(shownNode.organizedEvents, node.organizedEvents)).toBe(true);
      const rest = (answer: Answer): unknown => {
        const copy = structuredClone(answer);
        for (const edge of copy.data.organizations.edges) {
          edge.node.datasets = [];
          edge.node.organizedEvents = [];
        }
        return copy;
      };
      expect(rest(shown)).toEqual(rest(real));
    },
  },
  {
    command: 'npm run token -- --role admin',
    check: 'prints one JWT with the admin role; the gateway accepts it (the admin API answers 200, 401 without it) and refuses it altered with 401',
    async run(c, command) {
      const result = await c.sh(command);
      expectOk(result, command.key);
      // npm prints its `> script` banner first (without -s): the token is the last line.
      const token = lastLine(result.stdout);
      expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
      expect(jwtPayload(token)).toMatchObject({ roles: ['admin'] });
      const admin = (auth?: string): Promise<Response> =>
        fetch(`http://localhost:${c.port}/admin/subgraphs`, { headers: auth ? { authorization: `Bearer ${auth}` } : {} });
      expect((await admin(token)).status).toBe(200);
      expect((await admin()).status).toBe(401);
      const altered = `${token.slice(0, -4)}${token.endsWith('AAAA') ? 'BBBB' : 'AAAA'}`;
      expect((await graphql('{ __typename }', altered)).status).toBe(401);
      // Without JWT_SECRET: one warning line on stderr, nothing but the token on stdout (with -s).
      const warning = "signed with the development secret: a gateway with another JWT_SECRET answers 401; set JWT_SECRET to the gateway's";
      expect(result.stderr.trim().split('\n')).toContain(warning);
      const silent = await c.sh(command, [['npm run token', 'npm run -s token']]);
      expectOk(silent, command.key);
      expect(silent.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      expect(silent.stderr.trim()).toBe(warning);
      // With another JWT_SECRET: no warning, and this gateway (development secret) answers 401, as the warning says.
      const other = await c.sh(command, [], { env: { JWT_SECRET: 'another-secret-of-at-least-32-characters' } });
      expectOk(other, command.key);
      expect(other.stderr).not.toContain('development secret');
      expect((await graphql('{ __typename }', lastLine(other.stdout))).status).toBe(401);
      c.adminToken = token;
    },
  },
  {
    command: 'npm run token -- --role data_steward --org <organisation id> --sub <person id>',
    check: "run with the Health Data Hub's id and a person's id from the graph: the token carries them, and the gateway answers a query with it",
    async run(c, command) {
      const ids = await graphql<{ organizations: { edges: { node: { id: string } }[] }; people: { edges: { node: { id: string } }[] } }>(
        '{ organizations(first: 1, filter: { text: "health data hub" }) { edges { node { id } } } people(first: 1) { edges { node { id } } } }',
      );
      const org = ids.data?.organizations.edges[0]?.node.id as string;
      const person = ids.data?.people.edges[0]?.node.id as string;
      const result = await c.sh(command, [
        ['<organisation id>', org],
        ['<person id>', person],
      ]);
      expectOk(result, command.key);
      const token = lastLine(result.stdout);
      expect(jwtPayload(token)).toMatchObject({ roles: ['data_steward'], org, sub: person });
      const answer = await graphql<{ organizations: { totalCount: number } }>('{ organizations(first: 1) { totalCount } }', token);
      expect(answer.status).toBe(200);
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.organizations.totalCount).toBeGreaterThan(0);
    },
  },
  {
    command: 'GATEWAY_TOKEN=$(npm run -s token -- --role admin) npm run subgraph -- list',
    check: "finds npm start's gateway by PORT alone and says so (gateway: http://localhost:PORT); lists the four core subgraphs",
    async run(c, command) {
      const result = await c.sh(command);
      expectOk(result, command.key);
      expect(result.stderr).toContain(`gateway: http://localhost:${c.port}`);
      for (const name of ['members', 'datasets', 'training', 'events']) expect(result.stdout).toMatch(new RegExp(`^${name}\\s+core`, 'm'));
    },
  },
  {
    command: 'GATEWAY_TOKEN=$(npm run -s token -- --role admin) npm run supergraph -- history',
    check: "finds npm start's gateway by PORT; lists the serving supergraph (*)",
    async run(c, command) {
      const result = await c.sh(command);
      expectOk(result, command.key);
      expect(result.stderr).toContain(`gateway: http://localhost:${c.port}`);
      expect(result.stdout).toMatch(/^\* v\d+/m);
    },
  },

  // docs/partners.md and partners/template/README.md: a partner subgraph from build to removal.
  {
    command: 'npx tsc -b partners/template',
    check: 'exits 0 (builds the template; nothing to do after npm test built it)',
    async run(c, command) {
      expectOk(await c.sh(command), command.key);
    },
  },
  {
    command: 'PARTNER_SUBGRAPH_NAME=campus-north PORT=4100 DATA_DIR=/tmp/campus-north node partners/template/dist/main.js',
    check: 'started in the background (free port, temporary DATA_DIR): it serves the campus-north SDL with campusProfile',
    async run(c, command) {
      const text = command.text.replace('PORT=4100', `PORT=${c.partnerPort}`).replace('DATA_DIR=/tmp/campus-north', `DATA_DIR=${c.partnerDir}`);
      partner = spawn('bash', ['-c', text], { cwd: ROOT, detached: true, env: shellEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
      partner.stdout?.on('data', (chunk: Buffer) => (partnerOutput += chunk.toString()));
      partner.stderr?.on('data', (chunk: Buffer) => (partnerOutput += chunk.toString()));
      const url = `http://localhost:${c.partnerPort}/graphql`;
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (partner.exitCode !== null) throw new Error(`the partner subgraph exited:\n${partnerOutput.slice(-3000)}`);
        try {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ _service { sdl } }"}' });
          const body = (await response.json()) as { data?: { _service: { sdl: string } } };
          expect(body.data?._service.sdl).toContain('campusProfile');
          break;
        } catch (error) {
          if (Date.now() > deadline) throw new Error(`the partner subgraph did not answer: ${String(error)}\n${partnerOutput.slice(-3000)}`);
          await new Promise((resolve) => setTimeout(resolve, 300));
        }
      }
    },
  },
  { command: 'npx jest -c partners/template/jest.config.js', notRunnable: "a test run: the template's tests (partners/template/test) are part of this suite" },
  {
    command: 'DATABASE_URL=mysql://root@127.0.0.1:3306 npx jest -c partners/template/jest.config.js',
    notRunnable: "a test run on MySQL: the template's tests are part of this suite, which CI runs on MariaDB",
  },
  {
    command: 'GATEWAY_TOKEN=$(npm run -s token -- --role admin) npm run subgraph -- grant --label "Campus Nord" --subgraphs campus-north',
    check: 'prints a partner API key (egk_...) and its credential id',
    async run(c, command) {
      const result = await c.sh(command);
      expectOk(result, command.key);
      const key = /^(egk_\S+)$/m.exec(result.stdout)?.[1];
      const id = /credential id: (\S+)/.exec(result.stdout)?.[1];
      expect(key).toBeDefined();
      expect(id).toBeDefined();
      c.partnerKey = key as string;
      c.credentialId = id as string;
    },
  },
  {
    command: 'npm run subgraph -- check --name campus-north --url http://campus-north.internal:4100/graphql',
    check: "with the partner's key and the running template's URL: CHECK PASSED, exit 0",
    async run(c, command) {
      const result = await c.sh(command, [], { env: { GATEWAY_TOKEN: c.partnerKey } });
      expectOk(result, command.key);
      expect(result.stdout).toContain('CHECK PASSED: check campus-north');
    },
  },
  {
    command: 'GATEWAY_TOKEN=egk_... npm run subgraph -- check --name campus-north --url http://localhost:4100/graphql',
    check: 'with the granted key and the running template: CHECK PASSED, exit 0',
    async run(c, command) {
      const result = await c.sh(command, [['egk_...', c.partnerKey]]);
      expectOk(result, command.key);
      expect(result.stdout).toContain('CHECK PASSED: check campus-north');
    },
  },
  {
    command: 'GATEWAY_TOKEN=egk_... npm run subgraph -- publish --name campus-north --url http://localhost:4100/graphql',
    check: 'ACCEPTED and serving: the graph then has Organization.campusProfile',
    async run(c, command) {
      const result = await c.sh(command, [['egk_...', c.partnerKey]]);
      expectOk(result, command.key);
      expect(result.stdout).toMatch(/ACCEPTED: publish campus-north -> version \d+, supergraph version \d+ now serving/);
      const fields = await graphql<{ __type: { fields: { name: string }[] } }>('{ __type(name: "Organization") { fields { name } } }');
      expect(fields.data?.__type.fields.map((f) => f.name)).toContain('campusProfile');
    },
  },
  {
    command: 'npm run subgraph -- publish --name campus-north --url http://campus-north.internal:4100/graphql [--schema schema.graphql]',
    check: "without the optional [--schema ...], with the partner's key: ACCEPTED (the same SDL again)",
    async run(c, command) {
      const result = await c.sh(command, [[' [--schema schema.graphql]', '']], { env: { GATEWAY_TOKEN: c.partnerKey } });
      expectOk(result, command.key);
      expect(result.stdout).toContain('ACCEPTED: publish campus-north');
    },
  },
  {
    command: 'npm run subgraph -- list',
    check: 'with an admin token: campus-north is listed as a partner subgraph',
    async run(c, command) {
      const result = await c.sh(command, [], { env: ADMIN_ENV() });
      expectOk(result, command.key);
      expect(result.stdout).toMatch(/^campus-north\s+partner/m);
    },
  },
  {
    command: 'npm run subgraph -- versions --name campus-north',
    check: 'with an admin token: at least one version with its routing URL',
    async run(c, command) {
      const result = await c.sh(command, [], { env: ADMIN_ENV() });
      expectOk(result, command.key);
      expect(result.stdout).toContain(`http://localhost:${c.partnerPort}/graphql`);
    },
  },
  {
    command: 'npm run subgraph -- log --name campus-north',
    check: 'with an admin token: the publications of campus-north, accepted',
    async run(c, command) {
      const result = await c.sh(command, [], { env: ADMIN_ENV() });
      expectOk(result, command.key);
      expect(result.stdout).toMatch(/publish\s+campus-north\s+ACCEPTED/);
    },
  },
  {
    command: 'npm run supergraph -- history',
    check: 'with an admin token: the serving version (*) includes campus-north; remembers the one before for the rollback',
    async run(c, command) {
      const result = await c.sh(command, [], { env: ADMIN_ENV() });
      expectOk(result, command.key);
      const serving = /^\* v(\d+).*\[(.*)\]$/m.exec(result.stdout);
      expect(serving?.[2]).toContain('campus-north');
      c.rollbackTo = Number(serving?.[1]);
    },
  },
  {
    command: 'npm run supergraph -- sdl --version 7',
    check: 'with an admin token, for the serving version: the supergraph SDL (join__Graph, CAMPUS_NORTH)',
    async run(c, command) {
      const result = await c.sh(command, [['--version 7', `--version ${c.rollbackTo}`]], { env: ADMIN_ENV() });
      expectOk(result, command.key);
      expect(result.stdout).toContain('join__Graph');
      expect(result.stdout).toContain('CAMPUS_NORTH');
    },
  },
  {
    command: 'npm run subgraph -- remove --name campus-north',
    check: 'with the partner key: ACCEPTED; the graph no longer has Organization.campusProfile',
    async run(c, command) {
      const result = await c.sh(command, [], { env: { GATEWAY_TOKEN: c.partnerKey } });
      expectOk(result, command.key);
      expect(result.stdout).toContain('ACCEPTED: remove campus-north');
      const fields = await graphql<{ __type: { fields: { name: string }[] } }>('{ __type(name: "Organization") { fields { name } } }');
      expect(fields.data?.__type.fields.map((f) => f.name)).not.toContain('campusProfile');
    },
  },
  {
    command: 'npm run supergraph -- rollback --version 7',
    check: 'with an admin token, back to the version that had campus-north: "rolled back", and campusProfile is served again',
    async run(c, command) {
      const result = await c.sh(command, [['--version 7', `--version ${c.rollbackTo}`]], { env: ADMIN_ENV() });
      expectOk(result, command.key);
      expect(result.stdout).toContain(`rolled back: the supergraph of version ${c.rollbackTo} is serving again`);
      const fields = await graphql<{ __type: { fields: { name: string }[] } }>('{ __type(name: "Organization") { fields { name } } }');
      expect(fields.data?.__type.fields.map((f) => f.name)).toContain('campusProfile');
    },
  },
  {
    command: 'npm run subgraph -- revoke --id <credential id>',
    check: 'with an admin token and the granted id: "revoked"; the key is then refused',
    async run(c, command) {
      const result = await c.sh(command, [['<credential id>', c.credentialId]], { env: ADMIN_ENV() });
      expectOk(result, command.key);
      expect(result.stdout).toContain('revoked');
      const refused = await fetch(`http://localhost:${c.port}/admin/subgraphs`, { headers: { authorization: `Bearer ${c.partnerKey}` } });
      expect(refused.status).toBe(401);
    },
  },

  // docs/querying.md
  {
    command:
      "curl -G 'http://localhost:4000/export.csv' \\ --data-urlencode 'query=query Startups($after: String) { organizations(first: 200, after: $after, filter: {kinds: [STARTUP]}) { totalCount pageInfo { hasNextPage endCursor } edges { node { name sectors website memberships { ecosystem { code } } } } } }' \\ --data-urlencode 'all=true' -o startups.csv",
    check: 'startups.csv has a header and one row per start-up of the graph (its totalCount)',
    async run(c, command) {
      const result = await c.sh(command, [], { cwd: c.scratch });
      expectOk(result, command.key);
      const csv = readFileSync(join(c.scratch, 'startups.csv'), 'utf8').trim().split('\n');
      const total = await graphql<{ organizations: { totalCount: number } }>('{ organizations(first: 1, filter: { kinds: [STARTUP] }) { totalCount } }');
      expect(csv[0]).toMatch(/name/);
      expect(csv.length - 1).toBe(total.data?.organizations.totalCount);
    },
  },
  {
    command:
      'curl \'http://localhost:4000/export.csv\' -H \'content-type: application/json\' \\ -H "Authorization: Bearer $TOKEN" \\ -d \'{"query": "...", "variables": {"first": 200}, "all": true}\' -o export.csv',
    check: 'with "..." a query that uses $first and TOKEN a member token: export.csv has every organisation',
    async run(c, command) {
      const query = 'query Orgs($first: Int, $after: String) { organizations(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }';
      const token = (await c.sh({ file: '', line: 0, text: 'npm run -s token', key: '' })).stdout.trim();
      const result = await c.sh(command, [['"query": "..."', `"query": ${JSON.stringify(query)}`]], { cwd: c.scratch, env: { TOKEN: token } });
      expectOk(result, command.key);
      const csv = readFileSync(join(c.scratch, 'export.csv'), 'utf8').trim().split('\n');
      const total = await graphql<{ organizations: { totalCount: number } }>('{ organizations(first: 1) { totalCount } }');
      expect(csv.length - 1).toBe(total.data?.organizations.totalCount);
    },
  },
  {
    command: 'npx graphql-codegen --config examples/member-directory/codegen.yml',
    notRunnable: 'rewrites committed files: test/schema/examples.test.ts runs the same into a temporary folder and compares',
  },
  {
    command: 'npx tsc -p examples/member-directory',
    notRunnable: 'rewrites committed files: test/schema/examples.test.ts compiles the same into a temporary folder and compares',
  },

  // README.md: another router, the same supergraph
  {
    command: 'SUPERGRAPH_FILE=supergraph.graphql node gateway/dist/main.js',
    notRunnable: 'a long-running gateway on a file the reader composed: test/e2e/static-supergraph.test.ts starts a gateway process with SUPERGRAPH_FILE',
  },
  {
    command: 'npx hive-gateway supergraph supergraph.graphql --port 4000',
    notRunnable: 'a long-running router on port 4000: test/e2e/static-supergraph.test.ts runs Hive Gateway on a supergraph file and compares its answers with the gateway',
  },
  {
    command:
      'docker run -p 4000:4000 -v "$PWD/supergraph.graphql:/dist/schema/supergraph.graphql" ghcr.io/apollographql/router --supergraph /dist/schema/supergraph.graphql',
    notRunnable: 'Docker and an image download: not on this machine',
  },

  // docs/partners.md: the registry as its own process
  {
    command: 'npm run registry',
    notRunnable: 'a long-running process: test/e2e/registry-process.test.ts starts it (gateway/dist/registry-main.js) with a gateway following it',
  },

  // docs/performance.md
  {
    command: 'bench/snapshot.sh /tmp/bench-app HEAD',
    notRunnable: 'prepares a copy of a commit for a benchmark run; useful only with the benchmark (below)',
  },
  {
    command:
      'BENCH_APP_ROOT=/tmp/bench-app BENCH_SCALES=10,1 BENCH_DURATION=10 BENCH_WARMUP=3 BENCH_STEPS=1 \\ BENCH_ROUNDS=2 BENCH_GATEWAY_NODE_OPTIONS=--max-old-space-size=160 npm run bench',
    notRunnable: 'the measured benchmark: about 32 minutes on MySQL with the machine to itself',
  },
  {
    command: 'npm run bench -- --help',
    check: 'prints the settings (BENCH_SCALES, the soak\'s) and exits 0 without starting a run',
    async run(c, command) {
      const result = await c.sh(command);
      expectOk(result, command.key);
      expect(result.stdout).toContain('BENCH_SCALES');
      expect(result.stdout).toContain('BENCH_SOAK_WORKLOAD');
      expect(result.stdout).not.toContain('[bench ');
    },
  },
  {
    command: 'BENCH_SCALES=1 BENCH_DURATION=3 BENCH_WARMUP=1 BENCH_SOAK=0 BENCH_NAME=dev npm run bench',
    notRunnable: 'a benchmark on MySQL (minutes of load on a machine the suite shares); test/bench/harness.test.ts smoke-tests the harness',
  },
  {
    command: 'bench/snapshot.sh /tmp/bench-app HEAD && BENCH_APP_ROOT=/tmp/bench-app npm run bench',
    notRunnable: 'the benchmark of a committed revision: as long as the measured run',
  },
  {
    command: 'bench/snapshot.sh /tmp/ab-old main && bench/snapshot.sh /tmp/ab-new HEAD && npx tsc -b bench',
    notRunnable: 'prepares two builds for the subgraph A/B (below); useful only with it',
  },
  {
    command: 'AB_OLD=/tmp/ab-old AB_NEW=/tmp/ab-new AB_WORKLOADS=W3,W2 AB_ROUNDS=8 AB_SECONDS=8 node bench/dist/src/subgraph-ab.js',
    notRunnable: 'the subgraph A/B: two builds\' four subgraphs on MySQL under load for about five minutes',
  },
  {
    command: 'AB_OLD=/tmp/ab-old AB_NEW=/tmp/ab-new AB_WORKLOADS=W1,W2,W3 AB_SQL=1 AB_ROUNDS=1 AB_SECONDS=3 node bench/dist/src/subgraph-ab.js',
    notRunnable: 'the subgraph A/B\'s statement counts: two builds\' four subgraphs seeded on MySQL (a minute or two)',
  },
];

const documented = allDocumentedCommands();
const byKey = new Map(CLASSIFIED.map((entry) => [entry.command, entry]));

describe('the documented commands', () => {
  it('are each run below or listed as not runnable here, with the reason', () => {
    const unclassified = documented.filter((c) => !byKey.has(c.key)).map((c) => `${c.file}:${c.line}: ${c.key}`);
    const gone = CLASSIFIED.filter((entry) => !documented.some((c) => c.key === entry.command)).map((entry) => entry.command);
    expect({ unclassified, gone }).toEqual({ unclassified: [], gone: [] });
  });
});

describe('run against npm start on a fresh embedded database', () => {
  beforeAll(async () => {
    ctx.port = await freePort();
    ctx.partnerPort = await freePort();
    ctx.scratch = mkdtempSync(join(tmpdir(), 'doc-commands-'));
    ctx.partnerDir = join(ctx.scratch, 'campus-north');
    const ports = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    ctx.sh = (command, substitutions = [], options = {}) => {
      // The docs' ports are npm start's defaults and the template's; here both are free ports.
      let text = command.text
        .replaceAll('localhost:4000', `localhost:${ctx.port}`)
        .replace(/(campus-north\.internal|localhost):4100/g, `localhost:${ctx.partnerPort}`);
      for (const [from, to] of substitutions) text = text.replaceAll(from, to);
      return run(text, shellEnv({ PORT: String(ctx.port), ...options.env }), options.cwd ?? ROOT);
    };
    // `npm start` as typed, its own process group so that Ctrl-C (SIGINT) reaches it as from a terminal.
    launcher = spawn('npm', ['start'], {
      cwd: ROOT,
      detached: true,
      env: shellEnv({
        PORT: String(ctx.port),
        MEMBERS_PORT: String(ports[0]),
        DATASETS_PORT: String(ports[1]),
        TRAINING_PORT: String(ports[2]),
        EVENTS_PORT: String(ports[3]),
        DATA_DIR: join(ctx.scratch, 'data'),
        LOG_LEVEL: 'info',
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    launcher.stdout?.on('data', (chunk: Buffer) => (launcherOutput += chunk.toString()));
    launcher.stderr?.on('data', (chunk: Buffer) => (launcherOutput += chunk.toString()));
    const deadline = Date.now() + 240_000;
    while (!/\[start\] The graph is ready after/.test(launcherOutput)) {
      if (launcher.exitCode !== null) throw new Error(`npm start exited ${launcher.exitCode}:\n${launcherOutput.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`npm start: not ready after 240 s:\n${launcherOutput.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await waitForOk(`http://localhost:${ctx.port}/ready`, 10_000);
    process.stderr.write(`npm start on a fresh embedded database: ready after ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }, 300_000);

  /** Stops a process group as Ctrl-C or kill would, then for good after 15 s. */
  async function stopGroup(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<boolean>((resolve) => child.once('exit', () => resolve(true)));
    process.kill(-child.pid, signal);
    let timer: NodeJS.Timeout | undefined;
    const stopped = await Promise.race([exited, new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), 15_000)))]);
    clearTimeout(timer);
    if (!stopped) process.kill(-child.pid, 'SIGKILL');
  }

  afterAll(async () => {
    await stopGroup(partner, 'SIGTERM');
    await stopGroup(launcher, 'SIGINT');
    rmSync(ctx.scratch, { recursive: true, force: true });
  }, 40_000);

  for (const entry of CLASSIFIED) {
    if (!('run' in entry)) continue;
    it(`${entry.command.slice(0, 110)}: ${entry.check}`, async () => {
      const command = documented.find((c) => c.key === entry.command);
      if (!command) throw new Error(`no longer documented: ${entry.command}`);
      await entry.run(ctx, command);
    }, 180_000);
  }
});

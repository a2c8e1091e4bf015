import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startNode, waitForOk } from '../helpers/processes';

/*
 * A gateway process given a supergraph source it cannot serve (SUPERGRAPH_FILE missing, unreadable or
 * not a supergraph; REGISTRY_URL not an http(s) URL, or answering something that is not a supergraph) stops at
 * start with exit code 1 and one line on stderr that names the setting, what is wrong and what to do:
 * no stack trace. A registry that does not answer is not such an error: the gateway starts from the
 * supergraph it kept (else the shipped core one) and keeps polling (docs/partners.md). Build first:
 * `npx tsc -b gateway`.
 */
const root = mkdtempSync(join(tmpdir(), 'gateway-start-errors-'));
let notARegistry: Server;
let notARegistryUrl: string;

beforeAll(async () => {
  // Answers GET /supergraph with a schema that is not a Federation 2 supergraph.
  notARegistry = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('type Query { hello: String }');
  });
  await new Promise<void>((resolve) => notARegistry.listen(0, '127.0.0.1', () => resolve()));
  notARegistryUrl = `http://127.0.0.1:${(notARegistry.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => notARegistry.close(() => resolve()));
  rmSync(root, { recursive: true, force: true });
});

/** Runs a gateway process until it exits (killed after 40 s): its exit code and what it wrote on stderr. */
async function failedStart(settings: Record<string, string>): Promise<{ code: number | string | null; stderr: string }> {
  const proc = startNode('gateway/dist/main.js', {
    NODE_ENV: 'test',
    LOG_LEVEL: 'info',
    PORT: String(await freePort()),
    HOST: '127.0.0.1',
    DATA_DIR: join(root, 'data'),
    ...settings,
  });
  const timer = setTimeout(() => void proc.kill(), 40_000);
  const code = await proc.exited;
  clearTimeout(timer);
  return { code, stderr: proc.errorOutput() };
}

function expectOneLine(stderr: string, line: RegExp): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  expect(stderr).not.toMatch(/^\s+at /m);
}

describe('a gateway process with a supergraph source it cannot serve', () => {
  it('SUPERGRAPH_FILE missing: one line, exit 1', async () => {
    const file = join(root, 'missing.graphql');
    const { code, stderr } = await failedStart({ SUPERGRAPH_FILE: file });
    expect(code).toBe(1);
    expectOneLine(stderr, new RegExp(`^Invalid configuration: SUPERGRAPH_FILE: ${file} could not be read \\(ENOENT[^)]*\\): set SUPERGRAPH_FILE to a readable Federation 2 supergraph SDL file`));
  });

  it('SUPERGRAPH_FILE unreadable (a directory): one line, exit 1', async () => {
    const directory = join(root, 'a-directory');
    mkdirSync(directory, { recursive: true });
    const { code, stderr } = await failedStart({ SUPERGRAPH_FILE: directory });
    expect(code).toBe(1);
    expectOneLine(stderr, /^Invalid configuration: SUPERGRAPH_FILE: .*a-directory could not be read \(EISDIR[^)]*\): set SUPERGRAPH_FILE to/);
  });

  it('SUPERGRAPH_FILE not a supergraph: one line, exit 1', async () => {
    const file = join(root, 'not-a-supergraph.graphql');
    writeFileSync(file, 'type Query { hello: String }');
    const { code, stderr } = await failedStart({ SUPERGRAPH_FILE: file });
    expect(code).toBe(1);
    expectOneLine(stderr, /^Invalid configuration: SUPERGRAPH_FILE: .*not-a-supergraph\.graphql is not a valid supergraph \(.+\): set SUPERGRAPH_FILE to/);
  });

  it('REGISTRY_URL not an http(s) URL: one line, exit 1', async () => {
    // A URL to the WHATWG parser (scheme `localhost:`), which fetch would refuse at every poll.
    const { code, stderr } = await failedStart({ REGISTRY_URL: 'localhost:4100' });
    expect(code).toBe(1);
    expectOneLine(stderr, /^Invalid configuration: REGISTRY_URL: must be the http\(s\) URL of a registry process, e\.g\. http:\/\/registry:4100$/);
  });

  it('REGISTRY_URL answering something that is not a supergraph: one line, exit 1', async () => {
    const { code, stderr } = await failedStart({ REGISTRY_URL: notARegistryUrl });
    expect(code).toBe(1);
    expectOneLine(stderr, new RegExp(`^Invalid configuration: REGISTRY_URL: ${notARegistryUrl}/supergraph is not a valid supergraph \\(.+\\): set REGISTRY_URL to the base URL of a registry process`));
  });

  it('REGISTRY_URL not answering is no start-up error: the gateway starts from the shipped supergraph', async () => {
    const port = await freePort();
    const proc = startNode('gateway/dist/main.js', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: join(root, 'unanswered'),
      REGISTRY_URL: `http://127.0.0.1:${await freePort()}`,
      STARTUP_COMPOSE_TIMEOUT_MS: '500',
    });
    try {
      await waitForOk(`http://127.0.0.1:${port}/ready`, 60_000, 'gateway (REGISTRY_URL not answering)', proc);
      // The process gathers its log lines up to 100 ms before writing them: /ready may answer first.
      for (let waited = 0; waited < 2000 && !proc.output().includes('supergraph source unreachable'); waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(proc.output()).toContain('supergraph source unreachable at start: serving the last kept supergraph');
      expect(proc.errorOutput()).toBe('');
    } finally {
      await proc.kill('SIGTERM');
    }
  });
});

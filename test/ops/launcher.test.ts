import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../helpers/processes';

/*
 * `npm start` (scripts/start.mjs) when a port is taken, for example by a graph already running: it
 * must say which port and which setting moves it, and start nothing, so that it never opens (and
 * rewrites) the database files of the graph that is running.
 */
const ROOT = join(__dirname, '..', '..');

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts/start.mjs')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe('npm start with a port already taken', () => {
  let blocker: Server;
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'launcher-'));
  });
  afterAll(() => {
    blocker?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the port and its setting, starts nothing and opens no database', async () => {
    const [gateway, members, datasets, training, events] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(training, resolve));
    const { code, output } = await run({
      DATA_DIR: dataDir,
      PORT: String(gateway),
      MEMBERS_PORT: String(members),
      DATASETS_PORT: String(datasets),
      TRAINING_PORT: String(training),
      EVENTS_PORT: String(events),
    });
    expect(code).toBe(1);
    expect(output).toContain(`port ${training} (training) is already in use`);
    expect(output).toContain('TRAINING_PORT=<port>');
    expect(output).toContain('nothing started');
    expect(readdirSync(dataDir)).toEqual([]);
  }, 120_000);
});

describe('npm start whose npm goes away', () => {
  it('stops itself and every process it started (npm does not pass every signal on)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'launcher-'));
    const [gateway, members, datasets, training, events] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
    // A parent that starts the launcher, reports its pid, then dies without passing any signal on.
    const parent = spawn(
      process.execPath,
      ['-e', `const c = require('node:child_process').spawn(process.execPath, [${JSON.stringify(join(ROOT, 'scripts/start.mjs'))}], { stdio: 'ignore' }); console.log(c.pid); setTimeout(() => process.exit(0), 3000);`],
      {
        // As npm runs it (`npm start`): npm is the parent that goes away.
        env: { ...process.env, npm_lifecycle_event: 'start', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PORT: String(gateway), MEMBERS_PORT: String(members), DATASETS_PORT: String(datasets), TRAINING_PORT: String(training), EVENTS_PORT: String(events) },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const launcherPid = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    const alive = (pid: number): boolean => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    expect(alive(launcherPid)).toBe(true);
    const deadline = Date.now() + 30_000;
    while (alive(launcherPid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    expect(alive(launcherPid)).toBe(false);
    // Its servers are gone too: every port is free again.
    for (const port of [gateway, members, datasets, training, events]) {
      const probe = createServer();
      await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(port, () => probe.close(() => resolve())));
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { join } from 'node:path';

// A process that logs through createLogger; its stdout is read as the log collector would.
const ROOT = join(__dirname, '..', '..', '..', '..');
const SCRIPT = `
const { createLogger } = require(${JSON.stringify(join(ROOT, 'shared/dist/logging/logger.js'))});
const logger = createLogger('logger-test');
logger.info('first');
setTimeout(() => { for (let i = 0; i < 50; i++) logger.info('burst ' + i); }, 300);
setTimeout(() => { logger.info('last before exit'); process.exit(0); }, 1500);
`;

function run(): Promise<{ at: number; msg: string }[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', SCRIPT], { stdio: ['ignore', 'pipe', 'inherit'] });
    const started = Date.now();
    const lines: { at: number; msg: string }[] = [];
    let rest = '';
    child.stdout.on('data', (chunk: Buffer) => {
      const text = rest + chunk.toString();
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) lines.push({ at: Date.now() - started, msg: (JSON.parse(line) as { msg: string }).msg });
    });
    child.once('error', reject);
    child.once('exit', () => resolve(lines));
  });
}

describe('createLogger', () => {
  it('writes gathered lines soon after their event, every line once and in order, and what is pending at exit', async () => {
    const lines = await run();
    expect(lines.map((l) => l.msg)).toEqual(['first', ...Array.from({ length: 50 }, (_, i) => `burst ${i}`), 'last before exit']);
    // Gathered, not held: the first line and the whole burst reach the collector well before the exit at 1.5 s.
    const exitLine = lines.at(-1)!.at;
    expect(lines[0]!.at).toBeLessThan(exitLine - 500);
    expect(lines[50]!.at).toBeLessThan(exitLine - 500);
  }, 30_000);
});

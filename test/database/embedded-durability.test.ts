import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import initSqlJs from 'sql.js';

/*
 * The embedded database (sql.js) is a file rewritten after every change. A process killed while it
 * writes (Ctrl-C during a first start's seeding) must leave the last complete database, never a
 * truncated file that the next start would read as empty and seed again.
 */
const root = join(__dirname, '..', '..');

/** A process that opens an embedded database and writes to it without end, one row per change. */
const WRITER = `
require('reflect-metadata');
const { EntitySchema } = require('typeorm');
const { openDatabase } = require(${JSON.stringify(join(root, 'shared/dist/index.js'))});
const Row = new EntitySchema({ name: 'row', columns: { id: { type: Number, primary: true }, payload: { type: String } } });
(async () => {
  const db = await openDatabase({ config: { DB_PREFIX: 'x', DATA_DIR: process.argv[1], DB_POOL_SIZE: 1 }, name: 'durable', entities: [Row], migrations: [] });
  const repo = db.getRepository('row');
  const start = await repo.count();
  process.stdout.write('open\\n');
  for (let i = start; ; i += 1) await repo.insert({ id: i, payload: 'x'.repeat(2000) });
})();
`;

async function runAndKill(dir: string, afterMs: number): Promise<void> {
  const child = spawn(process.execPath, ['-e', WRITER, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (code) => reject(new Error(`writer exited (${code}) before opening`)));
  });
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('the embedded database file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'durable-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is always a complete database after its process is killed while writing', async () => {
    const SQL = await initSqlJs();
    const file = join(dir, 'durable.sqlite');
    let rows = 0;
    for (const afterMs of [150, 400, 250, 700, 50, 500]) {
      await runAndKill(dir, afterMs);
      expect(existsSync(file)).toBe(true);
      expect(statSync(file).size).toBeGreaterThan(0);
      const db = new SQL.Database(readFileSync(file));
      const [result] = db.exec('SELECT COUNT(*) FROM row');
      db.close();
      const count = Number(result?.values[0]?.[0]);
      // Rows only accumulate: a truncated or reset file would drop back to 0.
      expect(count).toBeGreaterThanOrEqual(rows);
      rows = count;
    }
    expect(rows).toBeGreaterThan(0);
  }, 120_000);
});

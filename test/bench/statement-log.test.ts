import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * The harness counts SQL statements per marked request from the subgraphs' log files, read only
 * when a count is asked for (the harness is also the load generator: it reads nothing meanwhile).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the harness is outside the test project (see interleave.test.ts)
type Module = any;
const load = (file: string): Promise<Module> => import(join(__dirname, '..', '..', 'bench', file));

describe('StatementLog following log files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'statement-log-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds up the marked requests of every file, reads what was appended since, and starts a follower at the end', async () => {
    const { StatementLog } = (await load('src/processes')) as Module;
    const members = join(dir, 'members.log');
    const events = join(dir, 'events.log');
    const line = (requestId: string, sqlStatements: number): string => `${JSON.stringify({ level: 'info', requestId, sqlStatements, name: 'é' })}\n`;
    const log = new StatementLog('sqlc-');
    log.follow(members); // both not written yet: the subgraphs start after
    log.follow(events);
    appendFileSync(members, line('sqlc-a', 2) + line('other', 9));
    expect(log.statements('sqlc-a')).toBe(2);
    // A line cut in the middle is completed by the next write.
    const cut = line('sqlc-b', 3);
    appendFileSync(members, line('sqlc-a', 1) + cut.slice(0, 20));
    appendFileSync(events, line('sqlc-a', 4));
    expect(log.statements('sqlc-a')).toBe(7);
    expect(log.statements('sqlc-b')).toBe(0);
    appendFileSync(members, cut.slice(20));
    expect(log.statements('sqlc-b')).toBe(3);
    // A restarted subgraph appends to the same file: a new follower ignores what is already there.
    const after = new StatementLog('sqlc-');
    after.follow(members);
    expect(after.statements('sqlc-a')).toBe(0);
    appendFileSync(members, line('sqlc-c', 5));
    expect(after.statements('sqlc-c')).toBe(5);
  });
});

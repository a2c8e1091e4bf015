import { join } from 'node:path';

/*
 * `npm run bench -- --help` once started a whole run on the default databases: the benchmark reads
 * its settings from the environment only, so an argument prints the settings or is refused, and
 * nothing starts.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bench/ is outside the test project, loaded at run time
const load = (): Promise<any> => import(join(__dirname, '..', '..', 'bench', 'src', 'run'));

/** What the benchmark writes to a stream during the test. */
function captured(stream: NodeJS.WriteStream): string[] {
  const written: string[] = [];
  jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => written.push(String(chunk)) > 0);
  return written;
}

afterEach(() => {
  process.exitCode = undefined;
  jest.restoreAllMocks();
});

it('prints the settings for --help and starts nothing', async () => {
  const { refusedArguments } = await load();
  const out = captured(process.stdout);
  expect(refusedArguments(['--help'])).toBe(true);
  expect(out.join('')).toContain('BENCH_SCALES');
  expect(out.join('')).toContain('BENCH_SOAK_WORKLOAD');
  expect(process.exitCode).toBeUndefined();
});

it('refuses any other argument with exit code 2', async () => {
  const { refusedArguments } = await load();
  const err = captured(process.stderr);
  expect(refusedArguments(['--rounds=2'])).toBe(true);
  expect(err.join('')).toContain('environment variables');
  expect(process.exitCode).toBe(2);
});

it('lets a run without arguments start', async () => {
  const { refusedArguments } = await load();
  expect(refusedArguments([])).toBe(false);
});

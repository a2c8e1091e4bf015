import { ConcurrencyFull, ConcurrencyGate } from '../concurrency-gate';
import { InFlight } from '../in-flight';

function deferred<T>(): { promise: Promise<T>; resolve(value: T): void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('InFlight', () => {
  it('runs identical work once while it is in flight, and again once it settled', async () => {
    const inFlight = new InFlight<number>();
    const gate = deferred<number>();
    let started = 0;
    let joined = 0;
    const work = (): Promise<number> => {
      started += 1;
      return gate.promise;
    };
    const a = inFlight.run('k', work, () => (joined += 1));
    const b = inFlight.run('k', work, () => (joined += 1));
    const other = inFlight.run('other', () => Promise.resolve(7));
    expect(a).toBe(b);
    gate.resolve(1);
    await expect(Promise.all([a, b, other])).resolves.toEqual([1, 1, 7]);
    expect([started, joined]).toEqual([1, 1]);
    await inFlight.run('k', work);
    expect(started).toBe(2);
  });

  it('frees the key of a failed run', async () => {
    const inFlight = new InFlight<number>();
    await expect(inFlight.run('k', () => Promise.reject(new Error('lost')))).rejects.toThrow('lost');
    await expect(inFlight.run('k', () => Promise.resolve(2))).resolves.toBe(2);
  });
});

describe('ConcurrencyGate', () => {
  it('runs at most `running` at once, queues `waiting` in order, refuses one more', async () => {
    const gate = new ConcurrencyGate({ running: 2, waiting: 1 });
    const order: string[] = [];
    const holds = [deferred<void>(), deferred<void>(), deferred<void>()];
    const task = (name: string, hold: Promise<void>) => () => {
      order.push(name);
      return hold.then(() => name);
    };
    const a = gate.run(task('a', holds[0]!.promise));
    const b = gate.run(task('b', holds[1]!.promise));
    const c = gate.run(task('c', holds[2]!.promise));
    await expect(gate.run(() => Promise.resolve('d'))).rejects.toBeInstanceOf(ConcurrencyFull);
    await Promise.resolve();
    expect(order).toEqual(['a', 'b']);
    holds[0]!.resolve();
    await a;
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['a', 'b', 'c']);
    holds[1]!.resolve();
    holds[2]!.resolve();
    await expect(Promise.all([b, c])).resolves.toEqual(['b', 'c']);
    await expect(gate.run(() => Promise.resolve('e'))).resolves.toBe('e');
  });
});

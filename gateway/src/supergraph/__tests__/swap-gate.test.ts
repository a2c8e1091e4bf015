import { EventEmitter } from 'node:events';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { SwapGate } from '../swap-gate';

/** A request through the gate's hook: resolves when it is let in; `finish()` ends it. */
function arrive(gate: SwapGate): { admitted: Promise<void>; finish: () => void } {
  const res = new EventEmitter();
  let admit: () => void = () => undefined;
  const admitted = new Promise<void>((resolve) => (admit = resolve));
  gate.hook()({} as FastifyRequest, { raw: res } as unknown as FastifyReply, () => admit());
  return { admitted, finish: () => res.emit('finish') };
}

describe('swap gate', () => {
  it('applies a swap only after the requests in flight finished, holding new ones meanwhile', async () => {
    const gate = new SwapGate(5000);
    const first = arrive(gate);
    await first.admitted;
    const events: string[] = [];
    const swap = gate.swap(() => events.push('swap'));
    const second = arrive(gate);
    void second.admitted.then(() => events.push('second admitted'));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(events).toEqual([]);
    events.push('first finished');
    first.finish();
    await swap;
    await second.admitted;
    expect(events).toEqual(['first finished', 'swap', 'second admitted']);
    expect(gate.requestsInFlight).toBe(1);
    second.finish();
    expect(gate.requestsInFlight).toBe(0);
  });

  it('does not wait longer than maxDrainMs for a slow request', async () => {
    const gate = new SwapGate(50);
    const slow = arrive(gate);
    await slow.admitted;
    const started = Date.now();
    let applied = false;
    await gate.swap(() => (applied = true));
    expect(applied).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    slow.finish();
  });

  it('swaps at once when nothing is in flight', async () => {
    const gate = new SwapGate();
    let applied = false;
    await gate.swap(() => (applied = true));
    expect(applied).toBe(true);
  });
});

import net from 'node:net';

/*
 * Tests talk to this machine only. Any socket opened to another host (a library phoning home, a
 * cloud metadata probe, a CDN) fails like a refused connection, and the test file that caused it
 * fails with the host named.
 */
interface Guarded {
  attempts: string[];
}
const state = net as unknown as { __networkGuard?: Guarded };

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|0\.0\.0\.0|::)$/i;

function hostOf(args: unknown[]): string | undefined {
  const [first, second] = args;
  if (Array.isArray(first)) return hostOf(first);
  if (first && typeof first === 'object') {
    const options = first as { host?: string; path?: string };
    if (options.path) return undefined; // a Unix socket
    return options.host ?? 'localhost';
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return typeof second === 'string' ? second : 'localhost';
  }
  return undefined; // a Unix socket path
}

if (!state.__networkGuard) {
  const guard: Guarded = { attempts: [] };
  state.__networkGuard = guard;
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (host !== undefined && !LOOPBACK.test(host.replace(/^\[|\]$/g, ''))) {
      guard.attempts.push(host);
      process.nextTick(() => this.destroy(new Error(`network guard: connection to ${host} refused (tests stay on this machine)`)));
      return this;
    }
    return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof connect;
}

const guard = state.__networkGuard;
let before = 0;
beforeAll(() => {
  before = guard.attempts.length;
});
afterAll(() => {
  const attempts = guard.attempts.slice(before);
  if (attempts.length > 0) {
    throw new Error(`This test file tried to reach other hosts: ${[...new Set(attempts)].join(', ')}`);
  }
});

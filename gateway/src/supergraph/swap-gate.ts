import { type GatewayHook } from '../http/hooks';

/**
 * Makes a supergraph swap safe for every request in flight, whatever the change: while a swap is
 * pending, new GraphQL requests wait at the gate (a few ms, at most `maxDrainMs`), the requests
 * already inside finish on the old schema, then the swap applies and the gate opens. Without it a
 * request validated against the old schema could be planned against a new one that lost a field.
 */
export class SwapGate {
  private inFlight = 0;
  private held: Promise<void> | undefined;
  private drained: (() => void) | undefined;

  /** @param maxDrainMs longest wait for in-flight requests (a slow one must not hold every client). */
  constructor(private readonly maxDrainMs = 2000) {}

  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** The last step in front of /graphql (a Fastify preHandler hook). */
  hook(): GatewayHook {
    return (_request, reply, next) => {
      const res = reply.raw;
      const enter = (): void => {
        this.inFlight += 1;
        let done = false;
        const leave = (): void => {
          if (done) return;
          done = true;
          this.inFlight -= 1;
          if (this.inFlight === 0) this.drained?.();
        };
        res.once('finish', leave);
        res.once('close', leave);
        next();
      };
      if (this.held) this.held.then(enter, enter);
      else enter();
    };
  }

  /** Holds new requests, waits for those in flight (bounded), applies the swap, lets requests in again. */
  async swap(apply: () => void): Promise<void> {
    let release: () => void = () => undefined;
    this.held = new Promise<void>((resolve) => (release = resolve));
    let timer: NodeJS.Timeout | undefined;
    try {
      if (this.inFlight > 0) {
        await new Promise<void>((resolve) => {
          this.drained = resolve;
          timer = setTimeout(resolve, this.maxDrainMs);
        });
      }
      apply();
    } finally {
      if (timer) clearTimeout(timer);
      this.drained = undefined;
      this.held = undefined;
      release();
    }
  }
}

/**
 * Identical work asked for while it runs is done once: every caller with the same key gets the
 * promise of the first until it settles, then the key is free again. The gateway's one way of
 * sharing work in flight (identical subgraph fetches, identical anonymous export conversions).
 */
export class InFlight<T> {
  private readonly running = new Map<string, Promise<T>>();

  /** `key`'s work in flight, else `work()` started now; `onShared` is told when a caller joins one. */
  run(key: string, work: () => Promise<T>, onShared?: () => void): Promise<T> {
    const current = this.running.get(key);
    if (current) {
      onShared?.();
      return current;
    }
    const started = work();
    this.running.set(key, started);
    const forget = (): void => {
      if (this.running.get(key) === started) this.running.delete(key);
    };
    started.then(forget, forget);
    return started;
  }
}

/** Refused by a `ConcurrencyGate` whose waiting line is full. */
export class ConcurrencyFull extends Error {
  constructor() {
    super('too many tasks are waiting');
  }
}

/**
 * At most `running` tasks at once and at most `waiting` more in line (first come, first served);
 * one more is refused `ConcurrencyFull` at once. The gateway's one bound on concurrent background or
 * memory-heavy work (response-cache refreshes, RDF export conversions).
 */
export class ConcurrencyGate {
  private active = 0;
  private readonly line: (() => void)[] = [];

  constructor(private readonly limits: { running: number; waiting: number }) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.limits.running) {
      if (this.line.length >= this.limits.waiting) throw new ConcurrencyFull();
      // The slot is handed over by the task that ends (`active` is not decremented in between).
      await new Promise<void>((resolve) => this.line.push(resolve));
    } else {
      this.active += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.line.shift();
      if (next) next();
      else this.active -= 1;
    }
  }
}

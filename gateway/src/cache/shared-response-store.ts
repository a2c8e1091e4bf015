import { type Logger } from '@ecosystem/shared';
import { Redis } from 'ioredis';

/** A cached response as replicas share it: the data's JSON text and its freshness, no process state. */
export interface SharedEntry {
  body: Buffer;
  expiresAt: number;
  staleUntil: number;
}

export interface SharedResponseStoreOptions {
  url: string;
  /** Prefix of every key and of the channel (replicas of one deployment share it; tests use their own). */
  prefix: string;
  logger: Logger;
}

/**
 * The response cache's shared tier in Redis, for replicas behind one load balancer. Entries are
 * stored under the current generation (`<prefix>gen`); a mutation through any replica increments
 * the generation and publishes it on `<prefix>invalidate`: every replica empties its own memory
 * when the message arrives, and entries of the older generation are never read again (they expire
 * by their TTL, so invalidation costs no scan). A replica reads the generation when it connects and
 * again after each reconnection (it may have missed messages meanwhile), emptying its memory then.
 *
 * Redis being unreachable never fails a request: a lookup is then a miss, a write is skipped, and
 * a mutation empties this replica's memory only (logged: the others keep theirs until their TTL).
 */
export class SharedResponseStore {
  private readonly client: Redis;
  private readonly subscriber: Redis;
  private readonly genKey: string;
  private readonly channel: string;
  private generation: string | undefined;
  private readonly listeners: (() => void)[] = [];

  constructor(private readonly options: SharedResponseStoreOptions) {
    const common = { maxRetriesPerRequest: 1, enableOfflineQueue: false } as const;
    this.client = new Redis(options.url, common);
    this.subscriber = new Redis(options.url, { ...common, enableOfflineQueue: true });
    this.genKey = `${options.prefix}gen`;
    this.channel = `${options.prefix}invalidate`;
    for (const connection of [this.client, this.subscriber]) {
      connection.on('error', (error: Error) => options.logger.warn({ reason: error.message }, 'response cache: redis error'));
    }
    this.client.on('ready', () => void this.resync());
    // Read the generation again once subscribed: a mutation published before then was not heard.
    this.subscriber.on('ready', () => void this.subscriber.subscribe(this.channel).then(() => this.resync(), () => undefined));
    this.subscriber.on('message', (channel: string, generation: string) => {
      if (channel !== this.channel || generation === this.generation) return;
      this.generation = generation;
      this.notify();
    });
  }

  /** Called whenever this replica's memory may hold answers older than another replica's mutation. */
  onInvalidate(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Resolves once both connections are up and the generation is known (tests, start-up). */
  async ready(): Promise<void> {
    await Promise.all([this.client, this.subscriber].map((c) => (c.status === 'ready' ? undefined : new Promise((resolve) => c.once('ready', resolve)))));
    await this.resync();
    // The subscription is made on `ready`; wait until Redis confirms it.
    while (!(await this.client.pubsub('NUMSUB', this.channel).catch(() => [this.channel, 0]))[1]) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async get(key: string): Promise<SharedEntry | undefined> {
    // Connected, but the generation not read yet (the first requests after a start): read it now.
    if (this.generation === undefined && this.client.status === 'ready') await this.resync();
    if (this.generation === undefined || this.client.status !== 'ready') return undefined;
    try {
      const stored = await this.client.getBuffer(this.keyOf(key, this.generation));
      return stored ? decode(stored) : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, entry: SharedEntry, ttlSeconds: number): Promise<void> {
    if (this.generation === undefined || this.client.status !== 'ready') return;
    await this.client.set(this.keyOf(key, this.generation), encode(entry), 'EX', Math.max(1, ttlSeconds)).catch(() => undefined);
  }

  /** A mutation went through this replica: every replica's answers may be out of date. */
  async invalidate(): Promise<void> {
    try {
      const generation = String(await this.client.incr(this.genKey));
      this.generation = generation;
      await this.client.publish(this.channel, generation);
    } catch (error) {
      this.options.logger.warn({ reason: (error as Error).message }, 'response cache: could not invalidate other replicas (redis unreachable)');
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.client, this.subscriber].map((c) => c.quit().catch(() => c.disconnect())));
  }

  private async resync(): Promise<void> {
    try {
      const generation = (await this.client.get(this.genKey)) ?? '0';
      if (generation !== this.generation) {
        this.generation = generation;
        this.notify();
      }
    } catch {
      // Read again on the next `ready`.
    }
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }

  private keyOf(key: string, generation: string): string {
    return `${this.options.prefix}${generation}:${key}`;
  }
}

/** `expiresAt` and `staleUntil` (8 bytes each), then the data's JSON. */
function encode(entry: SharedEntry): Buffer {
  const head = Buffer.alloc(16);
  head.writeDoubleBE(entry.expiresAt, 0);
  head.writeDoubleBE(entry.staleUntil, 8);
  return Buffer.concat([head, entry.body]);
}

function decode(stored: Buffer): SharedEntry | undefined {
  if (stored.length < 16) return undefined;
  return { expiresAt: stored.readDoubleBE(0), staleUntil: stored.readDoubleBE(8), body: stored.subarray(16) };
}

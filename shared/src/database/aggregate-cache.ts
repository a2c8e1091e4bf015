import { LRUCache } from 'lru-cache';
import { type DataSource, type EntitySubscriberInterface } from 'typeorm';

export interface AggregateCacheOptions {
  /** How long a computed aggregate is served; 0 turns the cache off. */
  ttlSeconds: number;
  /** Entries kept (least recently used first out). */
  maxEntries?: number;
}

/**
 * A short-lived cache of aggregates over a filter (`totalCount`, facet counts), per database.
 *
 * A directory page reads its rows through an index (cost set by the page size), but its total and
 * facets count every matching row: their cost grows with the data. Those numbers change only when
 * the data does, so they are kept for a few seconds, keyed by the SQL text and parameters that
 * compute them (same key, same answer, whatever the subgraph or resolver).
 *
 * - Every transaction committed on this database (and any write made outside one) empties the
 *   cache, so a process always sees its own writes. Writes made by another replica of the same
 *   subgraph show after at most `ttlSeconds`.
 * - Concurrent requests for the same missing key share one computation (no stampede).
 * - An aggregate that was computing while a write committed is returned to its callers but not
 *   kept (a generation counter), so a write is never hidden by a read that started before it.
 * - Failures are never kept.
 */
export class AggregateCache {
  private readonly store: LRUCache<string, { value: unknown }>;
  private readonly inflight = new Map<string, Promise<unknown>>();
  private generation = 0;

  constructor(readonly options: AggregateCacheOptions) {
    this.store = new LRUCache<string, { value: unknown }>({
      max: options.maxEntries ?? 5000,
      ttl: Math.max(1, options.ttlSeconds * 1000),
      ttlAutopurge: false,
    });
  }

  get enabled(): boolean {
    return this.options.ttlSeconds > 0;
  }

  /** The cached aggregate for `key`, or `compute()` (shared by concurrent callers). */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    if (!this.enabled) return compute();
    const entry = this.store.get(key);
    if (entry) return entry.value as T;
    const pending = this.inflight.get(key);
    if (pending) return pending as Promise<T>;
    const generation = this.generation;
    const run = compute().then(
      (value) => {
        if (generation === this.generation) this.store.set(key, { value });
        return value;
      },
    );
    this.inflight.set(key, run);
    const forget = (): void => {
      if (this.inflight.get(key) === run) this.inflight.delete(key);
    };
    run.then(forget, forget);
    return run;
  }

  /** Forgets everything, including what is being computed now (called on every write). */
  clear(): void {
    this.generation += 1;
    this.store.clear();
    this.inflight.clear();
  }
}

const caches = new WeakMap<DataSource, AggregateCache>();

/** Calls a listener on every commit, and on every TypeORM write made outside a transaction. */
class WriteListener implements EntitySubscriberInterface {
  constructor(readonly listener: () => void) {}
  afterTransactionCommit(): void {
    this.listener();
  }
  afterInsert(): void {
    this.listener();
  }
  afterUpdate(): void {
    this.listener();
  }
  afterRemove(): void {
    this.listener();
  }
  afterSoftRemove(): void {
    this.listener();
  }
  afterRecover(): void {
    this.listener();
  }
}

/**
 * Runs `listener` after every write on the database that goes through TypeORM (a committed
 * transaction, a repository write); for in-process views of the data that a write makes stale.
 * Returns a function that stops listening.
 */
export function onEveryWrite(dataSource: DataSource, listener: () => void): () => void {
  const subscriber = new WriteListener(listener);
  dataSource.subscribers.push(subscriber);
  return () => {
    const at = dataSource.subscribers.indexOf(subscriber);
    if (at >= 0) dataSource.subscribers.splice(at, 1);
  };
}

/**
 * Gives a database its aggregate cache (called once when the process opens its database). The
 * cache is emptied by TypeORM's subscriber events, which every write through TypeORM raises; a raw
 * `dataSource.query('UPDATE ...')` outside a transaction would not, so writes go through
 * `runTransaction` (which commits) or the repositories.
 */
export function attachAggregateCache(dataSource: DataSource, options: AggregateCacheOptions): AggregateCache {
  const cache = new AggregateCache(options);
  caches.set(dataSource, cache);
  if (cache.enabled) onEveryWrite(dataSource, () => cache.clear());
  return cache;
}

/** The database's aggregate cache, if it has one (tests' databases have none unless they attach it). */
export function aggregateCacheOf(dataSource: DataSource): AggregateCache | undefined {
  return caches.get(dataSource);
}

/** `compute()` through the database's aggregate cache when it has one; the key is SQL + parameters. */
export function cachedAggregate<T>(
  dataSource: DataSource,
  sql: string,
  parameters: readonly unknown[],
  compute: () => Promise<T>,
): Promise<T> {
  const cache = caches.get(dataSource);
  if (!cache?.enabled) return compute();
  return cache.get(`${sql}\u0000${JSON.stringify(parameters)}`, compute);
}

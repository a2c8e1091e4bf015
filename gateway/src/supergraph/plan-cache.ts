import { createHash } from 'node:crypto';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { type QueryPlan, type QueryPlanCache, QueryPlanner } from '@apollo/query-planner';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { type Logger } from '@ecosystem/shared';
import { parse } from 'graphql';

/** An operation to plan ahead: the exact document text clients send, so the cache key matches. */
export interface WarmOperation {
  operationName: string | null;
  document: string;
}

export interface PlanCacheStats {
  hits: number;
  misses: number;
  /** Plans computed ahead of the last swap. */
  warmed: number;
  /** Operations that could not be planned against the new supergraph. */
  warmFailures: number;
}

/** Apollo Gateway's cache key: sha256(query) then, with an operation name, sha256(queryHash + name). */
export function queryPlanCacheKey(document: string, operationName: string | null): string {
  const queryHash = createHash('sha256').update(document).digest('hex');
  return operationName ? createHash('sha256').update(queryHash).update(operationName).digest('hex') : queryHash;
}

/** Told of every lookup the gateway makes (the query_plan_cache_total metric). */
export interface PlanCacheObserver {
  planCacheLookup(hit: boolean): void;
}

function newStore(maxMiB: number): InMemoryLRUCache<QueryPlan> {
  return new InMemoryLRUCache<QueryPlan>({
    maxSize: maxMiB * 2 ** 20,
    sizeCalculation: (plan) => Math.max(1, JSON.stringify(plan).length),
  });
}

/**
 * The gateway's query-plan cache (`queryPlannerConfig.cache`). Stock @apollo/gateway calls `clear()`
 * on every supergraph update, so every operation is re-planned on its first request after a swap.
 * Here `prepare()` plans the recorded operations against the next supergraph into a second store,
 * and the `clear()` of that update swaps the prepared store in: the first requests after a swap hit.
 */
export class WarmableQueryPlanCache implements QueryPlanCache {
  private store: InMemoryLRUCache<QueryPlan>;
  private staged: { supergraphSdl: string; store: InMemoryLRUCache<QueryPlan>; count: number } | undefined;
  private readonly counters: PlanCacheStats = { hits: 0, misses: 0, warmed: 0, warmFailures: 0 };

  constructor(
    private readonly logger: Logger,
    private readonly maxMiB = 30,
    private readonly observer?: PlanCacheObserver,
  ) {
    this.store = newStore(maxMiB);
  }

  async get(key: string): Promise<QueryPlan | undefined> {
    const plan = await this.store.get(key);
    if (plan) this.counters.hits += 1;
    else this.counters.misses += 1;
    this.observer?.planCacheLookup(plan !== undefined);
    return plan;
  }

  async set(key: string, value: QueryPlan): Promise<void> {
    await this.store.set(key, value);
  }

  async delete(key: string): Promise<boolean | void> {
    return this.store.delete(key);
  }

  /** Called by the gateway when it loads a new supergraph: serve the prepared plans, if any. */
  clear(): void {
    if (this.staged) {
      this.store = this.staged.store;
      this.counters.warmed = this.staged.count;
      this.staged = undefined;
    } else {
      this.store = newStore(this.maxMiB);
    }
  }

  stats(): PlanCacheStats {
    return { ...this.counters };
  }

  /** Plans `operations` against `supergraphSdl`, ready for the next `clear()`. */
  async prepare(supergraphSdl: string, operations: WarmOperation[]): Promise<number> {
    const store = newStore(this.maxMiB);
    const supergraph = Supergraph.build(supergraphSdl);
    const apiSchema = supergraph.apiSchema();
    const planner = new QueryPlanner(supergraph);
    let count = 0;
    let failures = 0;
    for (const operation of operations) {
      try {
        const document = parse(operation.document);
        const parsed = operationFromDocument(apiSchema, document, {
          ...(operation.operationName ? { operationName: operation.operationName } : {}),
        });
        await store.set(queryPlanCacheKey(operation.document, operation.operationName), planner.buildQueryPlan(parsed));
        count += 1;
      } catch {
        failures += 1; // invalid against the new graph: it will fail validation anyway
      }
      // Planning is CPU work: let requests in flight proceed between operations.
      if (count % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    this.counters.warmFailures = failures;
    this.staged = { supergraphSdl, store, count };
    if (operations.length > 0) this.logger.info({ warmed: count, failures }, 'query-plan cache warmed for the next supergraph');
    return count;
  }

  /** Drops prepared plans that were not used (the swap did not happen). */
  discard(): void {
    this.staged = undefined;
  }
}

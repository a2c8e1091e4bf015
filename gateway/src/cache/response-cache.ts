import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type BaseContext, type GraphQLRequestContextWillSendResponse, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { type Viewer } from '@ecosystem/shared';
import { stableJson } from './stable-json';

/** What the response cache needs from the request context. */
export interface CacheableContext extends BaseContext {
  viewer: Viewer | null;
  propagatedHeaders?: [name: string, value: string][];
}

/** How long an identical concurrent query waits for the first one before computing its own answer (default). */
const WAIT_FOR_INFLIGHT_MS = 10_000;

/** `promise`, or undefined after `ms`. */
function withCeiling<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const ceiling = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise, ceiling]).finally(() => clearTimeout(timer));
}

/** A cached response: its JSON text (about 3x smaller in memory than the object tree). */
interface Entry {
  json: string;
  expiresAt: number;
}

export interface CacheCounters {
  hit(): void;
  miss(): void;
}

export interface ResponseCacheOptions {
  ttlSeconds: number;
  maxMiB: number;
  counters?: CacheCounters | undefined;
  /** Longest wait for an identical query being computed (default 10 s); then a request computes its own. */
  waitForInflightMs?: number;
  /** Called after a mutation went through (the response cache has emptied itself): other caches may be stale. */
  onMutation?: () => void;
}

/**
 * Whole-response cache of public data. Only anonymous queries are cached and served from it: the
 * viewer is not part of the key because a request with a viewer never reads or writes it, so one
 * viewer's data cannot reach another. A response with errors is never stored, nor one for which a
 * subgraph answered `Cache-Control: private` (the gateway folds subgraph hints into the request's
 * cache policy). Cached responses carry `Cache-Control: public, max-age=<seconds left>` (a hint for
 * browsers and CDNs); responses for a viewer carry `private, no-store`. Any mutation through this
 * gateway empties the cache.
 */
export class ResponseCache {
  private readonly store: InMemoryLRUCache<Entry>;
  /** Misses being computed now, by key: identical concurrent queries wait for the first one. */
  private readonly inflight = new Map<string, Promise<Entry | undefined>>();
  /** Bumped by every clear: a response computed across a mutation is not stored. */
  private generation = 0;

  constructor(private readonly options: ResponseCacheOptions) {
    // Sized by characters x 2 (V8 may hold strings as UTF-16).
    this.store = new InMemoryLRUCache<Entry>({ maxSize: options.maxMiB * 2 ** 20, sizeCalculation: (entry) => entry.json.length * 2 });
  }

  clear(): void {
    this.generation += 1;
    this.store.clear();
    this.inflight.clear();
  }

  plugin<TContext extends CacheableContext>(): ApolloServerPlugin<TContext> {
    const { ttlSeconds, counters } = this.options;
    const waitMs = this.options.waitForInflightMs ?? WAIT_FOR_INFLIGHT_MS;
    const store = this.store;
    const inflight = this.inflight;
    const currentGeneration = (): number => this.generation;
    const clearAll = (): void => this.clear();
    const onMutation = this.options.onMutation;
    return {
      async requestDidStart() {
        let key: string | undefined;
        let hit: Entry | undefined;
        let generation = currentGeneration();
        /** Set when this request computes a miss that others may be waiting for. */
        let settle: ((entry: Entry | undefined) => void) | undefined;
        const release = (entry: Entry | undefined): void => {
          settle?.(entry);
          settle = undefined;
        };
        return {
          async responseForOperation(requestContext): Promise<GraphQLResponse | null> {
            if (requestContext.operation.operation !== 'query' || requestContext.contextValue.viewer !== null) return null;
            key = createHash('sha256')
              .update(requestContext.queryHash ?? requestContext.source ?? '')
              .update('\0')
              .update(requestContext.operationName ?? '')
              .update('\0')
              .update(stableJson(requestContext.request.variables ?? {}))
              .update('\0')
              .update(stableJson(requestContext.contextValue.propagatedHeaders ?? []))
              .digest('hex');
            hit = await store.get(key);
            if (!hit || hit.expiresAt <= Date.now()) {
              // The same query is being computed for someone else: wait for its answer (no stampede).
              // At most waitForInflightMs: a computation that never settles must not hold others.
              const pending = inflight.get(key);
              hit = pending ? await withCeiling(pending, waitMs) : undefined;
            }
            if (!hit) {
              counters?.miss();
              generation = currentGeneration();
              if (!inflight.has(key)) {
                const forKey = key;
                const promise = new Promise<Entry | undefined>((resolve) => {
                  settle = (entry) => {
                    if (inflight.get(forKey) === promise) inflight.delete(forKey);
                    resolve(entry);
                  };
                });
                inflight.set(key, promise);
              }
              return null;
            }
            counters?.hit();
            const result = JSON.parse(hit.json) as Record<string, unknown>;
            return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: result } } };
          },
          async willSendResponse(requestContext) {
            try {
              release(await respond(requestContext));
            } catch (error) {
              release(undefined);
              throw error;
            }
          },
        };
        /** Headers, invalidation and storing; returns what was stored for this request's key, if anything. */
        async function respond(requestContext: GraphQLRequestContextWillSendResponse<TContext>): Promise<Entry | undefined> {
            const headers = requestContext.response.http.headers;
            if (requestContext.operation?.operation === 'mutation') {
              if (requestContext.response.body.kind === 'single' && requestContext.response.body.singleResult.data) {
                clearAll();
                onMutation?.();
              }
              return undefined;
            }
            if (requestContext.contextValue.viewer !== null) {
              headers.set('cache-control', 'private, no-store');
              return undefined;
            }
            if (!key) return undefined;
            if (hit) {
              headers.set('cache-control', `public, max-age=${Math.max(0, Math.floor((hit.expiresAt - Date.now()) / 1000))}`);
              return undefined;
            }
            const body = requestContext.response.body;
            if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return undefined;
            // A subgraph's `Cache-Control: private` restricts the request's policy scope to PRIVATE.
            if (requestContext.overallCachePolicy.scope === 'PRIVATE') return undefined;
            // A mutation went through while this response was computed: it may predate the write.
            if (generation !== currentGeneration()) return undefined;
            const entry: Entry = { json: JSON.stringify(body.singleResult.data), expiresAt: Date.now() + ttlSeconds * 1000 };
            await store.set(key, entry, { ttl: ttlSeconds });
            headers.set('cache-control', `public, max-age=${ttlSeconds}`);
            return entry;
        }
      },
    };
  }
}

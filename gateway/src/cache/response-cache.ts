import { ConcurrencyGate } from '../concurrency/concurrency-gate';
import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type BaseContext, type GraphQLRequestContextWillSendResponse, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { type Viewer } from '@ecosystem/shared';
import { type FormattedExecutionResult } from 'graphql';
import { type SharedResponseStore } from './shared-response-store';
import { stableJson } from './stable-json';

/** What the response cache needs from the request context. */
export interface CacheableContext extends BaseContext {
  viewer: Viewer | null;
  propagatedHeaders?: [name: string, value: string][];
}

/** How long an identical concurrent query waits for the first one before computing its own answer (default). */
const WAIT_FOR_INFLIGHT_MS = 10_000;

/** Background refreshes running at once (stale-while-revalidate), by default. */
const REFRESH_CONCURRENCY = 1;

/** `promise`, or undefined after `ms`. */
function withCeiling<T>(promise: Promise<T | undefined>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const ceiling = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([promise, ceiling]).finally(() => clearTimeout(timer));
}

/**
 * A cached response: its data as UTF-8 JSON in a Buffer, smaller than the object tree and outside
 * the V8 heap. The gateway runs with a heap ceiling: entries kept as strings inside it filled the
 * live heap and made the collector run full mark-compacts often enough to show in the latency of
 * cache hits (figures in docs/performance.md, "Caches of public data").
 */
interface Entry {
  body: Buffer;
  expiresAt: number;
  /** Until then an expired entry is still served while one background request refreshes it. */
  staleUntil: number;
}

/**
 * The cache key of an anonymous query: the query text's hash (Apollo Server's `queryHash`, SHA-256
 * of the text), the operation name, the variables and the propagated headers.
 */
export function responseCacheKey(
  queryHash: string,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | undefined,
  propagatedHeaders: [string, string][] | undefined,
): string {
  return createHash('sha256')
    .update(queryHash)
    .update('\0')
    .update(operationName ?? '')
    .update('\0')
    .update(stableJson(variables ?? {}))
    .update('\0')
    .update(stableJson(propagatedHeaders ?? []))
    .digest('hex');
}

/** What a background refresh runs: the same operation, anonymously, with the same propagated headers. */
export interface RevalidationRequest {
  query: string;
  operationName?: string;
  variables?: Record<string, unknown>;
}

/** Runs a refresh through the whole request pipeline (ApolloServer.executeOperation in the gateway). */
export type Revalidator<TContext> = (request: RevalidationRequest, contextValue: TContext) => Promise<unknown>;

/**
 * Data still as JSON text: a cached response's (a Buffer outside the V8 heap), or a core subgraph's
 * answer on the fast path (a string). Apollo Server gets this instead of a parsed tree:
 * `stringifyCachedResult` (the gateway's `stringifyResult`) splices the text into the response
 * body, so it costs neither JSON.parse nor JSON.stringify of the data (both block the event loop
 * on a large page: docs/performance.md, "Caches of public data"). Anything else that serialises it gets the parsed data
 * through `toJSON`.
 */
export class CachedJson {
  constructor(private readonly body: Buffer | string) {}

  /** The JSON text (decoded from a stored entry on each call). */
  get json(): string {
    return typeof this.body === 'string' ? this.body : this.body.toString();
  }

  toJSON(): unknown {
    return JSON.parse(this.json) as unknown;
  }
}

const SPLICE = '\u0000cached-json\u0000';

/** Response data already serialised during its request (see `dataJson`), by data object. */
const serialised = new WeakMap<object, string>();

/**
 * The JSON text of a response's data, serialised at most once per request: the response size
 * limit measures it, the response cache stores it and `stringifyCachedResult` writes it into the
 * body, all from one JSON.stringify. Only for data that is final: called from `willSendResponse`,
 * after which nothing changes the data (plugins there replace errors or the whole result, never
 * the data object's contents).
 */
export function dataJson(data: object): string {
  if (data instanceof CachedJson) return data.json;
  let json = serialised.get(data);
  if (json === undefined) {
    json = JSON.stringify(data);
    serialised.set(data, json);
  }
  return json;
}

/**
 * Apollo Server's `stringifyResult`: JSON.stringify, with the data's text spliced in as is when it
 * is already text (a cached response, a single fetch's answer) or was serialised for this response.
 */
export function stringifyCachedResult(value: FormattedExecutionResult): string {
  const data = value.data;
  if (!data) return JSON.stringify(value);
  const json = data instanceof CachedJson ? data.json : serialised.get(data);
  if (json === undefined) return JSON.stringify(value);
  return JSON.stringify({ ...value, data: SPLICE }).replace(JSON.stringify(SPLICE), () => json);
}

/**
 * A result whose data the caller reads field by field (a @defer part, a subscription event's
 * query), not one that is only written out: data still as text (`CachedJson`) is parsed, or
 * reading a field of it finds nothing.
 */
export function readableResult<T extends FormattedExecutionResult>(result: T): T {
  return result.data instanceof CachedJson ? { ...result, data: result.data.toJSON() as Record<string, unknown> } : result;
}

/** Marks the context of a background refresh: it skips the lookup and stores what it computes. */
const REVALIDATING = Symbol('response-cache.revalidating');

export interface CacheCounters {
  hit(): void;
  miss(): void;
  /** A stale entry was served (not counted as a hit) while a background request refreshes it. */
  stale?(): void;
}

export interface ResponseCacheOptions {
  ttlSeconds: number;
  /**
   * Seconds an expired response is still served while one background request refreshes it
   * (HTTP's stale-while-revalidate, RFC 5861); 0 = an expired response is a miss. Needs a revalidator.
   */
  staleSeconds?: number;
  /** Background refreshes running at once (default 1); the others wait their turn, stale entries served. */
  refreshConcurrency?: number;
  maxMiB: number;
  counters?: CacheCounters | undefined;
  /** Longest wait for an identical query being computed (default 10 s); then a request computes its own. */
  waitForInflightMs?: number;
  /** Called after a mutation went through (the response cache has emptied itself): other caches may be stale. */
  onMutation?: () => void;
  /**
   * The tier shared with the other replicas (Redis): read on a miss in memory, written with every
   * stored response, and told of every mutation, which then empties every replica's memory too.
   */
  shared?: SharedResponseStore | undefined;
}

/**
 * Whole-response cache of public data. Only anonymous queries are cached and served from it: the
 * viewer is not part of the key because a request with a viewer never reads or writes it, so one
 * viewer's data cannot reach another. A response with errors is never stored, nor one for which a
 * subgraph answered `Cache-Control: private` (the gateway folds subgraph hints into the request's
 * cache policy). Cached responses carry `Cache-Control: public, max-age=<seconds left>` (a hint for
 * browsers and CDNs); responses for a viewer carry `private, no-store`. Any mutation through this
 * gateway empties the cache. With `staleSeconds`, an expired response is served for that much longer
 * (`Cache-Control: public, max-age=0`) while a single background request, run anonymously through
 * the whole pipeline again, refreshes it: past the warm-up, readers never wait for a recomputation.
 */
export class ResponseCache {
  private readonly store: InMemoryLRUCache<Entry>;
  /** Misses being computed now, by key: identical concurrent queries wait for the first one. */
  private readonly inflight = new Map<string, Promise<Entry | undefined>>();
  /** Bumped by every clear: a response computed across a mutation is not stored. */
  private generation = 0;
  /** Keys whose background refresh is running (one at a time per key). */
  private readonly revalidating = new Set<string>();
  private revalidator: Revalidator<never> | undefined;
  /** Refreshes run a few at a time, the others wait their turn (any number of them: one per key). */
  private readonly refreshes: ConcurrencyGate;

  constructor(private readonly options: ResponseCacheOptions) {
    this.refreshes = new ConcurrencyGate({ running: options.refreshConcurrency ?? REFRESH_CONCURRENCY, waiting: Number.POSITIVE_INFINITY });
    this.store = new InMemoryLRUCache<Entry>({ maxSize: options.maxMiB * 2 ** 20, sizeCalculation: (entry) => entry.body.length + 100 });
    // A mutation through another replica: what this one holds in memory may predate it.
    options.shared?.onInvalidate(() => {
      this.clear();
      options.onMutation?.();
    });
  }

  clear(): void {
    this.generation += 1;
    this.store.clear();
    this.inflight.clear();
    // Queued refreshes would only store what the next reader computes anyway: they see the new
    // generation when their turn comes and do nothing.
    this.revalidating.clear();
  }

  /** How background refreshes run (stale-while-revalidate is off until one is given). */
  revalidateWith<TContext>(revalidator: Revalidator<TContext>): void {
    this.revalidator = revalidator as Revalidator<never>;
  }

  /**
   * Queues the background refresh of `key` unless it is queued or running. Refreshes run a few at a
   * time: entries stored together expire together, and a burst of recomputations would take the CPU
   * from the requests being served (stale entries are served meanwhile, so waiting costs nothing).
   */
  private refresh<TContext extends CacheableContext>(key: string, request: RevalidationRequest, contextValue: TContext): void {
    const revalidator = this.revalidator as Revalidator<TContext> | undefined;
    if (!revalidator || this.revalidating.has(key)) return;
    this.revalidating.add(key);
    const context = { ...contextValue, [REVALIDATING]: true } as TContext;
    const generation = this.generation;
    void this.refreshes.run(async () => {
      if (generation !== this.generation) return;
      try {
        await revalidator(request, context);
      } catch {
        // A failed refresh leaves the stale entry in place until it runs out; the next reader retries.
      } finally {
        if (generation === this.generation) this.revalidating.delete(key);
      }
    });
  }

  /** An expired entry still served while it is refreshed: within its stale window, with refreshes on. */
  private servedStale(entry: Entry, now: number): boolean {
    return entry.expiresAt <= now && entry.staleUntil > now && this.revalidator !== undefined && (this.options.staleSeconds ?? 0) > 0;
  }

  plugin<TContext extends CacheableContext>(): ApolloServerPlugin<TContext> {
    const { ttlSeconds, counters } = this.options;
    const staleSeconds = this.options.staleSeconds ?? 0;
    const refresh = (key: string, request: RevalidationRequest, contextValue: TContext): void => this.refresh(key, request, contextValue);
    const servedStale = (entry: Entry, now: number): boolean => this.servedStale(entry, now);
    const waitMs = this.options.waitForInflightMs ?? WAIT_FOR_INFLIGHT_MS;
    const store = this.store;
    const inflight = this.inflight;
    const currentGeneration = (): number => this.generation;
    const clearAll = (): void => this.clear();
    const onMutation = this.options.onMutation;
    const shared = this.options.shared;
    /** An entry another replica stored, kept in memory from now on. */
    const fromShared = async (key: string, requestContext: Parameters<NonNullable<ApolloServerPlugin<TContext>['requestDidStart']>>[0]): Promise<Entry | undefined> => {
      if (!shared || !requestContext.document) return undefined;
      const before = currentGeneration();
      const remote = await shared.get(key);
      const now = Date.now();
      if (!remote || remote.staleUntil <= now || before !== currentGeneration()) return undefined;
      const entry: Entry = { ...remote };
      await store.set(key, entry, { ttl: Math.max(1, Math.ceil((remote.staleUntil - now) / 1000)) });
      return entry;
    };
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
            if (requestContext.operation?.operation !== 'query' || requestContext.contextValue.viewer !== null) return null;
            key = responseCacheKey(
              requestContext.queryHash ?? requestContext.source ?? '',
              requestContext.request.operationName,
              requestContext.request.variables,
              requestContext.contextValue.propagatedHeaders,
            );
            if ((requestContext.contextValue as Record<symbol, unknown>)[REVALIDATING]) {
              // A background refresh: computes and stores (the stale entry is served meanwhile).
              generation = currentGeneration();
              hit = undefined;
              return null;
            }
            hit = (await store.get(key)) ?? (await fromShared(key, requestContext));
            const now = Date.now();
            const stale = hit !== undefined && servedStale(hit, now);
            if (stale) {
              refresh(
                key,
                {
                  query: requestContext.source ?? '',
                  ...(requestContext.request.operationName ? { operationName: requestContext.request.operationName } : {}),
                  ...(requestContext.request.variables ? { variables: requestContext.request.variables } : {}),
                },
                requestContext.contextValue,
              );
            } else if (!hit || hit.expiresAt <= now) {
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
            if (stale) counters?.stale?.();
            else counters?.hit();
            // Served as its stored text (see CachedJson); typed as the data it stands for.
            const data = new CachedJson(hit.body) as unknown as Record<string, unknown>;
            return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data } } };
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
                // Before the client has its answer: a read it sends next, through any replica, is fresh.
                await shared?.invalidate();
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
            if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data || !requestContext.document) return undefined;
            // A subgraph's `Cache-Control: private` restricts the request's policy scope to PRIVATE.
            if (requestContext.overallCachePolicy.scope === 'PRIVATE') return undefined;
            // A mutation went through while this response was computed: it may predate the write.
            if (generation !== currentGeneration()) return undefined;
            const now = Date.now();
            const entry: Entry = {
              body: Buffer.from(dataJson(body.singleResult.data)),
              expiresAt: now + ttlSeconds * 1000,
              staleUntil: now + (ttlSeconds + staleSeconds) * 1000,
            };
            await store.set(key, entry, { ttl: ttlSeconds + staleSeconds });
            await shared?.set(key, entry, ttlSeconds + staleSeconds);
            headers.set('cache-control', `public, max-age=${ttlSeconds}`);
            return entry;
        }
      },
    };
  }
}

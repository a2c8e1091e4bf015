import { createHash } from 'node:crypto';
import { type ApolloServerPlugin, type BaseContext, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { type Viewer } from '@ecosystem/shared';
import { stableJson } from './stable-json';

/** What the response cache needs from the request context. */
export interface CacheableContext extends BaseContext {
  viewer: Viewer | null;
  propagatedHeaders?: [name: string, value: string][];
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

  constructor(private readonly options: ResponseCacheOptions) {
    // Sized by characters x 2 (V8 may hold strings as UTF-16).
    this.store = new InMemoryLRUCache<Entry>({ maxSize: options.maxMiB * 2 ** 20, sizeCalculation: (entry) => entry.json.length * 2 });
  }

  clear(): void {
    this.store.clear();
  }

  plugin<TContext extends CacheableContext>(): ApolloServerPlugin<TContext> {
    const { ttlSeconds, counters } = this.options;
    const store = this.store;
    const onMutation = this.options.onMutation;
    return {
      async requestDidStart() {
        let key: string | undefined;
        let hit: Entry | undefined;
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
              hit = undefined;
              counters?.miss();
              return null;
            }
            counters?.hit();
            const result = JSON.parse(hit.json) as Record<string, unknown>;
            return { http: { status: 200, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: result } } };
          },
          async willSendResponse(requestContext) {
            const headers = requestContext.response.http.headers;
            if (requestContext.operation?.operation === 'mutation') {
              if (requestContext.response.body.kind === 'single' && requestContext.response.body.singleResult.data) {
                store.clear();
                onMutation?.();
              }
              return;
            }
            if (requestContext.contextValue.viewer !== null) {
              headers.set('cache-control', 'private, no-store');
              return;
            }
            if (!key) return;
            if (hit) {
              headers.set('cache-control', `public, max-age=${Math.max(0, Math.floor((hit.expiresAt - Date.now()) / 1000))}`);
              return;
            }
            const body = requestContext.response.body;
            if (body.kind !== 'single' || body.singleResult.errors?.length || !body.singleResult.data) return;
            // A subgraph's `Cache-Control: private` restricts the request's policy scope to PRIVATE.
            if (requestContext.overallCachePolicy.scope === 'PRIVATE') return;
            const json = JSON.stringify(body.singleResult.data);
            await store.set(key, { json, expiresAt: Date.now() + ttlSeconds * 1000 }, { ttl: ttlSeconds });
            headers.set('cache-control', `public, max-age=${ttlSeconds}`);
          },
        };
      },
    };
  }
}

import { type ApolloServerPlugin } from '@apollo/server';
import { type GraphQLDataSource } from '@apollo/gateway';
import { type Logger } from '@ecosystem/shared';
import { Counter, type Registry } from 'prom-client';
import { type CacheEnv } from './cache-env';
import { EntityCache } from './entity-cache';
import { type CacheableContext, type CacheCounters, ResponseCache } from './response-cache';
import { SharedResponseStore } from './shared-response-store';

export { cacheEnvSchema, type CacheEnv } from './cache-env';
export { EntityCache } from './entity-cache';
export { dataJson, readableResult, ResponseCache, stringifyCachedResult, type CacheableContext } from './response-cache';
export { SharedResponseStore } from './shared-response-store';

function counters(counter: Counter<'cache' | 'result'> | undefined, cache: string): CacheCounters | undefined {
  if (!counter) return undefined;
  const hit = counter.labels(cache, 'hit');
  const miss = counter.labels(cache, 'miss');
  const stale = counter.labels(cache, 'stale');
  return { hit: () => hit.inc(), miss: () => miss.inc(), stale: () => stale.inc() };
}

/**
 * The gateway's caches of public data: the whole-response cache and the short-lived
 * entity cache, both for anonymous requests only and both off unless their TTL is set. A mutation
 * through the gateway empties both. Hits and misses are counted in /metrics when metrics are on.
 */
export class GatewayCaches {
  readonly response: ResponseCache | undefined;
  readonly entities: EntityCache | undefined;
  /** The response cache's tier in Redis, shared by the replicas (REDIS_URL set and the response cache on). */
  readonly shared: SharedResponseStore | undefined;

  constructor(config: CacheEnv & { REDIS_URL?: string | undefined }, logger: Logger, registry?: Registry) {
    const counter = registry
      ? new Counter({
          name: 'gateway_cache_lookups_total',
          help: 'Lookups in the gateway caches of public data, by cache (response, entity) and result (hit, miss, stale: an expired response served while it is refreshed).',
          labelNames: ['cache', 'result'] as const,
          registers: [registry],
        })
      : undefined;
    if (config.ENTITY_CACHE_TTL_SECONDS > 0) {
      this.entities = new EntityCache({
        ttlSeconds: config.ENTITY_CACHE_TTL_SECONDS,
        maxMiB: config.ENTITY_CACHE_MAX_MB,
        counters: counters(counter, 'entity'),
      });
    }
    if (config.RESPONSE_CACHE_TTL_SECONDS > 0) {
      if (config.REDIS_URL) this.shared = new SharedResponseStore({ url: config.REDIS_URL, prefix: config.RESPONSE_CACHE_REDIS_PREFIX, logger });
      this.response = new ResponseCache({
        shared: this.shared,
        ttlSeconds: config.RESPONSE_CACHE_TTL_SECONDS,
        staleSeconds: config.RESPONSE_CACHE_STALE_SECONDS,
        refreshConcurrency: config.RESPONSE_CACHE_REFRESH_CONCURRENCY,
        maxMiB: config.RESPONSE_CACHE_MAX_MB,
        counters: counters(counter, 'response'),
        onMutation: () => this.entities?.clear(),
      });
    }
    if (this.response || this.entities) {
      logger.info(
        { responseTtlSeconds: config.RESPONSE_CACHE_TTL_SECONDS, sharedInRedis: this.shared !== undefined, responseStaleSeconds: config.RESPONSE_CACHE_STALE_SECONDS, entityTtlSeconds: config.ENTITY_CACHE_TTL_SECONDS },
        'caches of public data on (anonymous requests only)',
      );
    }
  }

  clear(): void {
    this.response?.clear();
    this.entities?.clear();
  }

  /** Closes the connections to Redis (at shutdown). */
  async close(): Promise<void> {
    await this.shared?.close();
  }

  /** A subgraph's data source, behind the entity cache when it is on. */
  dataSource<TContext extends CacheableContext>(name: string, inner: GraphQLDataSource<TContext>): GraphQLDataSource<TContext> {
    return this.entities ? this.entities.wrap(name, inner) : inner;
  }

  plugins<TContext extends CacheableContext>(): ApolloServerPlugin<TContext>[] {
    const plugins: ApolloServerPlugin<TContext>[] = [];
    if (this.response) plugins.push(this.response.plugin<TContext>());
    else if (this.entities) {
      // Without the response cache, mutations still empty the entity cache.
      plugins.push({
        requestDidStart: async () => ({
          willSendResponse: async ({ operation, response }) => {
            if (operation?.operation === 'mutation' && response.body.kind === 'single' && response.body.singleResult.data) this.clear();
          },
        }),
      });
    }
    return plugins;
  }
}

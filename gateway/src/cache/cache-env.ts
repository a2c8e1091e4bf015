import { envBoolean } from '@ecosystem/shared';
import { z } from 'zod';

const int = (min: number) => z.coerce.number().int().min(min);

/**
 * Settings of the gateway's caches (docs/performance.md). Both caches serve anonymous
 * requests only, so one viewer's data can never reach another; both are off by default.
 */
export const cacheEnvSchema = z.object({
  /** Seconds an anonymous query's whole response is served from memory (0 = response cache off). */
  RESPONSE_CACHE_TTL_SECONDS: int(0).max(86_400).default(0),
  /**
   * Seconds an expired cached response is still served (`max-age=0`) while one background request
   * refreshes it (stale-while-revalidate; 0 = an expired response is recomputed by its next reader).
   */
  RESPONSE_CACHE_STALE_SECONDS: int(0).max(86_400).default(0),
  /**
   * Background refreshes of stale responses running at once; the others wait their turn while their
   * stale entries are served. Each is a full recomputation, taken from the CPU readers need.
   */
  RESPONSE_CACHE_REFRESH_CONCURRENCY: int(1).max(16).default(1),
  /**
   * Prefix of the response cache's keys and channel in Redis, when REDIS_URL is set (the cache is
   * then shared by the replicas; replicas of one deployment use the same prefix).
   */
  RESPONSE_CACHE_REDIS_PREFIX: z.string().min(1).default('gateway-rc:'),
  /** Memory for cached responses, in MiB (least recently used ones are dropped first). */
  RESPONSE_CACHE_MAX_MB: int(1).default(32),
  /** Seconds an entity fetched for an anonymous query is reused by later anonymous queries (0 = off). */
  ENTITY_CACHE_TTL_SECONDS: int(0).max(3600).default(0),
  /** Memory for cached entities, in MiB. */
  ENTITY_CACHE_MAX_MB: int(1).default(32),
  /** Memory for query plans, in MiB (each distinct operation has one plan). */
  QUERY_PLAN_CACHE_MB: int(1).default(30),
  /**
   * The fast lanes in front of Apollo Server (docs/performance.md). Without the response cache:
   * queries planned as one fetch from one subgraph, selecting what the client selected, skip Apollo
   * Server's pipeline and the plan execution. With it: hits are written from the stored bytes
   * before Apollo Server. Neither while tracing is on.
   */
  FAST_PATH_ENABLED: envBoolean.default(true),
});

export type CacheEnv = z.infer<typeof cacheEnvSchema>;

import { createHash } from 'node:crypto';
import { type Logger, type Viewer } from '@ecosystem/shared';
import { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type GatewayConfig } from '../config';
import { requestState } from '../context';
import { type GatewayHook } from '../http/hooks';
import { GatewayErrorCode, refuse } from './refuse';

export interface RateLimiting {
  hook: GatewayHook;
  /**
   * Which API keys are real credentials (the registry's partner keys). Until this is called, and for
   * any key it does not recognise, the API key header is ignored and the caller spends its address's budget.
   */
  recognizeApiKeys(isKnown: (key: string) => Promise<boolean>): void;
  close(): Promise<void>;
}

/**
 * The budget key: the token subject, else a recognised API key (hashed), else the client IP.
 * `apiKey` must only be passed once it is known to be a credential: an invented key would otherwise
 * buy a fresh budget per value, and rotating it would bypass the per-address limit.
 */
export function rateLimitKey(viewer: Viewer | null, apiKey: string | undefined, ip: string | undefined): string {
  if (viewer) return `sub:${viewer.sub}`;
  if (apiKey) return `key:${createHash('sha256').update(apiKey).digest('base64url').slice(0, 22)}`;
  return `ip:${ip ?? 'unknown'}`;
}

/** How long a key's verdict is reused: a revoked key keeps its own budget at most this long. */
const KEY_VERDICT_TTL_MS = 60_000;

/** The settings rate limiting reads: the budget, its window, the API key header and Redis. */
export type RateLimitingConfig = Pick<GatewayConfig, 'API_KEY_HEADER' | 'RATE_LIMIT_WINDOW_SECONDS' | 'REDIS_URL'> & {
  settings: Pick<GatewayConfig['settings'], 'rateLimitMax'>;
};

/**
 * One request = one point, RATE_LIMIT_MAX points per RATE_LIMIT_WINDOW_SECONDS per client.
 * In memory by default; in Redis when REDIS_URL is set, so that replicas share each client's budget
 * (with an in-memory insurance limiter while Redis is unreachable). Over budget -> 429 + Retry-After.
 * Runs after identity (it needs the subject) and before the body is parsed.
 */
export function createRateLimiting(
  config: RateLimitingConfig,
  logger: Logger,
  onRefuse: (code: string) => void = () => undefined,
): RateLimiting | undefined {
  const points = config.settings.rateLimitMax;
  if (points === 0) return undefined;
  const duration = config.RATE_LIMIT_WINDOW_SECONDS;
  let redis: Redis | undefined;
  let limiter: RateLimiterAbstract;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    redis.on('error', (error: Error) => logger.warn({ reason: error.message }, 'rate limit: redis error'));
    limiter = new RateLimiterRedis({
      storeClient: redis,
      points,
      duration,
      keyPrefix: 'gateway-rl',
      insuranceLimiter: new RateLimiterMemory({ points, duration }),
    });
  } else {
    limiter = new RateLimiterMemory({ points, duration });
  }
  const apiKeyHeaderName = config.API_KEY_HEADER.toLowerCase();
  // Verdicts per key, unknown keys included, so that a key costs one lookup per TTL; fetchMethod
  // also makes concurrent requests with the same key share that lookup.
  let verdicts: LRUCache<string, boolean> | undefined;
  const recognised = async (apiKey: string | string[] | undefined): Promise<string | undefined> => {
    if (!verdicts || typeof apiKey !== 'string' || apiKey === '') return undefined;
    try {
      return (await verdicts.fetch(apiKey)) ? apiKey : undefined;
    } catch (error) {
      // The credential store failed: the caller spends its address's budget rather than fail.
      logger.warn({ reason: (error as Error).message }, 'rate limit: API key lookup failed');
      return undefined;
    }
  };
  const hook: GatewayHook = (request, reply, done) => {
    const viewer = requestState(request.raw)?.viewer ?? null;
    (viewer ? Promise.resolve(undefined) : recognised(request.headers[apiKeyHeaderName]))
      .then((apiKey) => limiter.consume(rateLimitKey(viewer, apiKey, request.ip)))
      .then(
      (result) => {
        reply.header('ratelimit-limit', points);
        reply.header('ratelimit-remaining', result.remainingPoints);
        done();
      },
      (rejection: unknown) => {
        if (rejection instanceof RateLimiterRes) {
          const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
          reply.header('retry-after', String(retryAfter));
          reply.header('ratelimit-limit', points);
          reply.header('ratelimit-remaining', 0);
          onRefuse(GatewayErrorCode.RATE_LIMITED);
          refuse(reply, 429, GatewayErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfter} s`, { retryAfter });
          return;
        }
        // The store failed and no insurance answered: let the request through rather than fail it.
        logger.warn({ reason: (rejection as Error).message }, 'rate limit store failed');
        done();
      },
    );
  };
  return {
    hook,
    recognizeApiKeys(isKnown) {
      // Bounded by the keys' total length: a client rotating long invented keys cannot grow it.
      verdicts = new LRUCache<string, boolean>({
        maxSize: 1 << 20,
        sizeCalculation: (_verdict, key) => key.length + 1,
        ttl: KEY_VERDICT_TTL_MS,
        fetchMethod: (key) => isKnown(key),
      });
    },
    async close() {
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}

import { createHash } from 'node:crypto';
import { type Logger, type Viewer } from '@ecosystem/shared';
import { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type GatewayConfig } from '../config';
import { requestState } from '../context';
import { type GatewayHook } from '../http/hooks';
import { GatewayErrorCode, refuse } from './refuse';

export interface RateLimiting {
  hook: GatewayHook;
  close(): Promise<void>;
}

/** The budget key: the token subject, else the API key (hashed), else the client IP. */
export function rateLimitKey(viewer: Viewer | null, apiKey: string | undefined, ip: string | undefined): string {
  if (viewer) return `sub:${viewer.sub}`;
  if (apiKey) return `key:${createHash('sha256').update(apiKey).digest('base64url').slice(0, 22)}`;
  return `ip:${ip ?? 'unknown'}`;
}

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
  const apiKeyHeader = config.API_KEY_HEADER;
  const apiKeyHeaderName = apiKeyHeader.toLowerCase();
  const hook: GatewayHook = (request, reply, done) => {
    const apiKey = request.headers[apiKeyHeaderName];
    const key = rateLimitKey(requestState(request.raw)?.viewer ?? null, Array.isArray(apiKey) ? apiKey.join(', ') : apiKey, request.ip);
    limiter.consume(key).then(
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
    async close() {
      if (redis) await redis.quit().catch(() => undefined);
    },
  };
}

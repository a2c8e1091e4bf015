import { parseEnv } from '@ecosystem/shared';
import { z } from 'zod';

/** The events subgraph's own settings (beside the common subgraph ones, read by runSubgraph). */
export const eventsEnvSchema = z.object({
  /** Redis for registration changes' pub/sub across replicas; unset = in this process only. */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').optional(),
});

export function loadEventsConfig(env?: Record<string, string | undefined>): z.infer<typeof eventsEnvSchema> {
  return parseEnv(eventsEnvSchema, env);
}

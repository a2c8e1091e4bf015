import { parseEnv, pubSubEnvSchema } from '@ecosystem/shared';
import { type z } from 'zod';

/** The events subgraph's own settings (beside the common subgraph ones, read by runSubgraph): REDIS_URL for registration changes. */
export const eventsEnvSchema = pubSubEnvSchema;

export function loadEventsConfig(env?: Record<string, string | undefined>): z.infer<typeof eventsEnvSchema> {
  return parseEnv(eventsEnvSchema, env);
}

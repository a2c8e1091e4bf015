import { parseEnv, pubSubEnvSchema } from '@ecosystem/shared';
import { type z } from 'zod';

/** The datasets subgraph's own settings (beside the common subgraph ones, read by runSubgraph): REDIS_URL for its subscriptions' pub/sub. */
export const datasetsEnvSchema = pubSubEnvSchema;

export function loadDatasetsConfig(env?: Record<string, string | undefined>): z.infer<typeof datasetsEnvSchema> {
  return parseEnv(datasetsEnvSchema, env);
}

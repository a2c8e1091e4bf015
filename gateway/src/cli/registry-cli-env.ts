// The CLIs load no more than they use: parse-env alone, not the shared index (TypeORM, Apollo,
// type-graphql), which would make every call of a CLI take seconds more on a loaded machine.
import { parseEnv } from '@ecosystem/shared/dist/config/parse-env';
import { z } from 'zod';

/** Settings of the `subgraph` and `supergraph` CLIs. */
export const registryCliEnvSchema = z
  .object({
    /** The gateway whose admin API the CLI calls; unset: the one `npm start` runs with the same PORT. */
    GATEWAY_URL: z.url().optional(),
    /** The gateway's port, as `npm start` reads it (4000 by default). */
    PORT: z.coerce.number().int().min(1).max(65535).default(4000),
    /** An admin JWT (`npm run token -- --role admin`) or a partner API key (`egk_...`). */
    GATEWAY_TOKEN: z.string().optional(),
  })
  .transform(({ GATEWAY_URL, PORT, GATEWAY_TOKEN }) => ({
    GATEWAY_URL: GATEWAY_URL ?? `http://localhost:${PORT}`,
    GATEWAY_TOKEN,
  }));

export function loadRegistryCliConfig(env?: Record<string, string | undefined>): z.infer<typeof registryCliEnvSchema> {
  return parseEnv(registryCliEnvSchema, env);
}

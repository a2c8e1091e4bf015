import { parseEnv } from '@ecosystem/shared';
import { z } from 'zod';

/** The template's own setting: the name it is published under (also the audience of its identity tokens). */
export const partnerEnvSchema = z.object({
  /** Must equal the name given to `npm run subgraph -- publish --name`. */
  PARTNER_SUBGRAPH_NAME: z
    .string()
    .regex(/^[a-z][a-z0-9-]{2,40}$/)
    .default('campus-template'),
});

export function partnerSubgraphName(env?: Record<string, string | undefined>): string {
  return parseEnv(partnerEnvSchema, env).PARTNER_SUBGRAPH_NAME;
}

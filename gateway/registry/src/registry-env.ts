import { databaseEnvSchema, envBoolean, envList } from '@ecosystem/shared';
import { z } from 'zod';
import { DEFAULT_POLICY_FILE } from './policy';
import { routingHostsProblems } from './routing-hosts';

const int = (min: number) => z.coerce.number().int().min(min);

/**
 * Settings of the schema registry; see docs/partners.md. Its database settings are shared's
 * (`databaseEnvSchema`): the registry lives in the database `<DB_PREFIX>_gateway` of DATABASE_URL,
 * else in `DATA_DIR/gateway.sqlite` (sql.js).
 */
export const registryEnvSchema = databaseEnvSchema.pick({ DATABASE_URL: true, DB_PREFIX: true, DATA_DIR: true }).extend({
  /** Connections in the registry's MySQL pool (shared's setting, with the registry's own default). */
  DB_POOL_SIZE: databaseEnvSchema.shape.DB_POOL_SIZE.unwrap().default(5),
  /** The ownership policy file: which core entities partners may extend. */
  OWNERSHIP_POLICY_FILE: z.string().default(DEFAULT_POLICY_FILE),
  /** Record the operations clients send (signature, last document, first/last seen). */
  OPERATION_RECORDING: envBoolean.default(true),
  /** How often recorded operations are written (one batched statement per 200). */
  OPERATION_FLUSH_INTERVAL_MS: int(100).default(5000),
  /** Distinct operations buffered between two writes; more are dropped until the next write. */
  OPERATION_BUFFER_MAX: int(1).default(1000),
  /** Operations sent within this many days are checked for breaking changes and warmed before a swap. */
  OPERATION_WINDOW_DAYS: int(1).default(30),
  /** At most this many recorded operations (newest first) are checked and warmed. */
  OPERATION_CHECK_LIMIT: int(1).default(2000),
  /** How often a replica looks for a supergraph accepted by another replica (0 = never). */
  REGISTRY_POLL_INTERVAL_MS: int(0).default(5000),
  /** A swap waits at most this long for the GraphQL requests in flight (new ones wait at the gate meanwhile). */
  SWAP_DRAIN_TIMEOUT_MS: int(0).default(2000),
  /** Timeout of the reachability check (resolving the routing host, then fetching the published subgraph's SDL). */
  REGISTRY_CHECK_TIMEOUT_MS: int(100).default(5000),
  /**
   * Routing hosts partner subgraphs may use, comma-separated: host names, `*.domains`, addresses and
   * CIDR ranges. Unset: any host but link-local and cloud metadata addresses (docs/partners.md).
   */
  PARTNER_ROUTING_HOSTS: envList
    .superRefine((entries, ctx) => {
      for (const message of routingHostsProblems(entries)) ctx.addIssue({ code: 'custom', message });
    })
    .default([]),
  /** Port of the registry run as its own process (`npm run registry`). */
  REGISTRY_PORT: z.coerce.number().int().min(0).max(65535).default(4100),
  /**
   * A gateway with this set follows the registry process at this URL (`GET <url>/supergraph`, every
   * REGISTRY_POLL_INTERVAL_MS) instead of opening a registry of its own.
   */
  REGISTRY_URL: z.url({ protocol: /^https?$/, message: 'must be the http(s) URL of a registry process, e.g. http://registry:4100' }).optional(),
  /** Bearer token a registry process asks of `GET /supergraph`, and a gateway following it sends. */
  REGISTRY_TOKEN: z.string().min(16).optional(),
});
export type RegistryEnv = z.infer<typeof registryEnvSchema>;

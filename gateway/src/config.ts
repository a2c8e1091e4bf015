import { assertProductionSecrets, commonEnvSchema, ConfigError, databaseEnvSchema, DEV_USER_JWT_SECRET, envBoolean, parseEnv } from '@ecosystem/shared';
import { z } from 'zod';
import { cacheEnvSchema } from './cache/cache-env';
import { analystEnvSchema } from './playground/playground-env';
import { registryEnvSchema } from '@ecosystem/registry';
import { deriveProductionSettings, productionEnvSchema, type ProductionSettings } from './settings/production-env';

export const CORE_SUBGRAPHS = ['members', 'datasets', 'training', 'events'] as const;
export type CoreSubgraphName = (typeof CORE_SUBGRAPHS)[number];

export const gatewayEnvSchema = commonEnvSchema.extend({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  SUBGRAPH_MEMBERS_URL: z.url().default('http://localhost:4001/graphql'),
  SUBGRAPH_DATASETS_URL: z.url().default('http://localhost:4002/graphql'),
  SUBGRAPH_TRAINING_URL: z.url().default('http://localhost:4003/graphql'),
  SUBGRAPH_EVENTS_URL: z.url().default('http://localhost:4004/graphql'),
  /** HS256 secret of the callers' JWTs (development; production uses a strong secret). */
  JWT_SECRET: z.string().min(32).default(DEV_USER_JWT_SECRET),
  /** Expected `iss` of callers' JWTs, when set. */
  JWT_ISSUER: z.string().optional(),
  /** Expected `aud` of callers' JWTs, when set. */
  JWT_AUDIENCE: z.string().optional(),
  /** Lifetime of the identity token the gateway signs for each subgraph fetch. */
  IDENTITY_TOKEN_TTL_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  /** Where the last accepted supergraph is kept, so the gateway can start while a subgraph is down. */
  DATA_DIR: databaseEnvSchema.shape.DATA_DIR,
  /** How long start-up waits for the subgraphs before falling back to the last accepted supergraph. */
  STARTUP_COMPOSE_TIMEOUT_MS: z.coerce.number().int().min(0).default(60_000),
  INTROSPECTION: envBoolean.optional(),
  /**
   * Static mode: serve the supergraph SDL of this file (followed on disk), compose nothing, route each
   * subgraph to its `join__graph(url:)` unless `SUBGRAPH_<NAME>_URL` is set explicitly.
   */
  SUPERGRAPH_FILE: z.string().min(1).optional(),
})
  .extend(productionEnvSchema.shape)
  .extend(registryEnvSchema.shape)
  .extend(analystEnvSchema.shape)
  .extend(cacheEnvSchema.shape);

export type GatewayConfig = z.infer<typeof gatewayEnvSchema> & {
  subgraphs: { name: CoreSubgraphName; url: string }[];
  production: boolean;
  introspection: boolean;
  /** Derived production settings: masking, rate limit, per-subgraph claims and timeouts. */
  settings: ProductionSettings;
  /**
   * The `SUBGRAPH_<NAME>_URL` variables set explicitly (not their defaults), by `<NAME>` (upper case,
   * `-` as `_`): in static mode they override the supergraph's routing URL of that subgraph.
   */
  subgraphUrlOverrides: Map<string, string>;
};

const SUBGRAPH_URL_VARIABLE = /^SUBGRAPH_([A-Z0-9_]+)_URL$/;

/** The key of a subgraph name in `subgraphUrlOverrides` (`partner-trials` -> `PARTNER_TRIALS`). */
export function subgraphEnvKey(name: string): string {
  return name.toUpperCase().replace(/-/g, '_');
}

function explicitSubgraphUrls(env: Record<string, string | undefined>): Map<string, string> {
  const overrides = new Map<string, string>();
  for (const [variable, value] of Object.entries(env)) {
    const match = SUBGRAPH_URL_VARIABLE.exec(variable);
    if (!match || value === undefined || value === '') continue;
    const parsed = z.url().safeParse(value);
    if (!parsed.success) throw new ConfigError([`${variable}: must be a URL`]);
    overrides.set(match[1]!, value);
  }
  return overrides;
}

/**
 * @apollo/gateway reports usage to Apollo over OTLP and probes cloud metadata endpoints (AWS, GCP,
 * Azure, Alibaba) at construction, unless APOLLO_TELEMETRY_DISABLED is set. A health-data gateway
 * sends nothing to third parties: it is off unless an operator sets APOLLO_TELEMETRY_DISABLED=false.
 */
export function disableApolloTelemetry(env: Record<string, string | undefined> = process.env): void {
  if (env.APOLLO_TELEMETRY_DISABLED === undefined) env.APOLLO_TELEMETRY_DISABLED = 'true';
}

export function loadGatewayConfig(env?: Record<string, string | undefined>): GatewayConfig {
  const parsed = parseEnv(gatewayEnvSchema, env);
  const settings = deriveProductionSettings(parsed, env ?? process.env);
  const subgraphUrlOverrides = explicitSubgraphUrls(env ?? process.env);
  if (parsed.SUPERGRAPH_FILE && parsed.REGISTRY_URL) {
    throw new ConfigError(['SUPERGRAPH_FILE and REGISTRY_URL: set one (a file to serve, or a registry to follow), not both']);
  }
  // With a JWKS, JWT_SECRET is unused: its development default is then no risk.
  assertProductionSecrets(parsed.JWT_JWKS_URL ? { ...parsed, JWT_SECRET: undefined } : parsed);
  const production = parsed.NODE_ENV === 'production';
  return {
    ...parsed,
    production,
    introspection: parsed.INTROSPECTION ?? !production,
    settings,
    subgraphUrlOverrides,
    subgraphs: [
      { name: 'members', url: parsed.SUBGRAPH_MEMBERS_URL },
      { name: 'datasets', url: parsed.SUBGRAPH_DATASETS_URL },
      { name: 'training', url: parsed.SUBGRAPH_TRAINING_URL },
      { name: 'events', url: parsed.SUBGRAPH_EVENTS_URL },
    ],
  };
}

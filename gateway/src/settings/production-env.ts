import { ConfigError, envBoolean, envList, pubSubEnvSchema } from '@ecosystem/shared';
import { z } from 'zod';

/** `Type.field=number,...` from the environment. */
const envFieldNumbers = z.string().transform((value, ctx) => {
  const map = new Map<string, number>();
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = /^([A-Za-z_]\w*\.[A-Za-z_]\w*)=(\d+(?:\.\d+)?)$/.exec(item);
    if (!match?.[1] || !match[2]) {
      ctx.addIssue({ code: 'custom', message: `"${item}" is not Type.field=number` });
      continue;
    }
    map.set(match[1], Number(match[2]));
  }
  return map;
});

const int = (min: number) => z.coerce.number().int().min(min);

/**
 * Settings of the request policies: identity, limits, rate limiting, persisted
 * operations, masking, resilience, observability and web hygiene. Every one has a default; see
 * docs/security.md and docs/operations.md.
 */
export const productionEnvSchema = z.object({
  // --- identity
  /** JWKS URL of the identity provider; when set, callers' JWTs are verified against it instead of JWT_SECRET. */
  JWT_JWKS_URL: z.url().optional(),
  /** Algorithms accepted from the JWKS (HS256 is always the only one with JWT_SECRET). */
  JWT_ALGORITHMS: envList.default(['RS256', 'ES256', 'PS256', 'EdDSA']),
  /** How long fetched JWKS keys are trusted before a refetch. */
  JWKS_CACHE_MAX_AGE_MS: int(0).default(600_000),
  /** Minimum time between two JWKS refetches (an unknown `kid` triggers one: key rotation). */
  JWKS_COOLDOWN_MS: int(0).default(30_000),
  /** Clock skew tolerated on exp/nbf of callers' tokens. */
  JWT_CLOCK_TOLERANCE_SECONDS: int(0).default(5),
  /** Longest accepted lifetime of a caller's token: its `exp` at most this far from now (and from its `iat`). */
  JWT_MAX_TTL_SECONDS: int(60).default(86_400),
  /** Verified callers' tokens kept in memory (0 disables the cache). */
  JWT_CACHE_SIZE: int(0).default(10_000),

  // --- limits
  /** Deepest selection nesting accepted. */
  MAX_DEPTH: int(1).default(12),
  /** Aliases per operation. */
  MAX_ALIASES: int(0).default(30),
  /** Directives per operation. */
  MAX_DIRECTIVES: int(0).default(50),
  /** Deferred fragments (@defer parts, each run as its own operation) per operation. */
  MAX_DEFERRED_FRAGMENTS: int(0).default(10),
  /** Lexical tokens per document. */
  MAX_TOKENS: int(1).default(5000),
  /** Nesting of objects and lists in one variable's value or `extensions` entry, refused before anything recursive walks it. */
  MAX_VARIABLE_NESTING: int(1).default(64),
  /** Nesting of a document's brackets ({ [ (), refused before the document is parsed; above what MAX_DEPTH lets through. */
  MAX_DOCUMENT_NESTING: int(1).default(128),
  /** Highest computed cost of an operation (0 disables the cost limit). */
  MAX_COST: int(0).default(150_000),
  /** Cost of an object field. */
  COST_OBJECT: int(0).default(1),
  /** Cost of a scalar or enum field, `__typename` included: at least 1, what a leaf costs to compute and send. */
  COST_SCALAR: int(1).default(1),
  /** Items assumed in a list field without first/last/limit argument. */
  COST_LIST_SIZE: int(1).default(10),
  /** Per-field cost overrides, `Type.field=cost,...`. */
  COST_FIELD_WEIGHTS: envFieldNumbers.default(new Map()),
  /** Per-field assumed list sizes, `Type.field=size,...`. */
  COST_LIST_SIZES: envFieldNumbers.default(new Map()),
  /** Largest response body the gateway will send, in bytes (0 disables the bound). */
  MAX_RESPONSE_BYTES: int(0).default(5_242_880),
  /** Largest request body, in bytes. */
  MAX_BODY_BYTES: int(1).default(1_048_576),
  /** Operations per HTTP batch; 1 turns batching off. */
  MAX_BATCH_OPERATIONS: int(1).default(1),
  /** Hides "Did you mean ...?" field suggestions (default: on in production). */
  BLOCK_FIELD_SUGGESTIONS: envBoolean.optional(),

  // --- rate limiting
  /** Requests per client per window (0 disables; default 600, but 0 when NODE_ENV=test). */
  RATE_LIMIT_MAX: int(0).optional(),
  /** Length of the rate-limit window, in seconds. */
  RATE_LIMIT_WINDOW_SECONDS: int(1).default(60),
  /** Header carrying a client's API key (rate-limit key when there is no token). */
  API_KEY_HEADER: z.string().toLowerCase().default('x-api-key'),
  /** Redis for shared rate-limit budgets across replicas (memory when unset). */
  REDIS_URL: pubSubEnvSchema.shape.REDIS_URL,
  /** Express `trust proxy`: hops of reverse proxies whose X-Forwarded-For is believed (0 = none). */
  TRUST_PROXY_HOPS: int(0).default(0),

  // --- persisted operations
  /** Automatic persisted queries (hash first, text on a miss). */
  APQ_ENABLED: envBoolean.default(true),
  /** JSON manifest of trusted documents (id -> document); unset = trusted-documents mode off. */
  TRUSTED_DOCUMENTS_FILE: z.string().optional(),
  /** With a manifest: refuse operations not in it (false = run them but log and count them). */
  TRUSTED_DOCUMENTS_ENFORCE: envBoolean.default(true),

  // --- masking
  /** Masks internal errors, subgraph names and URLs (default: on in production). */
  MASK_ERRORS: envBoolean.optional(),

  // --- resilience
  /** Timeout of one subgraph fetch (override per subgraph with SUBGRAPH_TIMEOUT_MS_<NAME>). */
  SUBGRAPH_TIMEOUT_MS: int(1).default(10_000),
  /** Most keep-alive connections open to one subgraph; 0 = one per concurrent fetch, unbounded. */
  SUBGRAPH_CONNECTIONS: int(0).default(0),
  /** Identical subgraph queries in flight (same body, identity token and propagated headers) share one fetch. */
  SUBGRAPH_DEDUPLICATE_QUERIES: envBoolean.default(true),
  /** Circuit breaker per subgraph. */
  CIRCUIT_BREAKER_ENABLED: envBoolean.default(true),
  /** Failure percentage over the rolling window that opens a circuit. */
  CIRCUIT_ERROR_THRESHOLD_PERCENT: int(1).max(100).default(50),
  /** Fetches in the rolling window before the circuit may open. */
  CIRCUIT_VOLUME_THRESHOLD: int(1).default(5),
  /** Failed fetches in a row (no answer in between) that open a circuit whatever the traffic. 0 = off. */
  CIRCUIT_CONSECUTIVE_FAILURES: int(0).default(3),
  /** Without health probes: cool-down of an open circuit before one client fetch goes through (half-open). */
  CIRCUIT_RESET_TIMEOUT_MS: int(1).default(10_000),
  /** While a circuit is open, the gateway asks the subgraph `{ __typename }` this often; an answer closes it. 0 = no probes. */
  CIRCUIT_PROBE_INTERVAL_MS: int(0).default(1_000),
  /** Rolling window over which failures are counted. */
  CIRCUIT_ROLLING_WINDOW_MS: int(100).default(10_000),
  /** Longest wait for in-flight requests at shutdown before connections are cut. */
  SHUTDOWN_TIMEOUT_MS: int(0).default(15_000),

  // --- standard exports
  /** RDF standard exports converted at once (each holds the document, its triples and its serialisation: a catalogue as Turtle, tens of MB). */
  EXPORT_CONVERSIONS: int(1).default(2),
  /** RDF standard exports waiting for a conversion; one more is refused 503 SERVICE_UNAVAILABLE with Retry-After. */
  EXPORT_CONVERSIONS_WAITING: int(0).default(16),

  // --- subscriptions
  /** Open subscriptions per client (its viewer, else its address); one more is refused TOO_MANY_SUBSCRIPTIONS. */
  SUBSCRIPTIONS_PER_CLIENT: int(1).default(10),
  /**
   * Open WebSocket sockets and Server-Sent Events streams per client address (TRUST_PROXY_HOPS
   * applied), whatever the tokens presented; one more is refused: SSE 429 TOO_MANY_CONNECTIONS,
   * WebSocket closed 1013 with reason TOO_MANY_CONNECTIONS.
   */
  SUBSCRIPTION_CONNECTIONS_PER_ADDRESS: int(1).default(100),
  /** graphql-ws ping interval; Server-Sent Events streams carry a comment every 12 s (graphql-sse's own). */
  SUBSCRIPTION_KEEPALIVE_MS: int(1000).default(12_000),

  // --- observability
  /** Prometheus metrics at /metrics. */
  METRICS_ENABLED: envBoolean.default(true),
  /** When set, /metrics requires `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z.string().optional(),
  /** Distinct operation names labelled in metrics; later ones are counted as "other". */
  METRICS_MAX_OPERATION_NAMES: int(1).default(200),
  /** OTLP/HTTP endpoint for traces (e.g. http://collector:4318); unset = tracing off. */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  /** service.name of the traces. */
  OTEL_SERVICE_NAME: z.string().default('gateway'),

  // --- web hygiene
  /** Origins allowed by CORS (exact origins, comma-separated); empty = local origins outside production, none in production. */
  CORS_ORIGINS: envList.default([]),
  /** Apollo's CSRF prevention (requires a non-simple request). */
  CSRF_PREVENTION: envBoolean.default(true),
  /** Incoming headers copied onto every subgraph request (e.g. x-tenant); Accept-Language always is, reduced to fr/en. */
  PROPAGATE_HEADERS: envList.default([]),
});

export type ProductionEnv = z.infer<typeof productionEnvSchema>;

/** The claims a subgraph may receive in its identity token. */
export const IDENTITY_CLAIM_NAMES = ['sub', 'org', 'roles'] as const;
export type IdentityClaimName = (typeof IDENTITY_CLAIM_NAMES)[number];

/** Settings derived once from the environment. */
export interface ProductionSettings {
  maskErrors: boolean;
  blockFieldSuggestions: boolean;
  rateLimitMax: number;
  /** Claims granted per subgraph (SUBGRAPH_CLAIMS_<NAME>); subgraphs not listed get every claim. */
  subgraphClaims: Map<string, IdentityClaimName[]>;
  /** Fetch timeout per subgraph (SUBGRAPH_TIMEOUT_MS_<NAME>), else SUBGRAPH_TIMEOUT_MS. */
  subgraphTimeouts: Map<string, number>;
}

/** Reads the per-subgraph settings (`SUBGRAPH_CLAIMS_<NAME>`, `SUBGRAPH_TIMEOUT_MS_<NAME>`). */
export function deriveProductionSettings(
  parsed: ProductionEnv & { NODE_ENV: string },
  env: Record<string, string | undefined>,
): ProductionSettings {
  const production = parsed.NODE_ENV === 'production';
  const subgraphClaims = new Map<string, IdentityClaimName[]>();
  const subgraphTimeouts = new Map<string, number>();
  const issues: string[] = [];
  for (const [key, raw] of Object.entries(env)) {
    if (raw === undefined || raw === '') continue;
    const claims = /^SUBGRAPH_CLAIMS_([A-Z0-9_]+)$/.exec(key);
    if (claims?.[1]) {
      const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = list.filter((c) => !(IDENTITY_CLAIM_NAMES as readonly string[]).includes(c));
      if (unknown.length > 0) issues.push(`${key}: unknown claims ${unknown.join(', ')} (allowed: ${IDENTITY_CLAIM_NAMES.join(', ')})`);
      subgraphClaims.set(claims[1].toLowerCase(), list as IdentityClaimName[]);
    }
    const timeout = /^SUBGRAPH_TIMEOUT_MS_([A-Z0-9_]+)$/.exec(key);
    if (timeout?.[1]) {
      const ms = Number(raw);
      if (!Number.isInteger(ms) || ms < 1) issues.push(`${key}: must be a positive integer`);
      subgraphTimeouts.set(timeout[1].toLowerCase(), ms);
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return {
    maskErrors: parsed.MASK_ERRORS ?? production,
    blockFieldSuggestions: parsed.BLOCK_FIELD_SUGGESTIONS ?? production,
    rateLimitMax: parsed.RATE_LIMIT_MAX ?? (parsed.NODE_ENV === 'test' ? 0 : 600),
    subgraphClaims,
    subgraphTimeouts,
  };
}

import { type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache, PrefixingKeyValueCache } from '@apollo/utils.keyvaluecache';
import { type AppError, httpStatusFor, isAcceptLanguage, languageFromHeader, type Logger, type Viewer } from '@ecosystem/shared';
import cors from 'cors';
import express, { type ErrorRequestHandler, type Express, type Request, type RequestHandler } from 'express';
import { type GatewayConfig } from '../config';
import { type GatewayContext, requestState } from '../context';
import { documentNestsTooDeep, type NestingLimits, tooDeepVariable } from '../input/nesting';
import { createOperationLimits, type OperationLimitsConfig } from '../limits/operation-limits';
import { GatewayMetrics } from '../observability/metrics';
import { startTracing, type Tracing, type TracingConfig } from '../observability/tracing';
import { createErrorFormatter, requestIdOnErrorsPlugin } from '../security/error-masking';
import { createIdentityVerifier, type IdentityVerifier, type IdentityVerifierConfig } from '../security/identity';
import { introspectionDisabledRule, subscriptionsNotServedPlugin } from '../security/introspection';
import { persistedQueryShapeMiddleware } from '../security/persisted-query-shape';
import { createRateLimiting, type RateLimiting, type RateLimitingConfig } from '../security/rate-limit';
import { bigIntLiteralsRule } from '../input/input-coercion';
import { GatewayErrorCode, refuse } from '../security/refuse';
import { loadTrustedDocuments, trustedDocumentsMiddleware } from '../security/trusted-documents';

type ApolloProductionOptions = Pick<
  ApolloServerOptions<GatewayContext>,
  | 'validationRules'
  | 'parseOptions'
  | 'formatError'
  | 'includeStacktraceInErrorResponses'
  | 'allowBatchedHttpRequests'
  | 'csrfPrevention'
  | 'persistedQueries'
  | 'stopOnTerminationSignals'
>;

/**
 * The settings the request policies read: those of the modules they build (identity, rate limiting,
 * tracing, operation limits), and their own (metrics, trusted documents, batches, bodies, CORS,
 * introspection, masking, propagated headers).
 */
export type RequestPoliciesConfig = IdentityVerifierConfig &
  RateLimitingConfig &
  TracingConfig &
  OperationLimitsConfig &
  NestingLimits &
  Pick<
    GatewayConfig,
    | 'APQ_ENABLED'
    | 'CORS_ORIGINS'
    | 'CSRF_PREVENTION'
    | 'MAX_BATCH_OPERATIONS'
    | 'MAX_BODY_BYTES'
    | 'METRICS_ENABLED'
    | 'METRICS_MAX_OPERATION_NAMES'
    | 'METRICS_TOKEN'
    | 'PROPAGATE_HEADERS'
    | 'TRUSTED_DOCUMENTS_ENFORCE'
    | 'TRUSTED_DOCUMENTS_FILE'
    | 'TRUST_PROXY_HOPS'
    | 'introspection'
    | 'production'
  > & { settings: Pick<GatewayConfig['settings'], 'maskErrors' | 'blockFieldSuggestions'> };

/**
 * The policies every GraphQL request goes through, built once at start: identity (401), rate limit
 * (429), body and batch limits, trusted documents (the HTTP handlers in front of Apollo Server), the
 * operation limits, validation rules and error masking (Apollo Server's options and plugins),
 * metrics and tracing, CORS, and the drain at shutdown. create-gateway.ts plugs them in.
 */
export class RequestPolicies {
  readonly identity: IdentityVerifier;
  readonly metrics: GatewayMetrics | undefined;
  private readonly rateLimiting: RateLimiting | undefined;
  private readonly tracing: Tracing | undefined;
  private readonly trustedDocuments: Map<string, string> | undefined;
  /**
   * The automatic persisted queries' store, created here and handed to Apollo Server (its public
   * `persistedQueries.cache` option) so that the @defer path reads and registers the very entries
   * /graphql does; undefined when APQ is off.
   */
  private readonly apqCache: KeyValueCache<string> | undefined;
  private draining = false;
  private limits: ReturnType<typeof createOperationLimits> | undefined;
  private readonly onRefuse = (code: string): void => this.metrics?.refused(code);

  constructor(
    private readonly config: RequestPoliciesConfig,
    private readonly logger: Logger,
  ) {
    this.identity = createIdentityVerifier(config);
    this.metrics = config.METRICS_ENABLED ? new GatewayMetrics(config.METRICS_MAX_OPERATION_NAMES) : undefined;
    this.rateLimiting = createRateLimiting(config, logger, this.onRefuse);
    this.tracing = startTracing(config, logger);
    this.trustedDocuments = config.TRUSTED_DOCUMENTS_FILE ? loadTrustedDocuments(config.TRUSTED_DOCUMENTS_FILE) : undefined;
    this.apqCache = config.APQ_ENABLED && !(this.trustedDocuments && config.TRUSTED_DOCUMENTS_ENFORCE) ? new InMemoryLRUCache<string>() : undefined;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** OpenTelemetry traces are exported (OTEL_EXPORTER_OTLP_ENDPOINT). */
  get tracingEnabled(): boolean {
    return this.tracing !== undefined;
  }

  apolloOptions(): ApolloProductionOptions {
    const mask = this.config.settings.maskErrors;
    const limits = this.operationLimits();
    return {
      // Introspection off: the gateway's own refusal (Apollo Server's `introspection` stays on, see create-gateway.ts).
      validationRules: [...limits.validationRules, bigIntLiteralsRule, ...(this.config.introspection ? [] : [introspectionDisabledRule])],
      parseOptions: limits.parseOptions,
      formatError: createErrorFormatter(mask, { hideSuggestions: this.config.settings.blockFieldSuggestions }),
      // Never, in any mode: a stack names files and subgraph internals (see error-masking.ts).
      includeStacktraceInErrorResponses: false,
      allowBatchedHttpRequests: this.config.MAX_BATCH_OPERATIONS > 1,
      csrfPrevention: this.config.CSRF_PREVENTION,
      // main.ts owns SIGTERM/SIGINT (drain first, then stop Apollo); Apollo's own handlers would re-raise at once.
      stopOnTerminationSignals: false,
      persistedQueries: this.apqCache ? { cache: this.apqCache } : false,
    };
  }

  /**
   * The APQ store for the @defer path, keyed as Apollo Server keys its own entries in the store it
   * is given (`apq:` + the query's sha256): one key space, one memory bound for both paths.
   */
  persistedQueries(): KeyValueCache<string> | undefined {
    return this.apqCache ? new PrefixingKeyValueCache(this.apqCache, 'apq:') : undefined;
  }

  apolloPlugins(): ApolloServerPlugin<GatewayContext>[] {
    const limits = this.operationLimits();
    return [
      // First: a subscription on POST is told where subscriptions are served, before any limit.
      subscriptionsNotServedPlugin(),
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      requestIdOnErrorsPlugin(),
      ...(this.metrics ? [this.metrics.plugin()] : []),
    ];
  }

  private operationLimits(): ReturnType<typeof createOperationLimits> {
    this.limits ??= createOperationLimits(this.config);
    return this.limits;
  }

  /** App-level settings and routes: trust proxy, CORS, /metrics. */
  install(app: Express): void {
    if (this.config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', this.config.TRUST_PROXY_HOPS);
    // App-wide and first: other routers on /graphql (the playground's GET) would answer preflights themselves.
    const origins = corsOrigins(this.config);
    if (origins.length > 0) {
      app.use(cors({ origin: origins, credentials: true, maxAge: 600, exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining'] }));
    }
    const metrics = this.metrics;
    if (metrics) {
      const token = this.config.METRICS_TOKEN;
      app.get('/metrics', (req, res) => {
        if (token && req.header('authorization') !== `Bearer ${token}`) {
          res.status(401).type('text/plain').send('unauthorized');
          return;
        }
        metrics.registry.metrics().then(
          (text) => res.type(metrics.registry.contentType).send(text),
          (error: unknown) => res.status(500).type('text/plain').send((error as Error).message),
        );
      });
    }
  }

  /** Runs before the body is read: drain marker, identity (401), rate limit (429). */
  beforeBody(): RequestHandler[] {
    // The drain marker and identity in one handler: each handler is one more step of express's router.
    const handlers: RequestHandler[] = [];
    handlers.push((req, res, next) => {
      if (this.draining) res.setHeader('connection', 'close');
      const authorization = req.headers.authorization;
      const state = requestState(req)!;
      if (!authorization) {
        // Anonymous (what viewerFrom answers for no header), without waiting for a promise.
        state.viewer = null;
        next();
        return;
      }
      this.identity.viewerFrom(authorization).then(
        (viewer) => {
          state.viewer = viewer;
          next();
        },
        (error: unknown) => {
          const appError = error as AppError;
          this.metrics?.refused(appError.code ?? 'UNAUTHENTICATED');
          // An invalid or expired token is refused, never downgraded to anonymous.
          refuse(res, appError.code ? httpStatusFor(appError.code) : 401, appError.code ?? 'UNAUTHENTICATED', appError.message);
        },
      );
    });
    if (this.rateLimiting) handlers.push(this.rateLimiting.middleware);
    return handlers;
  }

  /** The body parser (MAX_BODY_BYTES) with its refusals. */
  bodyParser(): (RequestHandler | ErrorRequestHandler)[] {
    const tooLarge: ErrorRequestHandler = (error: { type?: string }, req, res, next) => {
      if (error.type === 'entity.too.large') {
        this.metrics?.refused(GatewayErrorCode.PAYLOAD_TOO_LARGE);
        refuse(res, 413, GatewayErrorCode.PAYLOAD_TOO_LARGE, `Request body larger than ${this.config.MAX_BODY_BYTES} bytes`);
        return;
      }
      if (error.type === 'entity.parse.failed') {
        refuse(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
        return;
      }
      // The body parser's other refusals (an unknown Content-Encoding, a body that does not decode as
      // its Content-Encoding says, an unknown charset) would reach express's HTML error page and log a stack.
      const status = (error as { status?: number }).status;
      if (status !== undefined && status >= 400 && status < 500) {
        const requestId = requestState(req)?.requestId;
        const unsupported = status === 415;
        const code = unsupported ? GatewayErrorCode.UNSUPPORTED_MEDIA_TYPE : 'BAD_REQUEST';
        const encoding = req.headers['content-encoding'];
        const message =
          error.type === 'charset.unsupported'
            ? 'Unsupported charset in Content-Type: send the body as UTF-8'
            : unsupported
              ? `Unsupported Content-Encoding "${String(encoding)}": send identity, gzip, deflate or br`
              : encoding
                ? `The body could not be decoded as its Content-Encoding (${String(encoding)}) says`
                : 'The request body could not be read';
        this.logger.warn({ requestId, code, status, reason: (error as { message?: string }).message }, 'request body refused');
        this.metrics?.refused(code);
        refuse(res, status, code, message, { field: error.type === 'charset.unsupported' ? 'content-type' : 'content-encoding' });
        return;
      }
      next(error);
    };
    return [express.json({ limit: this.config.MAX_BODY_BYTES }), tooLarge];
  }

  /** Runs after the body is read: batch size, trusted documents, the shape of extensions.persistedQuery. */
  afterBody(): RequestHandler[] {
    const max = this.config.MAX_BATCH_OPERATIONS;
    const handlers: RequestHandler[] = [
      (req, res, next) => {
        if (this.refusedTooDeep(req, res)) return;
        if (Array.isArray(req.body)) {
          if (max <= 1) {
            this.metrics?.refused(GatewayErrorCode.BATCHING_DISABLED);
            refuse(res, 400, GatewayErrorCode.BATCHING_DISABLED, 'Batched operations are not accepted');
            return;
          }
          if (req.body.length > max) {
            this.metrics?.refused(GatewayErrorCode.BATCH_TOO_LARGE);
            refuse(res, 400, GatewayErrorCode.BATCH_TOO_LARGE, `At most ${max} operations per batch`);
            return;
          }
        }
        next();
      },
    ];
    if (this.trustedDocuments) {
      handlers.push(
        trustedDocumentsMiddleware(this.trustedDocuments, this.config.TRUSTED_DOCUMENTS_ENFORCE, this.logger, this.onRefuse),
      );
    }
    // After the trusted documents, whose manifest ids may be sent as sha256Hash and are resolved there.
    handlers.push(persistedQueryShapeMiddleware(this.onRefuse));
    return handlers;
  }

  /** The nesting bound alone (refusedTooDeep), for the endpoints that take a GraphQL body beside /graphql. */
  nestingLimit(): RequestHandler {
    return (req, res, next) => {
      if (!this.refusedTooDeep(req, res)) next();
    };
  }

  /**
   * Refuses a document, variables or extensions nested deeper than anything recursive (parser,
   * coercion, input hygiene, JSON.stringify of a body passed on) can walk: 400 before any of them
   * runs. POST bodies (single or batched) and GET parameters.
   */
  private refusedTooDeep(req: Request, res: express.Response): boolean {
    const operations: { query?: unknown; variables?: unknown; extensions?: unknown }[] = [];
    if (Array.isArray(req.body)) operations.push(...(req.body as { query?: unknown; variables?: unknown }[]));
    else if (req.body && typeof req.body === 'object') operations.push(req.body as { query?: unknown; variables?: unknown });
    if (req.method === 'GET' && req.query) {
      let variables: unknown = req.query.variables;
      if (typeof variables === 'string') {
        try {
          variables = JSON.parse(variables);
        } catch {
          variables = undefined; // Apollo Server says what is wrong with it
        }
      }
      operations.push({ query: req.query.query, variables });
    }
    for (const operation of operations) {
      if (!operation || typeof operation !== 'object') continue;
      const { MAX_DOCUMENT_NESTING, MAX_VARIABLE_NESTING } = this.config;
      if (typeof operation.query === 'string' && documentNestsTooDeep(operation.query, MAX_DOCUMENT_NESTING)) {
        this.metrics?.refused(GatewayErrorCode.QUERY_TOO_DEEP);
        refuse(res, 400, GatewayErrorCode.QUERY_TOO_DEEP, `The document nests brackets more than ${MAX_DOCUMENT_NESTING} deep`, { field: 'query', limit: MAX_DOCUMENT_NESTING });
        return true;
      }
      const variable = tooDeepVariable(operation.variables, MAX_VARIABLE_NESTING);
      if (variable !== undefined) {
        this.metrics?.refused('BAD_USER_INPUT');
        refuse(res, 400, 'BAD_USER_INPUT', `Variable "$${variable}" nests lists and objects more than ${MAX_VARIABLE_NESTING} deep`, { field: variable, limit: MAX_VARIABLE_NESTING });
        return true;
      }
      const extension = tooDeepVariable(operation.extensions, MAX_VARIABLE_NESTING);
      if (extension !== undefined) {
        this.metrics?.refused('BAD_REQUEST');
        refuse(res, 400, 'BAD_REQUEST', `Extension "${extension}" nests lists and objects more than ${MAX_VARIABLE_NESTING} deep`, { field: `extensions.${extension}`, limit: MAX_VARIABLE_NESTING });
        return true;
      }
    }
    return false;
  }

  /** The per-request parts of the context the handlers computed. */
  contextFrom(req: Request): { viewer: Viewer | null; propagatedHeaders?: [string, string][] } {
    const viewer = requestState(req)?.viewer ?? null;
    const propagatedHeaders: [string, string][] = [];
    // The caller's language always reaches the subgraphs (labels in the caller's language), reduced
    // to the one language the graph answers in: a browser's long list would split every cache key
    // per browser, and a malformed or overlong header is dropped (the subgraphs then answer French).
    const language = req.header('accept-language');
    if (isAcceptLanguage(language)) propagatedHeaders.push(['accept-language', languageFromHeader(language).toLowerCase()]);
    for (const name of this.config.PROPAGATE_HEADERS) {
      if (name.toLowerCase() === 'accept-language') continue;
      const value = req.header(name);
      if (value !== undefined) propagatedHeaders.push([name, value]);
    }
    return propagatedHeaders.length ? { viewer, propagatedHeaders } : { viewer };
  }

  /** Shutdown, step 1: /ready turns 503 and responses ask clients to close their connections. */
  startDraining(): void {
    this.draining = true;
  }

  /** Shutdown, last step: Redis, trace exporter. */
  async close(): Promise<void> {
    await this.rateLimiting?.close();
    await this.tracing?.shutdown().catch(() => undefined);
  }
}

/** Any port on the loopback host: where a frontend's development server runs. */
const LOCAL_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\]):\d+$/;

/**
 * Origins that get CORS headers: the `CORS_ORIGINS` allow-list when set; otherwise, outside
 * production, any local development origin, so that a frontend on `npm run dev` elsewhere works
 * against `npm start` with no setting; in production, none.
 */
export function corsOrigins(config: Pick<GatewayConfig, 'CORS_ORIGINS' | 'production'>): (string | RegExp)[] {
  if (config.CORS_ORIGINS.length > 0) return config.CORS_ORIGINS;
  return config.production ? [] : [LOCAL_ORIGIN];
}

import { type ApolloGateway } from '@apollo/gateway';
import { type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server';
import { type AppError, httpStatusFor, isAcceptLanguage, languageFromHeader, type Logger, type Viewer } from '@ecosystem/shared';
import cors from 'cors';
import { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { type GatewayConfig } from '../config';
import { type GatewayContext } from '../context';
import { type CostLimit, createOperationLimits } from '../limits/operation-limits';
import { GatewayMetrics, instrumentPlanCache } from '../observability/metrics';
import { startTracing, type Tracing } from '../observability/tracing';
import { GuardedDataSource } from '../resilience/guarded-data-source';
import { SubgraphFetcher } from '../resilience/subgraph-breaker';
import { SubgraphHttp } from '../resilience/subgraph-http';
import { createErrorFormatter, requestIdOnErrorsPlugin } from '../security/error-masking';
import { createIdentityVerifier, type IdentityVerifier } from '../security/identity';
import { introspectionDisabledRule, subscriptionsNotServedRule } from '../security/introspection';
import { createRateLimiting, type RateLimiting } from '../security/rate-limit';
import { GatewayErrorCode, refuse } from '../security/refuse';
import { loadTrustedDocuments, trustedDocumentsMiddleware } from '../security/trusted-documents';
import { jsonBody } from './json-body';

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
 * Everything issue 7 adds to the gateway, built once at start: create-gateway.ts only plugs these
 * parts in (data sources, Apollo options and plugins, the /graphql middleware chain, /metrics,
 * the context, readiness and shutdown).
 */
export class ProductionFeatures {
  readonly identity: IdentityVerifier;
  readonly metrics: GatewayMetrics | undefined;
  private readonly rateLimiting: RateLimiting | undefined;
  private readonly tracing: Tracing | undefined;
  private readonly fetchers = new Map<string, SubgraphFetcher>();
  /** Keep-alive connection pools to the subgraphs (undici). */
  private readonly http = new SubgraphHttp();
  private readonly trustedDocuments: Map<string, string> | undefined;
  private draining = false;
  /** App-wide CORS (set by `install` when CORS_ORIGINS is): the direct /graphql dispatch runs it first too. */
  corsHandler: RequestHandler | undefined;
  private limits: ReturnType<typeof createOperationLimits> | undefined;
  private readonly onRefuse = (code: string): void => this.metrics?.refused(code);

  constructor(
    private readonly config: GatewayConfig,
    private readonly logger: Logger,
  ) {
    this.identity = createIdentityVerifier(config);
    this.metrics = config.METRICS_ENABLED ? new GatewayMetrics(config.METRICS_MAX_OPERATION_NAMES) : undefined;
    this.rateLimiting = createRateLimiting(config, logger, this.onRefuse);
    this.tracing = startTracing(config, logger);
    this.trustedDocuments = config.TRUSTED_DOCUMENTS_FILE ? loadTrustedDocuments(config.TRUSTED_DOCUMENTS_FILE) : undefined;
  }

  get isDraining(): boolean {
    return this.draining;
  }

  /** OpenTelemetry traces are exported (OTEL_EXPORTER_OTLP_ENDPOINT). */
  get tracingEnabled(): boolean {
    return this.tracing !== undefined;
  }

  /** The cost limit (MAX_COST > 0). */
  get costLimit(): CostLimit | undefined {
    return this.operationLimits().costLimit;
  }

  /**
   * The data source of one subgraph: identity with its claims, timeout, circuit breaker. `core`:
   * one of our four subgraphs (Apollo Server's compact JSON: the fast path may pass its data on as text).
   */
  dataSource(name: string, url: string, core = false): GuardedDataSource {
    let fetcher = this.fetchers.get(name);
    if (!fetcher) {
      fetcher = new SubgraphFetcher(name, this.config, this.metrics ?? noObserver, this.logger, this.http);
      this.fetchers.set(name, fetcher);
    }
    return new GuardedDataSource({
      name,
      url,
      internalJwtSecret: this.config.INTERNAL_JWT_SECRET,
      identityTtlSeconds: this.config.IDENTITY_TOKEN_TTL_SECONDS,
      fetcher,
      claims: this.config.settings.subgraphClaims.get(name),
      propagateTrace: this.tracing !== undefined,
      compactJson: core,
    });
  }

  /** Circuit state per subgraph (for /ready and tests). */
  circuits(): Record<string, string> {
    return Object.fromEntries([...this.fetchers].map(([name, fetcher]) => [name, fetcher.state]));
  }

  apolloOptions(): ApolloProductionOptions {
    const mask = this.config.settings.maskErrors;
    const limits = this.operationLimits();
    return {
      // Introspection off: the gateway's own refusal (Apollo Server's `introspection` stays on, see create-gateway.ts).
      validationRules: [...limits.validationRules, subscriptionsNotServedRule, ...(this.config.introspection ? [] : [introspectionDisabledRule])],
      parseOptions: limits.parseOptions,
      formatError: createErrorFormatter(mask, { hideSuggestions: this.config.settings.blockFieldSuggestions }),
      // Never, in any mode: a stack names files and subgraph internals (see error-masking.ts).
      includeStacktraceInErrorResponses: false,
      allowBatchedHttpRequests: this.config.MAX_BATCH_OPERATIONS > 1,
      csrfPrevention: this.config.CSRF_PREVENTION,
      // main.ts owns SIGTERM/SIGINT (drain first, then stop Apollo); Apollo's own handlers would re-raise at once.
      stopOnTerminationSignals: false,
      persistedQueries: this.config.APQ_ENABLED && !(this.trustedDocuments && this.config.TRUSTED_DOCUMENTS_ENFORCE) ? {} : false,
    };
  }

  apolloPlugins(): ApolloServerPlugin<GatewayContext>[] {
    const limits = this.operationLimits();
    return [
      ...(limits.plugins as ApolloServerPlugin<GatewayContext>[]),
      requestIdOnErrorsPlugin(),
      ...(this.metrics ? [this.metrics.plugin()] : []),
    ];
  }

  private operationLimits(): ReturnType<typeof createOperationLimits> {
    this.limits ??= createOperationLimits(this.config);
    return this.limits;
  }

  /** Hooks into the gateway once it exists (query-plan cache metrics). */
  attach(gateway: ApolloGateway): void {
    if (this.metrics && !instrumentPlanCache(gateway, this.metrics)) {
      this.logger.warn('query-plan cache metrics unavailable');
    }
  }

  /** App-level settings and routes: trust proxy, CORS, /metrics. */
  install(app: Express): void {
    if (this.config.TRUST_PROXY_HOPS > 0) app.set('trust proxy', this.config.TRUST_PROXY_HOPS);
    // App-wide and first: other routers on /graphql (the playground's GET) would answer preflights themselves.
    const origins = corsOrigins(this.config);
    if (origins.length > 0) {
      this.corsHandler = cors({ origin: origins, credentials: true, maxAge: 600, exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining'] });
      app.use(this.corsHandler);
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
    const handlers: RequestHandler[] = [
      (_req, res, next) => {
        if (this.draining) res.setHeader('connection', 'close');
        next();
      },
    ];
    handlers.push((req, res, next) => {
      const authorization = req.headers.authorization;
      if (!authorization) {
        // Anonymous (what viewerFrom answers for no header), without waiting for a promise.
        res.locals.viewer = null;
        next();
        return;
      }
      this.identity.viewerFrom(authorization).then(
        (viewer) => {
          res.locals.viewer = viewer;
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
    const tooLarge: ErrorRequestHandler = (error: { type?: string }, _req, res, next) => {
      if (error.type === 'entity.too.large') {
        this.metrics?.refused(GatewayErrorCode.PAYLOAD_TOO_LARGE);
        refuse(res, 413, GatewayErrorCode.PAYLOAD_TOO_LARGE, `Request body larger than ${this.config.MAX_BODY_BYTES} bytes`);
        return;
      }
      if (error.type === 'entity.parse.failed') {
        refuse(res, 400, 'BAD_REQUEST', 'Request body is not valid JSON');
        return;
      }
      next(error);
    };
    return [jsonBody(this.config.MAX_BODY_BYTES), tooLarge];
  }

  /** Runs after the body is read: batch size, trusted documents. */
  afterBody(): RequestHandler[] {
    const max = this.config.MAX_BATCH_OPERATIONS;
    const handlers: RequestHandler[] = [
      (req, res, next) => {
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
    return handlers;
  }

  /** The per-request parts of the context the middleware computed. */
  contextFrom(req: Request, res: Response): { viewer: Viewer | null; propagatedHeaders?: [string, string][] } {
    const viewer = (res.locals.viewer as Viewer | null | undefined) ?? null;
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

  /** Shutdown, last step: Redis, circuit breakers, trace exporter. */
  async close(): Promise<void> {
    for (const fetcher of this.fetchers.values()) fetcher.shutdown();
    await this.http.close();
    await this.rateLimiting?.close();
    await this.tracing?.shutdown().catch(() => undefined);
  }
}

const noObserver = { fetched: () => undefined, circuit: () => undefined };

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

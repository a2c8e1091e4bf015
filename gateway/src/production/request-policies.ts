import { type IncomingMessage } from 'node:http';
import { type ApolloServerOptions, type ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache, type KeyValueCache, PrefixingKeyValueCache } from '@apollo/utils.keyvaluecache';
import {
  type AppError,
  httpStatusFor,
  installRequestBodies,
  isAcceptLanguage,
  languageFromHeader,
  type Logger,
  mediaTypeRefusal,
  pathOf,
  refusalOf,
  requestIdOnErrorsPlugin,
  sendHttpError,
  serveOptions,
  type Viewer,
} from '@ecosystem/shared';
import fastifyCors from '@fastify/cors';
import { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { type GatewayConfig } from '../config';
import { type GatewayContext, requestState } from '../context';
import { type GatewayHook, syncHook } from '../http/hooks';
import { documentNestsTooDeep, type NestingLimits, tooDeepVariable } from '../input/nesting';
import { createOperationLimits, type OperationLimitsConfig } from '../limits/operation-limits';
import { GatewayMetrics } from '../observability/metrics';
import { startTracing, type Tracing, type TracingConfig } from '../observability/tracing';
import { createErrorFormatter } from '../security/error-masking';
import { createIdentityVerifier, type IdentityVerifier, type IdentityVerifierConfig } from '../security/identity';
import { introspectionDisabledRule, subscriptionsNotServedPlugin } from '../security/introspection';
import { persistedQueryShapeHook } from '../security/persisted-query-shape';
import { createRateLimiting, type RateLimiting, type RateLimitingConfig } from '../security/rate-limit';
import { bigIntLiteralsRule } from '../input/input-coercion';
import { GatewayErrorCode, refuse } from '../security/refuse';
import { loadTrustedDocuments, trustedDocumentsHook } from '../security/trusted-documents';

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
  /** The `Allow` of a path a route serves (serveOptions), once the app is installed. */
  private allowOf: (path: string) => string | undefined = () => undefined;
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

  /** Which API keys are credentials: only those get a rate-limit budget of their own (see rate-limit.ts). */
  recognizeApiKeys(isKnown: (key: string) => Promise<boolean>): void {
    this.rateLimiting?.recognizeApiKeys(isKnown);
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
      requestIdOnErrorsPlugin<GatewayContext>(),
      ...(this.metrics ? [this.metrics.plugin()] : []),
    ];
  }

  private operationLimits(): ReturnType<typeof createOperationLimits> {
    this.limits ??= createOperationLimits(this.config);
    return this.limits;
  }

  /**
   * Fastify's options of the gateway's app: `trustProxy` (request.ip and the rate limit's key) and
   * the largest body read (MAX_BODY_BYTES; inflated bodies are counted after decoding).
   */
  fastifyOptions(): Pick<FastifyServerOptions, 'trustProxy' | 'bodyLimit'> {
    const options: Pick<FastifyServerOptions, 'trustProxy' | 'bodyLimit'> = { bodyLimit: this.config.MAX_BODY_BYTES };
    const hops = this.config.TRUST_PROXY_HOPS;
    // The hop count as proxy-addr reads it (the n addresses nearest the socket are proxies): Fastify
    // reads a bare number as trusting none.
    if (hops > 0) options.trustProxy = (_address, hop) => hop < hops;
    return options;
  }

  /** App-level plugins and routes: CORS, request bodies (decoding, JSON, refusals), /metrics. */
  install(app: FastifyInstance): void {
    // App-wide and first: other routes on /graphql (the playground's GET) would answer preflights themselves.
    const origins = corsOrigins(this.config);
    if (origins.length > 0) {
      void app.register(fastifyCors, {
        origin: origins,
        credentials: true,
        maxAge: 600,
        exposedHeaders: ['x-request-id', 'retry-after', 'ratelimit-limit', 'ratelimit-remaining'],
        // Preflights are answered on the OPTIONS routes below, which ask for them: an OPTIONS
        // elsewhere (a path no route serves) is a 404 like any other method there.
        preflight: false,
      });
    }
    // OPTIONS on every path a route serves: 204 with Allow; a preflight from an allowed origin gets
    // CORS's headers (not answered by CORS itself: a plain OPTIONS without Origin is no mistake).
    this.allowOf = serveOptions(app, { cors: { preflight: true, strictPreflight: false, preflightContinue: true } });
    this.installBodies(app);
    const metrics = this.metrics;
    if (metrics) {
      const token = this.config.METRICS_TOKEN;
      app.get('/metrics', async (request, reply) => {
        if (token && request.headers.authorization !== `Bearer ${token}`) {
          sendHttpError(reply, 401, 'UNAUTHENTICATED', 'Send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
          return reply;
        }
        try {
          return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
        } catch (error) {
          this.logger.error({ err: error, requestId: request.id }, 'metrics failed');
          sendHttpError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
          return reply;
        }
      });
    }
  }

  /**
   * Request bodies: inflated as their Content-Encoding says (gzip, deflate, br), JSON in UTF-8,
   * at most MAX_BODY_BYTES (installRequestBodies, as the subgraphs); every refusal answered in its
   * route's error shape with its request id.
   */
  private installBodies(app: FastifyInstance): void {
    // JSON only: other media types (text/plain too) are not read.
    app.removeAllContentTypeParsers();
    void installRequestBodies(app);
    // Other media types are not read: Apollo Server answers what it answers to a body it cannot use.
    app.addContentTypeParser('*', (_request, _payload, done) => done(null, undefined));
    app.setErrorHandler((error: FastifyError, request, reply) => this.answerError(error, request, reply));
  }

  /**
   * A method no route of a served path takes (TRACE, or one Fastify does not route at all, such as
   * PROPFIND), which the router leaves to the not-found handler: 405 METHOD_NOT_ALLOWED with the
   * path's `Allow`, in its route's error shape. False for a path no route serves (a 404).
   */
  refuseMethod(request: FastifyRequest, reply: FastifyReply): boolean {
    const path = pathOf(request);
    const allow = this.allowOf(path);
    if (!allow) return false;
    void reply.header('allow', allow);
    const message = `${request.method} is not served on ${path}: use ${allow}`;
    if (GRAPHQL_SHAPED.has(path)) refuse(reply, 405, GatewayErrorCode.METHOD_NOT_ALLOWED, message);
    else sendHttpError(reply, 405, GatewayErrorCode.METHOD_NOT_ALLOWED, message);
    return true;
  }

  /**
   * The app's error handler: refusals of the request in the error shape of its route (GraphQL's on
   * the GraphQL endpoints and /export.csv, `{"error":{...}}` elsewhere), anything else a 500 without details.
   */
  private answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const answer = (status: number, code: string, message: string, field?: string): FastifyReply => {
      if (GRAPHQL_SHAPED.has(request.routeOptions.url ?? '')) return refuse(reply, status, code, message, field ? { field } : {});
      sendHttpError(reply, status, code, message, field);
      return reply;
    };
    const refusal = refusalOf(error) ?? mediaTypeRefusal(error, request);
    if (refusal) {
      this.logger.warn({ requestId: request.id, code: refusal.refusalCode, status: refusal.status, reason: refusal.message }, 'request refused');
      this.metrics?.refused(refusal.refusalCode);
      return answer(refusal.status, refusal.refusalCode, refusal.message, refusal.field);
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      this.metrics?.refused(GatewayErrorCode.PAYLOAD_TOO_LARGE);
      return answer(413, GatewayErrorCode.PAYLOAD_TOO_LARGE, `Request body larger than ${this.config.MAX_BODY_BYTES} bytes`);
    }
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own refusals of a request it cannot read (a bad Content-Length, an aborted body).
      this.metrics?.refused('BAD_REQUEST');
      return answer(status, 'BAD_REQUEST', 'The request body could not be read');
    }
    this.logger.error({ err: error, requestId: request.id }, 'request failed');
    return answer(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
  }

  /** Runs before the body is read (onRequest): drain marker, identity (401), rate limit (429). */
  beforeBody(): GatewayHook[] {
    const hooks: GatewayHook[] = [];
    hooks.push((request, reply, done) => {
      if (this.draining) reply.header('connection', 'close');
      const authorization = request.headers.authorization;
      const state = requestState(request.raw)!;
      if (!authorization) {
        // Anonymous (what viewerFrom answers for no header), without waiting for a promise.
        state.viewer = null;
        done();
        return;
      }
      this.identity.viewerFrom(authorization).then(
        (viewer) => {
          state.viewer = viewer;
          done();
        },
        (error: unknown) => {
          const appError = error as AppError;
          this.metrics?.refused(appError.code ?? 'UNAUTHENTICATED');
          // An invalid or expired token is refused, never downgraded to anonymous.
          refuse(reply, appError.code ? httpStatusFor(appError.code) : 401, appError.code ?? 'UNAUTHENTICATED', appError.message);
        },
      );
    });
    if (this.rateLimiting) hooks.push(this.rateLimiting.hook);
    return hooks;
  }

  /** Runs after the body is read (preHandler): nesting, batch size, trusted documents, the shape of extensions.persistedQuery. */
  afterBody(): GatewayHook[] {
    const max = this.config.MAX_BATCH_OPERATIONS;
    const hooks: GatewayHook[] = [
      syncHook((request, reply) => {
        if (this.refusedTooDeep(request, reply)) return false;
        if (Array.isArray(request.body)) {
          if (max <= 1) {
            this.metrics?.refused(GatewayErrorCode.BATCHING_DISABLED);
            refuse(reply, 400, GatewayErrorCode.BATCHING_DISABLED, 'Batched operations are not accepted');
            return false;
          }
          if (request.body.length > max) {
            this.metrics?.refused(GatewayErrorCode.BATCH_TOO_LARGE);
            refuse(reply, 400, GatewayErrorCode.BATCH_TOO_LARGE, `At most ${max} operations per batch`);
            return false;
          }
        }
        return true;
      }),
    ];
    if (this.trustedDocuments) {
      hooks.push(trustedDocumentsHook(this.trustedDocuments, this.config.TRUSTED_DOCUMENTS_ENFORCE, this.logger, this.onRefuse));
    }
    // After the trusted documents, whose manifest ids may be sent as sha256Hash and are resolved there.
    hooks.push(persistedQueryShapeHook(this.onRefuse));
    return hooks;
  }

  /** The nesting bound alone (refusedTooDeep), for the endpoints that take a GraphQL body beside /graphql. */
  nestingLimit(): GatewayHook {
    return syncHook((request, reply) => !this.refusedTooDeep(request, reply));
  }

  /**
   * Refuses a document, variables or extensions nested deeper than anything recursive (parser,
   * coercion, input hygiene, JSON.stringify of a body passed on) can walk: 400 before any of them
   * runs. POST bodies (single or batched) and GET parameters.
   */
  private refusedTooDeep(request: FastifyRequest, reply: FastifyReply): boolean {
    const operations: { query?: unknown; variables?: unknown; extensions?: unknown }[] = [];
    const body = request.body;
    if (Array.isArray(body)) operations.push(...(body as { query?: unknown; variables?: unknown }[]));
    else if (body && typeof body === 'object') operations.push(body as { query?: unknown; variables?: unknown });
    const query = request.query as Record<string, unknown> | undefined;
    if (request.method === 'GET' && query) {
      let variables: unknown = query.variables;
      if (typeof variables === 'string') {
        try {
          variables = JSON.parse(variables);
        } catch {
          variables = undefined; // Apollo Server says what is wrong with it
        }
      }
      operations.push({ query: query.query, variables });
    }
    for (const operation of operations) {
      if (!operation || typeof operation !== 'object') continue;
      const { MAX_DOCUMENT_NESTING, MAX_VARIABLE_NESTING } = this.config;
      if (typeof operation.query === 'string' && documentNestsTooDeep(operation.query, MAX_DOCUMENT_NESTING)) {
        this.metrics?.refused(GatewayErrorCode.QUERY_TOO_DEEP);
        refuse(reply, 400, GatewayErrorCode.QUERY_TOO_DEEP, `The document nests brackets more than ${MAX_DOCUMENT_NESTING} deep`, { field: 'query', limit: MAX_DOCUMENT_NESTING });
        return true;
      }
      const variable = tooDeepVariable(operation.variables, MAX_VARIABLE_NESTING);
      if (variable !== undefined) {
        this.metrics?.refused('BAD_USER_INPUT');
        refuse(reply, 400, 'BAD_USER_INPUT', `Variable "$${variable}" nests lists and objects more than ${MAX_VARIABLE_NESTING} deep`, { field: variable, limit: MAX_VARIABLE_NESTING });
        return true;
      }
      const extension = tooDeepVariable(operation.extensions, MAX_VARIABLE_NESTING);
      if (extension !== undefined) {
        this.metrics?.refused('BAD_REQUEST');
        refuse(reply, 400, 'BAD_REQUEST', `Extension "${extension}" nests lists and objects more than ${MAX_VARIABLE_NESTING} deep`, { field: `extensions.${extension}`, limit: MAX_VARIABLE_NESTING });
        return true;
      }
    }
    return false;
  }

  /** The per-request parts of the context the handlers computed. */
  contextFrom(req: IncomingMessage): { viewer: Viewer | null; propagatedHeaders?: [string, string][] } {
    const viewer = requestState(req)?.viewer ?? null;
    const propagatedHeaders: [string, string][] = [];
    // The caller's language always reaches the subgraphs (labels in the caller's language), reduced
    // to the one language the graph answers in: a browser's long list would split every cache key
    // per browser, and a malformed or overlong header is dropped (the subgraphs then answer French).
    const header = (name: string): string | undefined => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const language = header('accept-language');
    if (isAcceptLanguage(language)) propagatedHeaders.push(['accept-language', languageFromHeader(language).toLowerCase()]);
    for (const name of this.config.PROPAGATE_HEADERS) {
      if (name.toLowerCase() === 'accept-language') continue;
      const value = header(name);
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

/** The routes whose errors are GraphQL-shaped (`{"errors":[...]}`); the others answer `{"error":{...}}`. */
const GRAPHQL_SHAPED = new Set(['/graphql', '/public/graphql', '/graphql/stream', '/export.csv']);

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

import { type ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  listen,
  type Logger,
  REQUEST_ID_HEADER,
  requestIdFrom,
  type RunningServer,
  type Viewer,
  variableCoercionPlugin,
} from '@ecosystem/shared';
import express, { type Express, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { disableApolloTelemetry, type GatewayConfig } from './config';
import { type GatewayContext } from './context';
import { createAdminRouter, Registry } from '@ecosystem/registry';
import { servedSupergraph, type ServedSupergraph } from './supergraph/served-supergraph';
import { WarmableQueryPlanCache } from './supergraph/plan-cache';
import { SwapGate } from './supergraph/swap-gate';
import { GatewayCaches, stringifyCachedResult } from './cache';
import { ProductionFeatures } from './production/features';
import { installAnalystFeatures } from './playground';
import { installStandardExports } from './standard-exports';
import { requestLogPlugin } from './observability/request-log';
import { reusingPrefetched, SingleFetchFastPath } from './fast-path/fast-path';
import { CacheHits } from './fast-path/cache-hits';
import { installGraphScalars } from './input/input-coercion';
import { directDispatch, type Handler } from './fast-path/direct-dispatch';
import { dedupeRepresentations } from './execution/dedupe-representations';
import { installPublicContract, type PublicContractServer } from './contracts/public-contract';
import { GatewaySubscriptions } from './subscriptions/gateway-subscriptions';
import { attachWebSocketSubscriptions, installSseSubscriptions, type SubscriptionTransportOptions } from './subscriptions/transports';
import { subscriptionsNotServedRule } from './security/introspection';
import { deferHandler } from './defer/deferred-execution';

export interface GatewayServer {
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  /** The in-process registry's supergraph, or one followed from a file (SUPERGRAPH_FILE) or a registry process (REGISTRY_URL). */
  supergraph: ServedSupergraph['manager'];
  /** The schema registry (issue 8): partner subgraphs, accepted supergraphs, recorded operations. */
  registry: Registry;
  /** The query-plan cache, warmed before each supergraph swap. */
  planCache: WarmableQueryPlanCache;
  /** Identity, limits, rate limiting, persisted operations, masking, resilience, metrics (issue 7). */
  features: ProductionFeatures;
  /** Loads the supergraph and starts serving /graphql (until then it answers 503). */
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
  isReady(): boolean;
  /** The public contract of the graph, served at /public/graphql. */
  publicContract: PublicContractServer;
  /** Subscriptions served over Server-Sent Events and WebSocket. */
  subscriptions: GatewaySubscriptions;
}

/** The gateway process without its socket: Apollo Gateway behind Apollo Server 5 and express. */
export function createGateway(config: GatewayConfig, logger: Logger): GatewayServer {
  const coreUrls = new Map<string, string>(config.subgraphs.map((s) => [s.name, s.url]));
  const features = new ProductionFeatures(config, logger);
  const registry = new Registry({ config, logger });
  const planCache = new WarmableQueryPlanCache(logger, config.QUERY_PLAN_CACHE_MB);
  const swapGate = new SwapGate(config.SWAP_DRAIN_TIMEOUT_MS);
  // Response and entity caches of public data (issue 10; off unless their TTLs are set).
  const caches = new GatewayCaches(config, logger, features.metrics?.registry);
  // The registry's supergraph (composed here), or one followed from a file or a registry process.
  const served = servedSupergraph(config, { logger, registry, planCache, swapGate });
  const supergraph = served.manager;
  // The per-request context, for Apollo Server and for the fast path.
  const contextFor = (req: express.Request, res: express.Response): GatewayContext => {
    const requestId = res.locals.requestId as string;
    // The viewer was verified before the body was read (an invalid token got its 401 there).
    const { viewer, propagatedHeaders } = features.contextFrom(req, res);
    const prefetched = res.locals.prefetched as GatewayContext['prefetched'];
    return {
      requestId,
      viewer,
      logger: logger.child({ requestId, viewer: viewer?.sub ?? null }),
      identityTokens: new Map(),
      ...(propagatedHeaders ? { propagatedHeaders } : {}),
      ...(prefetched ? { prefetched } : {}),
    };
  };
  // Single-fetch queries skip Apollo Server's pipeline and the plan execution (issue 10). Not with
  // the response cache (its plugin must see anonymous queries) nor with tracing (no GraphQL spans).
  const fastPath =
    config.FAST_PATH_ENABLED && !caches.response && !features.tracingEnabled
      ? new SingleFetchFastPath(
          {
            logger,
            metrics: features.metrics,
            costLimit: features.costLimit,
            contextFor,
            recordOperation: (...args) => registry.recordOperation(...args),
            stringifyResult: stringifyCachedResult,
            maxResponseBytes: config.MAX_RESPONSE_BYTES,
          },
          features.metrics?.registry,
        )
      : undefined;
  // With the response cache, its hits are written before Apollo Server from the stored bytes (issue 10).
  const cacheHits =
    config.FAST_PATH_ENABLED && caches.response && !features.tracingEnabled
      ? new CacheHits(
          {
            cache: caches.response,
            logger,
            metrics: features.metrics,
            contextFor,
            recordOperation: (...args) => registry.recordOperation(...args),
          },
          features.metrics?.registry,
        )
      : undefined;
  // Before the constructor: it otherwise starts reporting to Apollo and probing cloud metadata hosts.
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    logger,
    queryPlannerConfig: { cache: planCache },
    buildService: ({ name, url }) => {
      // Partner subgraphs (issue 8) receive only the claims granted to partners (ownership policy).
      if (!coreUrls.has(name)) registry.grantPartnerClaims(config.settings.subgraphClaims, name);
      const source = dedupeRepresentations(caches.dataSource<GatewayContext>(name, features.dataSource(name, served.routingUrl(name, url as string), coreUrls.has(name))));
      return fastPath ? reusingPrefetched(source) : source;
    },
    // The fast path learns which operations are single fetches from the plans of the full pipeline.
    ...(fastPath ? { experimental_didResolveQueryPlan: (options) => fastPath.learn(options as never) } : {}),
  });
  features.attach(gateway);
  let ready = false;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    installGraphScalars(apiSchema);
    fastPath?.schemaChanged(apiSchema, coreSupergraphSdl);
    cacheHits?.schemaChanged(apiSchema);
    ready = true;
  });

  // Shared with the public contract's Apollo Server (same limits, masking, logs, metrics, recording).
  const policyApolloOptions = () => ({
    // Refused, when config.introspection is off, by the gateway's own validation rule (features.apolloOptions):
    // Apollo Server's refusal names Apollo Server and tells the caller how to reconfigure it.
    introspection: true,
    ...features.apolloOptions(),
    // Cached responses are written as the JSON text they are stored as (no parse, no stringify).
    stringifyResult: stringifyCachedResult,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(),
      registry.plugin<GatewayContext>(),
      ...features.apolloPlugins(),
      variableCoercionPlugin(),
    ],
  });
  const policyOptions = policyApolloOptions();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...policyOptions,
    plugins: [...policyOptions.plugins, ...caches.plugins<GatewayContext>()],
  });

  // Stale-while-revalidate: an expired response is refreshed by an anonymous background request
  // through the whole pipeline (limits, metrics and the subgraphs' cache hints apply as to any request).
  caches.response?.revalidateWith<GatewayContext>((request, context) =>
    apollo.executeOperation(request, {
      contextValue: { ...context, requestId: `${context.requestId}-refresh`, identityTokens: new Map() },
    }),
  );

  const app = express();
  app.disable('x-powered-by');
  features.install(app);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', (_req, res) => {
    const serving = ready && !features.isDraining;
    res.status(serving ? 200 : 503).json({ status: serving ? 'ready' : 'not ready', service: 'gateway', circuits: features.circuits() });
  });

  // The admin API verifies callers like /graphql does (issue 8: registry and partner publishing).
  const viewerFrom = (header: string | undefined): Promise<Viewer | null> =>
    features.identity.viewerFrom(header);
  app.use('/admin', createAdminRouter({ registry: () => registry.services, viewerFrom, logger, ...(served.notServed ? { notServed: served.notServed } : {}) }));

  // Analysts and frontend teams (issue 9): GraphiQL for browsers' GET /graphql, /export.csv, /examples/.
  installAnalystFeatures(app, config, logger, features.bodyParser());

  // The subgraphs' standard exports (DCAT-AP JSON-LD, iCalendar, schema.org) on the gateway's host too.
  installStandardExports(app, {
    subgraphs: config.subgraphs,
    viewerFrom,
    internalJwtSecret: config.INTERNAL_JWT_SECRET,
    identityTtlSeconds: config.IDENTITY_TOKEN_TTL_SECONDS,
    claimsFor: (name) => config.settings.subgraphClaims.get(name),
    logger,
  });

  let graphql: RequestHandler = (_req, res) => {
    res.status(503).json({ errors: [{ message: 'The gateway is starting', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  };
  const assignRequestId: RequestHandler = (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    // Labels follow the caller's Accept-Language: a shared cache must keep one answer per language.
    res.setHeader('vary', 'Accept-Language');
    res.locals.requestId = requestId;
    next();
  };
  // An ETag lets a client revalidate a GET; nobody revalidates a POST, so express does not hash its
  // body (SHA-1 of every answer: 0.6 ms for a 770 KB page). GET answers keep their ETag.
  const appWithoutEtag = Object.create(app, {
    get: { value: (setting: string): unknown => (setting === 'etag fn' ? undefined : app.get(setting)) },
  }) as Express;
  const noEtagForPost: RequestHandler = (req, res, next) => {
    // `app` is a writable property of express's response prototype: an own one shadows it (cheaper than defineProperty).
    if (req.method === 'POST') res.app = appWithoutEtag;
    next();
  };
  const policyHandlers: Handler[] = [
    noEtagForPost,
    assignRequestId,
    // Identity (401), rate limit (429), body size (413), batch size and trusted documents (400).
    ...features.beforeBody(),
    ...features.bodyParser(),
    ...features.afterBody(),
    // A supergraph swap waits for the requests in flight (issue 8).
    swapGate.middleware(),
  ];
  const graphqlHandlers: Handler[] = [
    ...policyHandlers,
    // Queries with @defer: their parts run through Apollo Server and are sent as multipart/mixed.
    deferHandler({
      contextFor,
      execute: async (document, variables, operationName, contextValue) => {
        const response = await apollo.executeOperation({ query: document, variables, ...(operationName ? { operationName } : {}) }, { contextValue: { ...contextValue, identityTokens: new Map() } });
        return response.body.kind === 'single' ? response.body.singleResult : { errors: [{ message: 'Incremental results are not nested' }] };
      },
    }),
    ...(fastPath ? [fastPath.middleware()] : []),
    ...(cacheHits ? [cacheHits.middleware()] : []),
    ((req, res, next) => graphql(req, res, next)) as RequestHandler,
  ];
  // Subscriptions over Server-Sent Events (/graphql/stream) and WebSocket (/graphql): each event is
  // answered by a query through Apollo Server, the caller's identity and the same policies.
  const subscriptions = new GatewaySubscriptions({
    logger,
    perClient: config.SUBSCRIPTIONS_PER_CLIENT,
    internalJwtSecret: config.INTERNAL_JWT_SECRET,
    identityTtlSeconds: config.IDENTITY_TOKEN_TTL_SECONDS,
    // Routed as the gateway's other subgraph calls (static mode: the supergraph's URL unless overridden).
    subgraphUrl: (name, recorded) => (recorded ? served.routingUrl(name, recorded) : coreUrls.get(name)),
    verify: (authorization) => features.identity.viewerFrom(authorization),
    execute: async (document, variables, operationName, contextValue) => {
      const response = await apollo.executeOperation({ query: document, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) }, { contextValue });
      return response.body.kind === 'single' ? response.body.singleResult : { errors: [new GraphQLError('Incremental results are not sent on subscriptions')] };
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => subscriptions.schemaChanged(apiSchema, coreSupergraphSdl));
  const subscriptionTransports: SubscriptionTransportOptions = {
    subscriptions,
    logger,
    validationRules: (policyOptions.validationRules ?? []).filter((rule) => rule !== subscriptionsNotServedRule),
    handlers: policyHandlers,
    contextFor,
    verify: (authorization) => features.identity.viewerFrom(authorization),
    keepAliveMs: config.SUBSCRIPTION_KEEPALIVE_MS,
  };
  // Before /graphql, whose mount would take /graphql/stream too.
  installSseSubscriptions(app, subscriptionTransports);
  app.use('/graphql', ...graphqlHandlers);
  // The public contract at /public/graphql: the same handlers, options and executor, its own schema.
  const publicContract = installPublicContract(app, {
    gateway,
    logger,
    apolloOptions: policyApolloOptions(),
    handlers: policyHandlers,
    contextFor,
  });
  // With the fast path, POST /graphql runs the same handlers without express's router (issue 10).
  const handler = config.FAST_PATH_ENABLED
    ? directDispatch(app, '/graphql', [...(features.corsHandler ? [features.corsHandler] : []), ...graphqlHandlers])
    : app;

  return {
    app,
    apollo,
    gateway,
    supergraph,
    registry,
    planCache,
    publicContract,
    subscriptions,
    isReady: () => ready,
    async start() {
      if (served.opensRegistry) await registry.open();
      await apollo.start();
      graphql = expressMiddleware(apollo, {
        context: async ({ req, res }): Promise<GatewayContext> => contextFor(req, res),
      });
      await publicContract.start();
    },
    features,
    // Graceful shutdown: /ready turns 503, in-flight requests finish (at most SHUTDOWN_TIMEOUT_MS),
    // then Apollo stops.
    listen: async (port, host = '0.0.0.0') => {
      const running = await listen(handler, port, host, undefined, 'serverOptions' in handler ? handler.serverOptions : {});
      const webSockets = attachWebSocketSubscriptions(running.httpServer, subscriptionTransports);
      // Responses under way when the drain starts: they ask the client to close the connection too,
      // or a keep-alive client would send its next request on a socket the drain is about to close
      // (reset) rather than on a new one (refused: the listening socket is closed).
      const inFlight = new Set<ServerResponse>();
      running.httpServer.on('request', (_req, res: ServerResponse) => {
        inFlight.add(res);
        res.once('close', () => inFlight.delete(res));
      });
      return {
        ...running,
        close: async () => {
          features.startDraining();
          // Streams end first (each says SUBSCRIPTION_CLOSED): they would hold the drain to its timeout.
          subscriptions.shutdown();
          await webSockets.close();
          for (const res of inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
          const force = setTimeout(() => running.httpServer.closeAllConnections(), config.SHUTDOWN_TIMEOUT_MS);
          // Keep-alive connections that finished their request are closed as they fall idle.
          const idle = setInterval(() => running.httpServer.closeIdleConnections(), 100);
          force.unref();
          idle.unref();
          await running.close();
          clearTimeout(force);
          clearInterval(idle);
          await publicContract.stop();
          await apollo.stop();
          await features.close();
          await caches.close();
        },
      };
    },
  };
}

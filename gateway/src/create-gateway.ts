import { type IncomingMessage, type ServerResponse } from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyEtag from '@fastify/etag';
import {
  httpAppOptions,
  installRequestBasics,
  type Logger,
  REFUSES_METHODS,
  type RunningServer,
  sendHttpError,
  type Viewer,
  variableCoercionPlugin,
  withRequestIdOnRefusals,
} from '@ecosystem/shared';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { disableApolloTelemetry, type GatewayConfig } from './config';
import { beginRequest, type GatewayContext, requestState } from './context';
import { adminApi, CredentialService, Registry } from '@ecosystem/registry';
import { servedSupergraph, type ServedSupergraph } from './supergraph/served-supergraph';
import { WarmableQueryPlanCache } from './supergraph/plan-cache';
import { SwapGate } from './supergraph/swap-gate';
import { GatewayCaches, readableResult, stringifyCachedResult } from './cache';
import { RequestPolicies } from './production/request-policies';
import { acceptableResponseGate } from './production/accept';
import { SubgraphClients } from './resilience/subgraph-clients';
import { IdentityTokenSigner } from './security/identity';
import { installAnalystFeatures } from './playground';
import { installStandardExports } from './standard-exports';
import { requestLogPlugin } from './observability/request-log';
import { reusingPrefetched, SingleFetchExecutor } from './fast-path/single-fetch';
import { installGraphScalars } from './input/input-coercion';
import { dedupeRepresentations } from './execution/dedupe-representations';
import { createPublicContract, type PublicContractServer } from './contracts/public-contract';
import { GatewaySubscriptions } from './subscriptions/gateway-subscriptions';
import { attachWebSocketSubscriptions, installSseSubscriptions, type SubscriptionTransportOptions } from './subscriptions/transports';
import { clientAddressOf, ConnectionsPerAddress } from './subscriptions/connection-limit';
import { checkOnlyPlugin, deferHandler } from './defer/deferred-execution';
import { GATEWAY_ROUTER_OPTIONS, type GatewayHook } from './http/hooks';
import { refuse } from './security/refuse';
import { listenApp } from './http/listen-app';

export interface GatewayServer {
  /** Every route of the process but the WebSocket upgrade (on the Node server); ready once start() resolved. */
  app: FastifyInstance;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  /** The in-process registry's supergraph, or one followed from a file (SUPERGRAPH_FILE) or a registry process (REGISTRY_URL). */
  supergraph: ServedSupergraph['manager'];
  /** The schema registry: partner subgraphs, accepted supergraphs, recorded operations. */
  registry: Registry;
  /** The query-plan cache, warmed before each supergraph swap. */
  planCache: WarmableQueryPlanCache;
  /** Identity, limits, rate limiting, persisted operations, masking, metrics, tracing. */
  policies: RequestPolicies;
  /** Connections, timeouts and circuit breakers of the subgraphs. */
  subgraphClients: SubgraphClients;
  /** Loads the supergraph and starts serving /graphql (until then it answers 503). */
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
  isReady(): boolean;
  /** The public contract of the graph, served at /public/graphql. */
  publicContract: PublicContractServer;
  /** Subscriptions served over Server-Sent Events and WebSocket. */
  subscriptions: GatewaySubscriptions;
}

/** A path no route serves: the error body of the routes beside /graphql. */
export function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0];
  sendHttpError(reply, 404, 'NOT_FOUND', `${request.method} ${path} is not served here`);
  return reply;
}

/** The gateway process without its socket: Apollo Gateway behind Apollo Server 5 and Fastify. */
export function createGateway(config: GatewayConfig, logger: Logger): GatewayServer {
  const coreUrls = new Map<string, string>(config.subgraphs.map((s) => [s.name, s.url]));
  const policies = new RequestPolicies(config, logger);
  const identityTokens = new IdentityTokenSigner({
    secret: config.INTERNAL_JWT_SECRET,
    ttlSeconds: config.IDENTITY_TOKEN_TTL_SECONDS,
    claims: config.settings.subgraphClaims,
  });
  const subgraphClients = new SubgraphClients({
    config,
    identity: identityTokens,
    observer: policies.metrics,
    propagateTrace: policies.tracingEnabled,
    logger,
  });
  const registry = new Registry({ config, logger });
  // A partner key the registry granted (active) has a rate-limit budget of its own; any other value of
  // the API key header is ignored. Without a registry in this process, every caller is keyed by address.
  policies.recognizeApiKeys(async (key) => {
    const credentials = registry.services?.credentials;
    return credentials !== undefined && CredentialService.isApiKey(key) && (await credentials.authenticateKey(key)) !== null;
  });
  // Ours, passed to @apollo/gateway as queryPlannerConfig.cache: its lookups are the plan-cache metric.
  const planCache = new WarmableQueryPlanCache(logger, config.QUERY_PLAN_CACHE_MB, policies.metrics);
  const swapGate = new SwapGate(config.SWAP_DRAIN_TIMEOUT_MS);
  // Response and entity caches of public data (off unless their TTLs are set).
  const caches = new GatewayCaches(config, logger, policies.metrics?.registry);
  // The registry's supergraph (composed here), or one followed from a file or a registry process.
  const served = servedSupergraph(config, { logger, registry, planCache, swapGate });
  const supergraph = served.manager;
  // Apollo Server's context value, from the request's state (the handlers in front verified the viewer).
  const contextFor = (req: IncomingMessage): GatewayContext => {
    const { viewer, propagatedHeaders } = policies.contextFrom(req);
    const requestId = requestState(req)!.requestId;
    return {
      requestId,
      viewer,
      logger: logger.child({ requestId, viewer: viewer?.sub ?? null }),
      identityTokens: new Map(),
      ...(propagatedHeaders ? { propagatedHeaders } : {}),
    };
  };
  // Single-fetch queries are executed without the plan's execution (not while tracing: no GraphQL spans).
  const singleFetch = config.FAST_PATH_ENABLED && !policies.tracingEnabled ? new SingleFetchExecutor(policies.metrics?.registry) : undefined;
  // Before the constructor: it otherwise starts reporting to Apollo and probing cloud metadata hosts.
  disableApolloTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    logger,
    queryPlannerConfig: { cache: planCache },
    buildService: ({ name, url }) => {
      // Partner subgraphs receive only the claims granted to partners (ownership policy).
      if (!coreUrls.has(name)) registry.grantPartnerClaims(config.settings.subgraphClaims, name);
      const guarded = subgraphClients.dataSource(name, served.routingUrl(name, url as string), coreUrls.has(name));
      const source = dedupeRepresentations(caches.dataSource<GatewayContext>(name, guarded));
      return singleFetch ? reusingPrefetched(source) : source;
    },
    // The executor learns which operations are single fetches from their plans.
    ...(singleFetch ? { experimental_didResolveQueryPlan: (options) => singleFetch.learn(options as never) } : {}),
  });
  let ready = false;
  // What @defer is validated against (deferHandler): the API schema.
  let servedApiSchema: GraphQLSchema | undefined;
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => {
    servedApiSchema = apiSchema;
    installGraphScalars(apiSchema);
    singleFetch?.schemaChanged(apiSchema, coreSupergraphSdl);
    ready = true;
  });

  // Shared with the public contract's Apollo Server (same limits, masking, logs, metrics, recording).
  const policyApolloOptions = () => ({
    // Refused, when config.introspection is off, by the gateway's own validation rule (policies.apolloOptions):
    // Apollo Server's refusal names Apollo Server and tells the caller how to reconfigure it.
    introspection: true,
    ...policies.apolloOptions(),
    // Cached responses are written as the JSON text they are stored as (no parse, no stringify).
    stringifyResult: stringifyCachedResult,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      requestLogPlugin(),
      registry.plugin<GatewayContext>(),
      ...policies.apolloPlugins(),
      variableCoercionPlugin(),
    ],
  });
  const policyOptions = policyApolloOptions();
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    ...policyOptions,
    plugins: [
      ...policyOptions.plugins,
      // A stored response is served before anything is executed; a single fetch before a plan is.
      // Before any cache or executor: a check-only request (a @defer operation's whole) stops here,
      // after every limit ran in didResolveOperation.
      checkOnlyPlugin(),
      ...caches.plugins<GatewayContext>(),
      ...(singleFetch ? [singleFetch.plugin()] : []),
    ],
  });

  // Stale-while-revalidate: an expired response is refreshed by an anonymous background request
  // through the whole pipeline (limits, metrics and the subgraphs' cache hints apply as to any request).
  caches.response?.revalidateWith<GatewayContext>((request, context) =>
    apollo.executeOperation(request, {
      contextValue: { ...context, requestId: `${context.requestId}-refresh`, identityTokens: new Map() },
    }),
  );

  type Handler = (request: FastifyRequest, reply: FastifyReply) => unknown;
  let graphql: Handler = (_request, reply) =>
    refuse(reply, 503, 'SERVICE_UNAVAILABLE', 'The gateway is starting');
  const assignRequestId: GatewayHook = (request, reply, done) => {
    // Labels follow the caller's Accept-Language: a shared cache must keep one answer per language.
    reply.header('vary', 'Accept-Language');
    beginRequest(request.raw, request.id);
    done();
  };
  // Every policy a GraphQL request passes before it is executed, whatever executes it: identity (401)
  // and rate limit (429) before the body is read (the app's parser: 413, 415, 400), then nesting,
  // batch size, trusted documents and the shape of persisted queries (400); a supergraph swap waits
  // for the requests in flight.
  const policyHooks = {
    onRequest: [assignRequestId, ...policies.beforeBody()],
    preHandler: [...policies.afterBody(), swapGate.hook()],
  };
  // Apollo Server reads Accept only after executing: a mutation answered 406 had already written.
  // POST only: a GET executes no mutation, and its Accept may ask for the landing page (text/html).
  const refused = (code: string) => policies.metrics?.refused(code);
  const acceptsAnyAnswer = acceptableResponseGate({ multipart: true, onRefuse: refused });
  const acceptsJson = acceptableResponseGate({ multipart: false, onRefuse: refused });
  // Queries with @defer: their parts run through Apollo Server and are sent as multipart/mixed.
  const deferred = deferHandler({
    contextFor,
    maxResponseBytes: config.MAX_RESPONSE_BYTES,
    maxDeferredFragments: config.MAX_DEFERRED_FRAGMENTS,
    schema: () => servedApiSchema,
    onRefuse: refused,
    persistedQueries: policies.persistedQueries(),
    check: async (document, variables, operationName, contextValue) => {
      const response = await apollo.executeOperation({ query: document, variables, ...(operationName ? { operationName } : {}) }, { contextValue: { ...contextValue, identityTokens: new Map(), checkOnly: true } });
      return response.body.kind === 'single' && !response.body.singleResult.errors?.length;
    },
    execute: async (document, variables, operationName, contextValue) => {
      const response = await apollo.executeOperation({ query: document, variables, ...(operationName ? { operationName } : {}) }, { contextValue: { ...contextValue, identityTokens: new Map() } });
      // The single-fetch executor and the response cache answer with data as text: the parts read its fields.
      return response.body.kind === 'single' ? readableResult(response.body.singleResult) : { errors: [{ message: 'Incremental results are not nested' }] };
    },
  });
  // Fastify sends no X-Powered-By, and no ETag outside the scope below that asks for one.
  const fastifyOptions: FastifyServerOptions = {
    logger: false,
    ...policies.fastifyOptions(),
    // The request id (the caller's when sane, else a new one) and the router's refusals, as the subgraphs.
    ...httpAppOptions(),
    routerOptions: GATEWAY_ROUTER_OPTIONS,
  };
  const app: FastifyInstance = Fastify(fastifyOptions);
  // Every answer names its request (x-request-id, requestId), a path no route serves included.
  app.addHook('onRequest', (request, _reply, done) => {
    beginRequest(request.raw, request.id);
    done();
  });
  installRequestBasics(app);
  policies.install(app);
  app.setNotFoundHandler((request, reply) => (policies.refuseMethod(request, reply) ? reply : notFound(request, reply)));
  // In a scope, as every route: registered after the app's plugins (CORS, request decoding), which
  // equip the routes declared once they are loaded.
  void app.register(async (scope) => {
    scope.post('/graphql', {
      onRequest: policyHooks.onRequest,
      // What reaches Apollo Server is answered as one JSON document (multipart went to the @defer step).
      preHandler: [...policyHooks.preHandler, acceptsAnyAnswer, deferred, acceptsJson],
      handler: (request, reply) => graphql(request, reply),
    });
  });
  const publicContract = createPublicContract({
    gateway,
    logger,
    apolloOptions: policyApolloOptions(),
    handlers: { onRequest: policyHooks.onRequest, preHandler: [...policyHooks.preHandler, acceptsJson] },
    contextFor,
  });
  // Every other route. Express gave their answers an ETag (revalidated by a 304); Fastify's is
  // this scope's plugin, so that POST /graphql, which nobody revalidates, hashes nothing.
  void app.register(async (scope) => {
    await scope.register(fastifyEtag, { weak: true });
    installRoutes(scope);
  });
  // Subscriptions over Server-Sent Events (/graphql/stream) and WebSocket (/graphql): each event is
  // answered by a query through Apollo Server, the caller's identity and the same policies.
  const subscriptions = new GatewaySubscriptions({
    logger,
    perClient: config.SUBSCRIPTIONS_PER_CLIENT,
    subgraphs: subgraphClients,
    // Routed as the gateway's other subgraph calls (static mode: the supergraph's URL unless overridden).
    subgraphUrl: (name, recorded) => (recorded ? served.routingUrl(name, recorded) : served.subgraphUrl(name)),
    verify: (authorization) => policies.identity.viewerFrom(authorization),
    formatError: (formatted, error) => policyOptions.formatError?.(formatted, error) ?? formatted,
    execute: async (document, variables, operationName, contextValue) => {
      const response = await apollo.executeOperation({ query: document, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) }, { contextValue });
      return response.body.kind === 'single' ? readableResult(response.body.singleResult) : { errors: [new GraphQLError('Incremental results are not sent on subscriptions')] };
    },
  });
  gateway.onSchemaLoadOrUpdate(({ apiSchema, coreSupergraphSdl }) => subscriptions.schemaChanged(apiSchema, coreSupergraphSdl));
  const subscriptionTransports: SubscriptionTransportOptions = {
    subscriptions,
    logger,
    // The pipeline of /graphql, stopped before execution: the same parse, validation, limits and masking.
    check: async (query, variables, operationName, contextValue) => {
      const response = await apollo.executeOperation(
        { query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) },
        { contextValue: { ...contextValue, identityTokens: new Map(), checkOnly: true, subscribing: true } },
      );
      return response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
    },
    handlers: policyHooks,
    contextFor,
    verify: (authorization) => policies.identity.viewerFrom(authorization),
    keepAliveMs: config.SUBSCRIPTION_KEEPALIVE_MS,
    maxMessageBytes: config.MAX_BODY_BYTES,
    connections: new ConnectionsPerAddress(config.SUBSCRIPTION_CONNECTIONS_PER_ADDRESS),
    clientAddress: clientAddressOf(config.TRUST_PROXY_HOPS),
  };
  // The routes beside POST /graphql, on the scope that gives their answers an ETag.
  function installRoutes(scope: FastifyInstance): void {
    scope.get('/health', (_request, reply) => reply.send({ status: 'ok', service: 'gateway' }));
    scope.get('/ready', (_request, reply) => {
      const serving = ready && !policies.isDraining;
      return reply.code(serving ? 200 : 503).send({ status: serving ? 'ready' : 'not ready', service: 'gateway', circuits: subgraphClients.circuits() });
    });

    // The admin API verifies callers like /graphql does (registry and partner publishing).
    const viewerFrom = (header: string | undefined): Promise<Viewer | null> => policies.identity.viewerFrom(header);
    void scope.register(adminApi, {
      prefix: '/admin',
      registry: () => registry.services,
      viewerFrom,
      logger,
      ...(served.notServed ? { notServed: served.notServed } : {}),
    });

    // Analysts and frontend teams: GraphiQL for browsers' GET /graphql, /export.csv, /examples/.
    const playground = installAnalystFeatures(scope, config, logger, [policies.nestingLimit()]);

    // The subgraphs' standard exports (DCAT-AP JSON-LD, iCalendar, schema.org) on the gateway's host too.
    installStandardExports(scope, {
      // Routed as the gateway's other subgraph calls (static mode: the supergraph's URL unless overridden).
      subgraphUrl: (name) => served.subgraphUrl(name),
      viewerFrom,
      subgraphs: subgraphClients,
      logger,
      config,
    });

    installSseSubscriptions(scope, subscriptionTransports);
    // The public contract at /public/graphql: the same handlers, options and executor, its own schema.
    publicContract.route(scope);

    // GET: Apollo Server's GET queries, after the playground's page for browsers.
    scope.route({
      method: 'GET',
      url: '/graphql',
      // GET and POST only (as Allow says): a HEAD answers 405, as other methods do.
      exposeHeadRoute: false,
      onRequest: [...(playground ? [playground] : []), ...policyHooks.onRequest],
      preHandler: [...policyHooks.preHandler, deferred],
      handler: (request, reply) => graphql(request, reply),
    });
    // Apollo Server answers the methods it does not serve (405 with Allow); OPTIONS is serveOptions'.
    scope.route({
      method: ['PUT', 'DELETE', 'PATCH'],
      url: '/graphql',
      config: REFUSES_METHODS,
      onRequest: policyHooks.onRequest,
      handler: (request, reply) => graphql(request, reply),
    });
  }

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
      const handler = fastifyApolloHandler(apollo, { context: async (request): Promise<GatewayContext> => contextFor(request.raw) });
      graphql = withRequestIdOnRefusals((request, reply) => handler.call(app, request, reply));
      await publicContract.start();
      await app.ready();
    },
    policies,
    subgraphClients,
    // Graceful shutdown: /ready turns 503, in-flight requests finish (at most SHUTDOWN_TIMEOUT_MS),
    // then Apollo stops.
    listen: async (port, host = '0.0.0.0') => {
      const running = await listenApp(app, port, host);
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
          policies.startDraining();
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
          await subgraphClients.close();
          await policies.close();
          await caches.close();
        },
      };
    },
  };
}

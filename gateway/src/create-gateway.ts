import { join, resolve } from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import {
  type AppError,
  formatSubgraphError,
  httpStatusFor,
  listen,
  type Logger,
  REQUEST_ID_HEADER,
  requestIdFrom,
  type RunningServer,
  type Viewer,
} from '@ecosystem/shared';
import express, { type Express, type RequestHandler } from 'express';
import { GraphQLError } from 'graphql';
import { viewerFromAuthorization } from './auth/verify-user-token';
import { AuthenticatedDataSource } from './authenticated-data-source';
import { type GatewayConfig } from './config';
import { type GatewayContext } from './context';
import { CoreSupergraphManager } from './supergraph/supergraph-manager';
import { WarmableQueryPlanCache } from './supergraph/plan-cache';
import { createAdminRouter } from './registry/admin-api';
import { GatewayRegistry } from './registry/gateway-registry';

export interface GatewayServer {
  app: Express;
  apollo: ApolloServer<GatewayContext>;
  gateway: ApolloGateway;
  supergraph: CoreSupergraphManager;
  /** The schema registry (issue 8): partner subgraphs, accepted supergraphs, recorded operations. */
  registry: GatewayRegistry;
  /** The query-plan cache, warmed before each supergraph swap. */
  planCache: WarmableQueryPlanCache;
  /** Loads the supergraph and starts serving /graphql (until then it answers 503). */
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
  isReady(): boolean;
}

function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          const body = response.body;
          const resultErrors = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) : 0;
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round(durationMs * 10) / 10,
              errors: (errors?.length ?? 0) + resultErrors,
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** The gateway process without its socket: Apollo Gateway behind Apollo Server 5 and express. */
export function createGateway(config: GatewayConfig, logger: Logger): GatewayServer {
  const coreUrls = new Map<string, string>(config.subgraphs.map((s) => [s.name, s.url]));
  const registry = new GatewayRegistry({ config, logger });
  const planCache = new WarmableQueryPlanCache(logger);
  const supergraph = new CoreSupergraphManager({
    subgraphs: config.subgraphs,
    supergraphFile: join(resolve(config.DATA_DIR), 'supergraph.graphql'),
    logger,
    startupTimeoutMs: config.STARTUP_COMPOSE_TIMEOUT_MS,
    store: registry,
    planCache,
    warmOperations: () => registry.warmOperations(),
    pollIntervalMs: config.REGISTRY_POLL_INTERVAL_MS,
  });
  registry.attach(supergraph);
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph,
    logger,
    queryPlannerConfig: { cache: planCache },
    buildService: ({ name, url }) =>
      new AuthenticatedDataSource({
        name,
        // Core subgraphs are routed by configuration, whatever URL a stored supergraph recorded.
        url: coreUrls.get(name) ?? (url as string),
        internalJwtSecret: config.INTERNAL_JWT_SECRET,
        identityTtlSeconds: config.IDENTITY_TOKEN_TTL_SECONDS,
      }),
  });
  let ready = false;
  gateway.onSchemaLoadOrUpdate(() => {
    ready = true;
  });

  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: !config.production,
    formatError: (formatted, error) => formatSubgraphError(formatted, error, { maskInternal: config.production }),
    plugins: [ApolloServerPluginLandingPageDisabled(), requestLogPlugin(), registry.plugin<GatewayContext>()],
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', (_req, res) => {
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: 'gateway' });
  });

  // The admin API verifies callers like /graphql does (issue 8: registry and partner publishing).
  const viewerFrom = (header: string | undefined): Promise<Viewer | null> =>
    viewerFromAuthorization(header, { secret: config.JWT_SECRET, issuer: config.JWT_ISSUER, audience: config.JWT_AUDIENCE });
  app.use('/admin', createAdminRouter({ registry: () => registry.service, viewerFrom, logger }));

  let graphql: RequestHandler = (_req, res) => {
    res.status(503).json({ errors: [{ message: 'The gateway is starting', extensions: { code: 'SERVICE_UNAVAILABLE' } }] });
  };
  app.use(
    '/graphql',
    (req, res, next) => {
      const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      res.setHeader(REQUEST_ID_HEADER, requestId);
      res.locals.requestId = requestId;
      next();
    },
    express.json({ limit: '1mb' }),
    (req, res, next) => graphql(req, res, next),
  );

  return {
    app,
    apollo,
    gateway,
    supergraph,
    registry,
    planCache,
    isReady: () => ready,
    async start() {
      await registry.open();
      await apollo.start();
      graphql = expressMiddleware(apollo, {
        context: async ({ req, res }): Promise<GatewayContext> => {
          const requestId = res.locals.requestId as string;
          try {
            const viewer = await viewerFromAuthorization(req.header('authorization'), {
              secret: config.JWT_SECRET,
              issuer: config.JWT_ISSUER,
              audience: config.JWT_AUDIENCE,
            });
            return {
              requestId,
              viewer,
              logger: logger.child({ requestId, viewer: viewer?.sub ?? null }),
              identityTokens: new Map(),
            };
          } catch (error) {
            const appError = error as AppError;
            // An invalid token is refused (401), never downgraded to anonymous.
            throw new GraphQLError(appError.message, {
              extensions: { code: appError.code, http: { status: httpStatusFor(appError.code) } },
            });
          }
        },
      });
    },
    listen: (port, host = '0.0.0.0') => listen(app, port, host, () => apollo.stop()),
  };
}

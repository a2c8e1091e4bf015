import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type Express } from 'express';
import { createHandler as createSseHandler } from 'graphql-sse/lib/use/express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { type Logger } from 'pino';
import { IDENTITY_HEADER, IdentityTokenVerifier } from '../auth/identity-token';
import { type Viewer } from '../auth/viewer';
import { type BaseContext } from '../context/request-context';
import { languageFromHeader } from '../i18n/language';
import { type AppError } from '../errors/app-error';
import { httpStatusFor } from '../errors/error-code';
import { formatSubgraphError } from '../errors/format-error';
import { variableCoercionPlugin } from '../federation/variable-coercion';
import { statementsInScope, withStatementScope } from '../database/query-counter';
import { listen, type RunningServer } from './http-server';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** Subgraph name; also the audience its identity tokens must carry. */
  name: string;
  schema: GraphQLSchema;
  logger: Logger;
  internalJwtSecret: string;
  /** Masks unexpected errors and stack traces. */
  production: boolean;
  /** Adds the per-request parts (a fresh set of DataLoaders) to the base context. */
  createContext: (base: BaseContext) => TContext;
  /** Whether the process can serve (database reachable). */
  ready: () => Promise<boolean>;
  /**
   * Counts each request's SQL statements for its log line (`sqlStatements`). Off by default: the
   * count follows the request through its promises with an AsyncLocalStorage, whose hooks then run
   * on every promise and callback of the process, for every request.
   */
  countStatements?: boolean;
}

export interface SubgraphServer<TContext extends BaseContext> {
  app: Express;
  apollo: ApolloServer<TContext>;
  listen(port: number, host?: string): Promise<RunningServer>;
}

function requestLogPlugin<TContext extends BaseContext>(countStatements: boolean): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors }) {
          const durationMs = Number(process.hrtime.bigint() - started) / 1e6;
          contextValue.logger.info(
            {
              operationName: operationName ?? null,
              durationMs: Math.round(durationMs * 10) / 10,
              errors: errors?.length ?? 0,
              ...(countStatements ? { sqlStatements: statementsInScope() } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}

/** Rebuilds the viewer from the gateway's signed identity token; a bad token is refused (401). */
async function viewerFrom(header: string | undefined, verifier: IdentityTokenVerifier): Promise<Viewer | null> {
  if (!header) return null;
  try {
    return await verifier.verify(header);
  } catch (error) {
    const appError = error as AppError;
    throw new GraphQLError(appError.message, {
      extensions: { code: appError.code, http: { status: httpStatusFor(appError.code) } },
    });
  }
}

/**
 * Apollo Server 5 + express for one subgraph: `/graphql`, `/health` (alive) and `/ready` (database
 * reachable). The returned server is started but not listening; tests call `apollo.executeOperation`.
 */
export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const countStatements = options.countStatements ?? false;
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: !options.production,
    formatError: (formatted, error) =>
      formatSubgraphError(formatted, error, { maskInternal: options.production }),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // Federated tracing is for Apollo's hosted studio; we export our own metrics and traces.
      ApolloServerPluginInlineTraceDisabled(),
      // No subgraph gives cache hints, and the gateway caches by its own rules: the default plugin
      // would only wrap every field's resolver (its willResolveField) to compute a policy of
      // max-age 0. Without it the answer has no Cache-Control header, which the gateway reads as
      // max-age 0 all the same.
      ApolloServerPluginCacheControlDisabled(),
      requestLogPlugin<TContext>(countStatements),
      variableCoercionPlugin() as ApolloServerPlugin<TContext>,
    ],
  });
  await apollo.start();

  // One verifier per subgraph: a token is checked once, then remembered until its expiry.
  const identity = new IdentityTokenVerifier({ secret: options.internalJwtSecret, audience: options.name });

  const app = express();
  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_req, res) => {
    const ready = await options.ready().catch(() => false);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', service: options.name });
  });
  // Subscriptions (a subgraph that has them) over Server-Sent Events, before /graphql (whose mount
  // would take /graphql/stream too): the gateway subscribes here with
  // the caller's identity token, as it queries /graphql.
  if (options.schema.getSubscriptionType()) {
    app.use(
      '/graphql/stream',
      // The limit of /graphql: the gateway bounds the caller's body (MAX_BODY_BYTES) and forwards its
      // arguments; a smaller one here answered an uncoded 413 to arguments the subgraph refuses itself, with their field.
      express.json({ limit: '2mb' }),
      createSseHandler({
        schema: options.schema,
        context: async (req) => {
          const requestId = requestIdFrom(req.raw.headers[REQUEST_ID_HEADER]);
          const viewer = await viewerFrom(req.raw.header(IDENTITY_HEADER), identity);
          const logger = options.logger.child({ requestId, viewer: viewer?.sub ?? null });
          return options.createContext({ requestId, viewer, logger, language: languageFromHeader(req.raw.header('accept-language')) }) as never;
        },
      }) as express.RequestHandler,
    );
  }

  const requestScope: express.RequestHandler = (req, res, next) => {
    const requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.locals.requestId = requestId;
    // Count SQL statements per request (logged). After the body parser: stream callbacks would
    // otherwise run outside the scope.
    if (countStatements) withStatementScope(() => next());
    else next();
  };
  const graphqlHandlers = [
    express.json({ limit: '2mb' }),
    requestScope,
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = res.locals.requestId as string;
        const viewer = await viewerFrom(req.header(IDENTITY_HEADER), identity);
        const logger = options.logger.child({ requestId, viewer: viewer?.sub ?? null });
        return options.createContext({ requestId, viewer, logger, language: languageFromHeader(req.header('accept-language')) });
      },
    }),
  ];
  // An ETag only serves a conditional GET, and the gateway never revalidates a POST: POST answers
  // get none (express would hash every answer). Their own app, as express settings apply per app;
  // mounted first, so a POST to /graphql meets no other layer.
  const graphqlPost = express();
  graphqlPost.set('etag', false);
  // A mounted app keeps its own defaults: without this, POST answers said X-Powered-By: Express.
  graphqlPost.disable('x-powered-by');
  graphqlPost.post('/', ...graphqlHandlers);
  app.use('/graphql', graphqlPost);
  app.use('/graphql', ...graphqlHandlers);

  return {
    app,
    apollo,
    listen: (port, host = '0.0.0.0') => listen(app, port, host, () => apollo.stop()),
  };
}

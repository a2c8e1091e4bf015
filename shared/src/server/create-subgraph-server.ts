import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import fastifyEtag from '@fastify/etag';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createHandler as createSseHandler } from 'graphql-sse/lib/use/fastify';
import { type DocumentNode, type ExecutionResult, getOperationAST, GraphQLError, type GraphQLSchema, parse, validate } from 'graphql';
import { type Logger } from 'pino';
import { IDENTITY_HEADER, IdentityTokenVerifier } from '../auth/identity-token';
import { type Viewer } from '../auth/viewer';
import { type BaseContext } from '../context/request-context';
import { languageFromHeader } from '../i18n/language';
import { type AppError } from '../errors/app-error';
import { httpStatusFor } from '../errors/error-code';
import { formatSubgraphError } from '../errors/format-error';
import { variableCoercionPlugin, variableCoercionRefusal } from '../federation/variable-coercion';
import { statementsInScope, withStatementScope } from '../database/query-counter';
import { requestIdOnErrorsPlugin, withRequestIdOnRefusals } from './apollo-refusals';
import {
  acceptsEventStream,
  correctStreamHead,
  httpAppOptions,
  installRequestBasics,
  installRequestBodies,
  mediaTypeRefusal,
  REFUSES_METHODS,
  refusalOf,
  sendsPersistedQuery,
  serveOptions,
  sseRequestProblem,
} from './http-edges';
import { pathOf, sendGraphQLRefusal, sendHttpError } from './http-error';
import { listen, type RunningServer } from './http-server';

/**
 * The limit of a request body: the gateway bounds the caller's body (MAX_BODY_BYTES) and forwards
 * its arguments; a smaller one here answered 413 to arguments the subgraph refuses itself, with their field.
 */
const BODY_LIMIT_BYTES = 2 * 1024 * 1024;

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
  /**
   * Plain HTTP routes beside `/graphql` (standard exports). They are added to the scope of the GET
   * answers, which carry a weak ETag and answer a matching `If-None-Match` with 304.
   */
  routes?: (app: FastifyInstance) => void;
}

export interface SubgraphServer<TContext extends BaseContext> {
  app: FastifyInstance;
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

/** The stable code of an HTTP refusal that Fastify raises itself (body too large, unreadable JSON...). */
export function codeForStatus(status: number): string {
  if (status === 404) return 'NOT_FOUND';
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  return 'BAD_REQUEST';
}

/**
 * Apollo Server 5 on Fastify for one subgraph: `/graphql`, `/health` (alive) and `/ready` (database
 * reachable). The returned server is started but not listening; tests call `apollo.executeOperation`.
 */
export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer<TContext>> {
  const countStatements = options.countStatements ?? false;
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: !options.production,
    // "Did you mean ...?" hints in validation and variable errors map the schema that production
    // keeps out of introspection; Apollo Server drops them (as the gateway does for its callers).
    hideSchemaDetailsFromClientErrors: options.production,
    // The gateway never sends persisted queries to a subgraph: any `extensions.persistedQuery` is
    // answered PERSISTED_QUERY_NOT_SUPPORTED. Served, a malformed or mismatched one was refused
    // without a code, which the masking turned into INTERNAL_SERVER_ERROR.
    persistedQueries: false,
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
      requestIdOnErrorsPlugin<TContext>(),
    ],
  });
  await apollo.start();

  // One verifier per subgraph: a token is checked once, then remembered until its expiry.
  const identity = new IdentityTokenVerifier({ secret: options.internalJwtSecret, audience: options.name });
  const contextFor = async (requestId: string, identityHeader: string | undefined, acceptLanguage: string | undefined): Promise<TContext> => {
    const viewer = await viewerFrom(identityHeader, identity);
    const logger = options.logger.child({ requestId, viewer: viewer?.sub ?? null });
    return options.createContext({ requestId, viewer, logger, language: languageFromHeader(acceptLanguage) });
  };

  // The request id is the caller's when it is sane (the gateway forwards its own), else a new one.
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, ...httpAppOptions() });
  installRequestBasics(app);
  const allowOf = serveOptions(app);
  // Bodies as the gateway reads them (encodings, UTF-8 JSON); plain text stays Fastify's.
  await installRequestBodies(app);
  // Refusals and failures in the one error body of the HTTP routes; an unexpected one is logged.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const refusal = refusalOf(error) ?? mediaTypeRefusal(error, request);
    if (refusal) {
      sendHttpError(reply, refusal.status, refusal.refusalCode, refusal.message, refusal.field);
      return;
    }
    const status = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      options.logger.error({ err: error, requestId: request.id, path: request.url }, 'request failed');
      sendHttpError(reply, 500, 'INTERNAL_SERVER_ERROR', options.production ? 'Internal server error' : error.message);
    } else {
      sendHttpError(reply, status, codeForStatus(status), error.message);
    }
  });
  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request);
    // A method no route of a served path takes (TRACE; PROPFIND, which Fastify does not route): 405, in the path's error shape.
    const allow = allowOf(path);
    if (allow) {
      reply.header('allow', allow);
      const message = `${request.method} is not served on ${path}: use ${allow}`;
      if (path === '/graphql' || path === '/graphql/stream') sendGraphQLRefusal(reply, 405, 'METHOD_NOT_ALLOWED', message);
      else sendHttpError(reply, 405, 'METHOD_NOT_ALLOWED', message);
      return;
    }
    sendHttpError(reply, 404, 'NOT_FOUND', `${request.method} ${path} is not served here`);
  });

  app.get('/health', async () => ({ status: 'ok', service: options.name }));
  app.get('/ready', async (_request, reply) => {
    const ready = await options.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', service: options.name });
  });

  // Subscriptions (a subgraph that has them) over Server-Sent Events: the gateway subscribes here
  // with the caller's identity token, as it queries /graphql, one stream per subscription (GET or
  // POST). graphql-sse's single-connection mode (PUT reserves a stream, DELETE ends an operation)
  // is not served: its reservation token is read from a header the Fastify handler reports as
  // "undefined" when absent, so every caller would share one reserved stream.
  if (options.schema.getSubscriptionType()) {
    installStreamRoute(app, options.schema, contextFor);
  }

  const graphql = withRequestIdOnRefusals(
    fastifyApolloHandler<TContext>(apollo, {
      context: (request) =>
        contextFor(request.id, headerValue(request.headers[IDENTITY_HEADER]), headerValue(request.headers['accept-language'])),
    }),
  );
  // Count SQL statements per request (logged), from the handler on: the body is read by then.
  const statementScope = countStatements
    ? { preHandler: (_request: FastifyRequest, _reply: FastifyReply, done: () => void) => withStatementScope(() => done()) }
    : {};
  // An ETag only serves a conditional GET, and the gateway never revalidates a POST: POST answers
  // get none. Apollo Server answers the methods it does not serve (405); OPTIONS is serveOptions'.
  app.route({ method: 'POST', url: '/graphql', ...statementScope, handler: graphql });
  app.route({ method: ['PUT', 'PATCH', 'DELETE'], url: '/graphql', config: REFUSES_METHODS, handler: graphql });
  // GET answers (queries by GET, the standard exports) in a scope of their own, with their ETag.
  await app.register(async (gets) => {
    await gets.register(fastifyEtag, { weak: true });
    // GET and POST only (as Allow says): a HEAD answers 405, as other methods do.
    gets.get('/graphql', { ...statementScope, exposeHeadRoute: false }, graphql);
    options.routes?.(gets);
  });

  return {
    app,
    apollo,
    listen: async (port, host = '0.0.0.0') => {
      await app.ready();
      // The Node server is the shared one of every process (keep-alive, graceful close): Fastify routes its requests.
      return listen((req, res) => app.routing(req, res), port, host, () => apollo.stop());
    },
  };
}

/** A header sent once, as Node gives it (an array only for a header repeated). */
function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * `/graphql/stream`: graphql-sse behind the refusals it would answer without a code or request id
 * (404 "Stream not found" for a request without `Accept: text/event-stream`, an empty 415, "Invalid
 * query", parse errors) or as a 500 (a context that throws: a bad identity token). Each is refused
 * first in the GraphQL error shape with its code and the request id, as the gateway's
 * `/graphql/stream` refuses them; the context is built once, before graphql-sse runs.
 */
function installStreamRoute<TContext extends BaseContext>(
  app: FastifyInstance,
  schema: GraphQLSchema,
  contextFor: (requestId: string, identityHeader: string | undefined, acceptLanguage: string | undefined) => Promise<TContext>,
): void {
  const contexts = new WeakMap<FastifyRequest, TContext>();
  const stream = createSseHandler({
    schema,
    context: (req) => contexts.get(req.raw as FastifyRequest) as never,
    // Validated in onSubscribe, which gives the errors their code and the request id.
    validate: () => [],
    onSubscribe: (req, params) => {
      const request = req.raw as FastifyRequest;
      const refused = (code: string, errors: readonly { message: string; locations?: unknown }[], extensions: Record<string, unknown> = {}): ExecutionResult =>
        ({ data: undefined, errors: errors.map(({ message, locations }) => ({ message, ...(locations ? { locations } : {}), extensions: { code, ...extensions, requestId: request.id } })) }) as never;
      let document: DocumentNode;
      try {
        document = parse(params.query);
      } catch (error) {
        return refused('GRAPHQL_PARSE_FAILED', [error as GraphQLError]);
      }
      const errors = validate(schema, document);
      if (errors.length > 0) return refused('GRAPHQL_VALIDATION_FAILED', errors);
      const operation = getOperationAST(document, params.operationName);
      if (!operation) return refused('OPERATION_RESOLUTION_FAILURE', [{ message: 'The operation to run could not be determined: name it in operationName' }]);
      // Coerced here as /graphql coerces them (variableCoercionPlugin): graphql-sse's own error has no code or field.
      const coercion = variableCoercionRefusal(schema, operation.variableDefinitions ?? [], params.variables ?? {});
      if (coercion) {
        const { field, problems } = coercion.extensions;
        return refused('BAD_USER_INPUT', [coercion], { field, problems });
      }
      return { schema, document, operationName: params.operationName, variableValues: params.variables, contextValue: contexts.get(request) } as never;
    },
  });
  const refuse = (reply: FastifyReply, status: number, code: string, message: string, field?: string): FastifyReply => {
    sendGraphQLRefusal(reply, status, code, message, field ? { field } : {});
    return reply;
  };
  app.route({
    method: ['GET', 'POST'],
    url: '/graphql/stream',
    exposeHeadRoute: false,
    preHandler: async (request, reply) => {
      if (!acceptsEventStream(request)) {
        return refuse(reply, 406, 'NOT_ACCEPTABLE', 'Subscriptions are served as Server-Sent Events: send Accept: text/event-stream', 'accept');
      }
      // graphql-sse serves distinct connections only for exactly this Accept.
      request.headers.accept = 'text/event-stream';
      if (request.method === 'POST' && mediaTypeOf(request.headers['content-type']) !== 'application/json') {
        return refuse(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the subscription as JSON (Content-Type: application/json), or by GET', 'content-type');
      }
      // The gateway never sends a persisted query to a subgraph: refused by its code, as /graphql
      // refuses it, before a hash without a query is refused as a missing query.
      if (sendsPersistedQuery(request)) {
        return refuse(reply, 400, 'PERSISTED_QUERY_NOT_SUPPORTED', 'Persisted queries are not served by a subgraph: send the query', 'extensions.persistedQuery');
      }
      const problem = sseRequestProblem(request);
      if (problem) return refuse(reply, 400, 'BAD_REQUEST', problem.message, problem.field);
      try {
        contexts.set(request, await contextFor(request.id, headerValue(request.headers[IDENTITY_HEADER]), headerValue(request.headers['accept-language'])));
      } catch (error) {
        // A refused identity token: its code and status (401), as /graphql answers it.
        const extensions = error instanceof GraphQLError ? error.extensions : undefined;
        const status = (extensions?.http as { status?: number } | undefined)?.status;
        if (!status || typeof extensions?.code !== 'string') throw error;
        return refuse(reply, status, extensions.code, (error as GraphQLError).message);
      }
      return undefined;
    },
    handler: (request, reply) => {
      correctStreamHead(reply);
      return stream(request, reply);
    },
  });
  app.route({
    method: ['PUT', 'DELETE', 'PATCH'],
    url: '/graphql/stream',
    config: REFUSES_METHODS,
    handler: (request, reply) => {
      reply.header('allow', 'GET, POST');
      refuse(reply, 405, 'METHOD_NOT_ALLOWED', `${request.method} is not served on /graphql/stream: subscribe with GET or POST`);
    },
  });
}

/** A Content-Type's media type, lower case, without its parameters. */
function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

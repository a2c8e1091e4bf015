import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { hostRefusal } from './http-edges';

/**
 * Apollo Server's HTTP handler, whose own refusals carry the request id and a stable code. A Host
 * it cannot build the request's URL from is refused first (400 BAD_REQUEST, `hostRefusal`). Its
 * checks of the request (a method it does not serve: 405; CSRF prevention, `variables` not an
 * object, batching off: 400) and a context that throws (a subgraph's bad identity token: 401)
 * answer before any per-request hook, so no plugin knows which request they refuse: the id is added
 * to such an answer's errors as the handler returns it, and Apollo Server's 405, which it codes
 * BAD_REQUEST, gets METHOD_NOT_ALLOWED (its `Allow` header stays). Only error answers (4xx, 5xx,
 * and 200 answers that start with `errors`) are read again. Not an AsyncLocalStorage: on Node 20
 * its first `run` turns on promise hooks for the whole process, and every await of every request
 * then pays for them.
 */
export function withRequestIdOnRefusals(
  handler: (request: FastifyRequest, reply: FastifyReply) => unknown,
  requestIdOf: (request: FastifyRequest) => string | undefined = (request) => request.id,
): (request: FastifyRequest, reply: FastifyReply) => Promise<unknown> {
  return async (request, reply) => {
    const refusal = hostRefusal(request);
    if (refusal) throw refusal;
    const body = await handler(request, reply);
    const requestId = requestIdOf(request);
    return requestId && typeof body === 'string' && (reply.statusCode >= 400 || body.startsWith(ERRORS_FIRST)) ? codedRefusal(body, requestId, reply.statusCode) : body;
  };
}

/**
 * How Apollo Server's JSON answer with errors starts (it writes `errors` before `data`): a refusal it
 * answers 200 (PERSISTED_QUERY_NOT_FOUND, PERSISTED_QUERY_NOT_SUPPORTED, as the APQ protocol wants)
 * starts so too.
 */
const ERRORS_FIRST = '{"errors":';

/** A refusal's JSON body with `requestId` on each of its errors that lacks one (the body as it is otherwise). */
function codedRefusal(body: string, requestId: string, status: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return body;
  // Under 400, only a refusal (no `data`): an operation's errors beside its data are not refusals.
  if (status < 400 && 'data' in (parsed as object)) return body;
  let changed = false;
  for (const error of errors as { extensions?: Record<string, unknown> }[]) {
    if (!error || typeof error !== 'object') continue;
    if (status === 405 && error.extensions?.code === 'BAD_REQUEST') {
      error.extensions = { ...error.extensions, code: 'METHOD_NOT_ALLOWED' };
      changed = true;
    }
    if (error.extensions?.requestId === undefined) {
      error.extensions = { ...error.extensions, requestId };
      changed = true;
    }
  }
  return changed ? JSON.stringify(parsed) : body;
}

/**
 * Puts the request id on every error of an answer Apollo Server writes after running an operation
 * (resolver errors beside data, the masking's INTERNAL_SERVER_ERROR, coercion refusals), on the
 * gateway and on each subgraph called directly; its refusals before a request starts get it from
 * `withRequestIdOnRefusals`, which wraps their handler.
 */
export function requestIdOnErrorsPlugin<TContext extends { requestId: string }>(): ApolloServerPlugin<TContext> {
  // One hooks object for every request: it keeps no state.
  const hooks: GraphQLRequestListener<TContext> = {
    async willSendResponse({ response, contextValue }) {
      const body = response.body;
      if (body.kind !== 'single' || !body.singleResult.errors) return;
      body.singleResult.errors = body.singleResult.errors.map((error) => ({
        ...error,
        extensions: { ...error.extensions, requestId: contextValue.requestId },
      }));
    },
  };
  return { requestDidStart: async () => hooks };
}

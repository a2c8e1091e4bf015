import { DateTimeScalar, upperBound } from '../scalars/scalars';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * The one error body of the HTTP routes beside /graphql (standard exports): `{"error":{"code",
 * "message","field"?,"requestId"?}}`, with the same stable codes as GraphQL's `extensions.code`.
 * The request id is the one the route answers in `x-request-id` (set before the error is sent),
 * so a client can quote either.
 */
export function sendHttpError(reply: HttpErrorReply, status: number, code: string, message: string, field?: string): void {
  reply.status(status).type('application/json').send(httpErrorBody(code, message, field, reply.getHeader(REQUEST_ID_HEADER)));
}

/** What `sendHttpError` needs of an answer (a Fastify reply), so callers need not import Fastify's types. */
export interface HttpErrorReply {
  getHeader(name: string): unknown;
  status(code: number): HttpErrorReply;
  type(contentType: string): HttpErrorReply;
  send(body: string): unknown;
}

/** The text of that error body, for a server that sends it its own way. */
export function httpErrorBody(code: string, message: string, field?: string, requestId?: unknown): string {
  return JSON.stringify({ error: { code, message, ...(field ? { field } : {}), ...(typeof requestId === 'string' ? { requestId } : {}) } });
}

/**
 * The GraphQL error shape of a refusal by a GraphQL route that answers before Apollo Server or
 * graphql-sse (a subgraph's `/graphql/stream`): `{"errors":[{"message","extensions":{"code",
 * ...,"requestId"}}]}`, as the gateway's GraphQL routes refuse.
 */
export function graphqlErrorBody(code: string, message: string, requestId: unknown, extensions: Record<string, unknown> = {}): string {
  return JSON.stringify({ errors: [{ message, extensions: { code, ...extensions, ...(typeof requestId === 'string' ? { requestId } : {}) } }] });
}

/** Sends that body; the request id is the one the route answers in `x-request-id`. */
export function sendGraphQLRefusal(reply: HttpErrorReply, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  reply.status(status).type('application/json').send(graphqlErrorBody(code, message, reply.getHeader(REQUEST_ID_HEADER), extensions));
}

/** A bad query parameter: answered 400 BAD_USER_INPUT with the parameter as `field`. */
export class BadQueryParameterError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

/**
 * A `from`/`to` window from the query string, read as GraphQL reads a DateTime (the shared
 * scalar: ISO 8601 with offset, or a plain day in Europe/Paris, impossible days refused); `to` as
 * an exclusive upper bound (a plain day takes the whole day). `from` after `to` is refused.
 */
export function dateWindowParams(req: { query: unknown }, fromName = 'from', toName = 'to'): { from?: Date; to?: Date } {
  const read = (name: string): Date | undefined => {
    const raw = (req.query as Record<string, unknown>)[name];
    if (raw === undefined || raw === '') return undefined;
    try {
      if (typeof raw !== 'string') throw new Error('not a string');
      return DateTimeScalar.parseValue(raw) as Date;
    } catch {
      throw new BadQueryParameterError(`"${name}" must be an ISO 8601 date-time with offset or a calendar day (YYYY-MM-DD) that exists`, name);
    }
  };
  const from = read(fromName);
  const to = upperBound(read(toName));
  if (from && to && from > to) throw new BadQueryParameterError(`${fromName} must not be after ${toName}`, fromName);
  return { from, to };
}

/** A request's path without its query string (Fastify's `url` keeps it), for messages and logs. */
export function pathOf(req: { url: string }): string {
  const query = req.url.indexOf('?');
  return query === -1 ? req.url : req.url.slice(0, query);
}

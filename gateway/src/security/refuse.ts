import { type FastifyReply } from 'fastify';
import { requestState } from '../context';

/** Stable codes of the refusals the gateway itself makes (besides the shared ErrorCode ones). */
export const GatewayErrorCode = {
  RATE_LIMITED: 'RATE_LIMITED',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  BATCHING_DISABLED: 'BATCHING_DISABLED',
  BATCH_TOO_LARGE: 'BATCH_TOO_LARGE',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  TOO_MANY_DEFERRED_FRAGMENTS: 'TOO_MANY_DEFERRED_FRAGMENTS',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  RESPONSE_TOO_LARGE: 'RESPONSE_TOO_LARGE',
  OPERATION_NOT_TRUSTED: 'OPERATION_NOT_TRUSTED',
  TRUSTED_DOCUMENT_NOT_FOUND: 'TRUSTED_DOCUMENT_NOT_FOUND',
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
  SUBGRAPH_TIMEOUT: 'SUBGRAPH_TIMEOUT',
  INTROSPECTION_DISABLED: 'INTROSPECTION_DISABLED',
  SUBSCRIPTIONS_NOT_SERVED: 'SUBSCRIPTIONS_NOT_SERVED',
  DEFER_NOT_SERVED_OVER_GET: 'DEFER_NOT_SERVED_OVER_GET',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  PERSISTED_QUERY_HASH_MISMATCH: 'PERSISTED_QUERY_HASH_MISMATCH',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** A method the path does not serve (405, with `Allow`): the SSE stream, the CSV and standard exports. */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
} as const;
export type GatewayErrorCode = (typeof GatewayErrorCode)[keyof typeof GatewayErrorCode];

/** Ends a request with a GraphQL-shaped error body that carries the code and the request id. */
export function refuse(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
  /** Where in the client's text (a validation refusal's `locations`, as graphql-js gives them). */
  locations?: readonly { line: number; column: number }[],
): FastifyReply {
  const requestId = requestState(reply.request.raw)?.requestId ?? reply.request.id;
  return reply.code(status).send({ errors: [{ message, ...(locations?.length ? { locations } : {}), extensions: { code, ...extensions, requestId } }] });
}

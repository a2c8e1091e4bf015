import { ErrorCode } from '@ecosystem/shared';
import { GraphQLError } from 'graphql';

/** Codes a subgraph refuses a whole request with that are the caller's doing, passed on as they are. */
const CALLER_CODES = new Set<string>([ErrorCode.BAD_USER_INPUT, 'GRAPHQL_VALIDATION_FAILED']);

/**
 * A subgraph that refuses a whole request (HTTP 4xx, e.g. its own variable coercion) answers a
 * GraphQL body whose first error says why. When that is the caller's fault, the client gets that
 * error with its code, field and problems, without the subgraph's name, URL or response;
 * otherwise undefined (the data source's own error, masked as internal).
 */
export function callerRefusalFrom(status: number, body: unknown): GraphQLError | undefined {
  if (status < 400 || status >= 500 || typeof body !== 'object' || body === null) return undefined;
  const errors = (body as { errors?: unknown }).errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const first = errors[0] as { message?: unknown; extensions?: Record<string, unknown> };
  const code = first.extensions?.code;
  if (typeof code !== 'string' || !CALLER_CODES.has(code) || typeof first.message !== 'string') return undefined;
  const field = first.extensions?.field ?? /^Variable "\$([^"]+)"/.exec(first.message)?.[1];
  return new GraphQLError(first.message, {
    extensions: {
      code: ErrorCode.BAD_USER_INPUT,
      ...(typeof field === 'string' ? { field } : {}),
      ...(first.extensions?.problems ? { problems: first.extensions.problems } : {}),
    },
  });
}

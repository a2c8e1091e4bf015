import { type Request } from 'express';

/** A GraphQL operation POSTed as JSON, in the shape Apollo Server reads it. */
export interface PostedOperation {
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
}

/**
 * The operation of a single (not batched) POST whose parsed body has a `query` text and nothing a
 * fast lane leaves to Apollo Server (APQ and other `extensions`); undefined for anything else,
 * including malformed `variables` or `operationName` (Apollo Server answers those with its 400).
 */
export function postedOperation(req: Request): PostedOperation | undefined {
  if (req.method !== 'POST') return undefined;
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, variables, operationName, extensions } = body as Record<string, unknown>;
  if (typeof query !== 'string' || extensions !== undefined) return undefined;
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') return undefined;
  if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  return { query, variables: (variables ?? {}) as Record<string, unknown>, operationName: operationName ?? null };
}

/**
 * The content type Apollo Server would answer a successful single result with, negotiated the way
 * it does (the `negotiator` package, through express's `req.accepts`): JSON without an Accept
 * header or when any type will do, the GraphQL-over-HTTP type when the client prefers it (Apollo Client's
 * default). Undefined when Apollo would answer 406, or for the JSON-callback and multipart types:
 * the full pipeline handles those.
 */
export function contentTypeFor(req: Request): string | undefined {
  const accept = req.headers.accept;
  if (accept === undefined || accept === '' || accept === '*/*') return JSON_TYPE;
  if (accept.includes('callbackSpec') || accept.includes('multipart')) return undefined;
  const preferred = req.accepts(['application/json', 'application/graphql-response+json']);
  if (preferred === 'application/json') return JSON_TYPE;
  if (preferred === 'application/graphql-response+json') return GRAPHQL_RESPONSE_TYPE;
  return undefined;
}

const JSON_TYPE = 'application/json; charset=utf-8';
const GRAPHQL_RESPONSE_TYPE = 'application/graphql-response+json; charset=utf-8';

import { type GatewayHook, syncHook } from '../http/hooks';
import { refuse } from './refuse';

/** What APQ hashes are: SHA-256 in lowercase hex (Apollo Client's link and Apollo Server's check). */
const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface PersistedQueryProblem {
  field: string;
  message: string;
}

/**
 * What is wrong with a request's `extensions.persistedQuery`, if anything: it must be
 * `{ version: 1, sha256Hash: "<64 lowercase hex>" }`. Apollo Server would otherwise look up any
 * value it is given (a number, an object, half a megabyte of text) and answer
 * PERSISTED_QUERY_NOT_FOUND, which tells a client to resend.
 */
export function persistedQueryProblem(extensions: unknown): PersistedQueryProblem | undefined {
  if (!extensions || typeof extensions !== 'object' || Array.isArray(extensions)) return undefined;
  const persistedQuery = (extensions as { persistedQuery?: unknown }).persistedQuery;
  // Absent or null: no persisted query (as Apollo Server reads it).
  if (persistedQuery === undefined || persistedQuery === null) return undefined;
  if (typeof persistedQuery !== 'object' || Array.isArray(persistedQuery)) {
    return { field: 'extensions.persistedQuery', message: 'extensions.persistedQuery must be an object { version: 1, sha256Hash: "<64 lowercase hex>" }' };
  }
  const { version, sha256Hash } = persistedQuery as { version?: unknown; sha256Hash?: unknown };
  if (version !== 1) {
    return { field: 'extensions.persistedQuery.version', message: 'extensions.persistedQuery.version must be the number 1' };
  }
  if (typeof sha256Hash !== 'string' || !SHA256_HEX.test(sha256Hash)) {
    return { field: 'extensions.persistedQuery.sha256Hash', message: 'extensions.persistedQuery.sha256Hash must be the SHA-256 of the query in 64 lowercase hex characters' };
  }
  return undefined;
}

/** A GET request's `extensions` parameter as Apollo Server reads it (JSON text); anything unreadable is left to Apollo. */
function extensionsOfGet(value: unknown): unknown {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Refuses a malformed `extensions.persistedQuery` (400 BAD_REQUEST with the field) before Apollo
 * Server sees the request, by POST (each operation of a batch) and GET. Runs after the trusted
 * documents, which resolve their manifest ids (any text) sent in `sha256Hash` and remove them.
 */
export function persistedQueryShapeHook(onRefuse: (code: string) => void = () => undefined): GatewayHook {
  return syncHook((request, reply) => {
    const bodies: unknown[] =
      request.method === 'GET'
        ? [{ extensions: extensionsOfGet((request.query as Record<string, unknown>).extensions) }]
        : Array.isArray(request.body)
          ? request.body
          : [request.body];
    for (const body of bodies) {
      const problem = body && typeof body === 'object' ? persistedQueryProblem((body as { extensions?: unknown }).extensions) : undefined;
      if (problem) {
        onRefuse('BAD_REQUEST');
        refuse(reply, 400, 'BAD_REQUEST', problem.message, { field: problem.field });
        return false;
      }
    }
    return true;
  });
}

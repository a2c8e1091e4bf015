import { readFileSync } from 'node:fs';
import { type Logger } from '@ecosystem/shared';
import { type GatewayHook, syncHook } from '../http/hooks';
import { requestState } from '../context';
import { GatewayErrorCode, refuse } from './refuse';

/** A manifest: `{ "<id>": "<document>" }` or Apollo's `{ format: "apollo-persisted-query-manifest", operations: [{ id, body }] }`. */
export function loadTrustedDocuments(file: string): Map<string, string> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const documents = new Map<string, string>();
  if (raw && typeof raw === 'object' && Array.isArray((raw as { operations?: unknown }).operations)) {
    for (const operation of (raw as { operations: { id?: unknown; body?: unknown }[] }).operations) {
      if (typeof operation.id === 'string' && typeof operation.body === 'string') documents.set(operation.id, operation.body);
    }
  } else if (raw && typeof raw === 'object') {
    for (const [id, body] of Object.entries(raw)) if (typeof body === 'string') documents.set(id, body);
  }
  if (documents.size === 0) throw new Error(`${file}: no trusted documents found`);
  return documents;
}

interface GraphQLBody {
  query?: unknown;
  documentId?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } } & Record<string, unknown>;
}

/**
 * Trusted-documents mode: an operation runs only if it comes from the manifest, by id
 * (`documentId`, or `extensions.persistedQuery.sha256Hash` as sent by Apollo Client's persisted
 * queries link) or by its exact text. Anything else is refused with OPERATION_NOT_TRUSTED (or
 * TRUSTED_DOCUMENT_NOT_FOUND for an unknown id) before it is parsed. With `enforce` off, unlisted
 * operations run but are logged. The manifest is read once, at start.
 */
export function trustedDocumentsHook(
  documents: Map<string, string>,
  enforce: boolean,
  logger: Logger,
  onRefuse: (code: string) => void = () => undefined,
): GatewayHook {
  const bodies = new Set(documents.values());
  const resolve = (body: GraphQLBody, requestId: unknown): string | undefined => {
    const id =
      typeof body.documentId === 'string'
        ? body.documentId
        : typeof body.extensions?.persistedQuery?.sha256Hash === 'string'
          ? body.extensions.persistedQuery.sha256Hash
          : undefined;
    if (typeof body.query === 'string' && body.query !== '') {
      if (bodies.has(body.query)) return undefined;
      if (!enforce) {
        logger.warn({ requestId }, 'operation not in the trusted documents manifest');
        return undefined;
      }
      return GatewayErrorCode.OPERATION_NOT_TRUSTED;
    }
    if (id !== undefined) {
      const document = documents.get(id);
      if (document === undefined) return enforce ? GatewayErrorCode.TRUSTED_DOCUMENT_NOT_FOUND : undefined;
      body.query = document;
      delete body.documentId;
      if (body.extensions?.persistedQuery) delete body.extensions.persistedQuery;
      return undefined;
    }
    return undefined;
  };
  return syncHook((request, reply) => {
    if (request.method === 'GET') {
      const query = (request.query as Record<string, unknown>).query;
      if (enforce && typeof query === 'string' && !bodies.has(query)) {
        onRefuse(GatewayErrorCode.OPERATION_NOT_TRUSTED);
        refuse(reply, 400, GatewayErrorCode.OPERATION_NOT_TRUSTED, 'Only trusted documents may run on this gateway');
        return false;
      }
      return true;
    }
    const payload = request.body as GraphQLBody | GraphQLBody[] | undefined;
    if (!payload || typeof payload !== 'object') return true;
    for (const body of Array.isArray(payload) ? payload : [payload]) {
      const problem = resolve(body, requestState(request.raw)?.requestId);
      if (problem) onRefuse(problem);
      if (problem === GatewayErrorCode.OPERATION_NOT_TRUSTED) {
        refuse(reply, 400, problem, 'Only trusted documents may run on this gateway');
        return false;
      }
      if (problem === GatewayErrorCode.TRUSTED_DOCUMENT_NOT_FOUND) {
        refuse(reply, 400, problem, 'Unknown trusted document id');
        return false;
      }
    }
    return true;
  });
}

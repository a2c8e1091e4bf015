import { type IncomingMessage } from 'node:http';
import { type GatewayHook, syncHook } from '../http/hooks';
import Negotiator from 'negotiator';
import { GatewayErrorCode, refuse } from '../security/refuse';

/**
 * The media types the GraphQL endpoints answer in, as Apollo Server spells them: a single result
 * as JSON (either type), an incremental (@defer) one as multipart/mixed.
 */
const JSON_TYPES = ['application/json; charset=utf-8', 'application/graphql-response+json; charset=utf-8'];
const MULTIPART_TYPES = ['multipart/mixed', 'multipart/mixed; deferSpec=20220824'];

export type ResponseFormat = 'json' | 'multipart';

/**
 * The one reading of a request's Accept header for the GraphQL endpoints: the format the caller
 * prefers among those offered (multipart only where an incremental answer is possible), or
 * undefined when it accepts none. Media types are case-insensitive, carry parameters and q-values
 * (q=0 refuses); no Accept header accepts anything. Apollo Server negotiates only after executing,
 * so this is asked before anything runs.
 */
export function negotiateResponse(req: IncomingMessage, options: { multipart: boolean }): ResponseFormat | undefined {
  if (!req.headers.accept) return 'json';
  const offered = options.multipart ? [...JSON_TYPES, ...MULTIPART_TYPES] : JSON_TYPES;
  const chosen = new Negotiator(req).mediaType(offered);
  if (!chosen) return undefined;
  return MULTIPART_TYPES.includes(chosen) ? 'multipart' : 'json';
}

/**
 * Refuses 406 NOT_ACCEPTABLE, before the operation runs, a request whose Accept header takes none
 * of the formats the endpoint could answer in (`multipart`: an incremental answer is possible).
 */
export function acceptableResponseGate(options: { multipart: boolean; onRefuse?: (code: string) => void }): GatewayHook {
  const offered = options.multipart ? 'application/json, application/graphql-response+json or multipart/mixed' : 'application/json or application/graphql-response+json';
  return syncHook((request, reply) => {
    if (negotiateResponse(request.raw, options)) return true;
    options.onRefuse?.(GatewayErrorCode.NOT_ACCEPTABLE);
    refuse(reply, 406, GatewayErrorCode.NOT_ACCEPTABLE, `The Accept header takes none of the formats this endpoint answers in: send Accept: ${offered}`, { field: 'accept' });
    return false;
  });
}

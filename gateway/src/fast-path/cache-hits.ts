import { createHash } from 'node:crypto';
import { type Logger } from '@ecosystem/shared';
import { type Request, type RequestHandler, type Response } from 'express';
import { type DocumentNode, type GraphQLSchema } from 'graphql';
import { Counter, type Registry } from 'prom-client';
import { type ResponseCache, responseCacheKey } from '../cache/response-cache';
import { type GatewayContext } from '../context';
import { type GatewayMetrics } from '../observability/metrics';
import { logGraphqlRequest } from '../observability/request-log';
import { contentTypeFor, postedOperation } from './posted-operation';

/** What the hit lane needs from the rest of the gateway (create-gateway.ts wires it). */
export interface CacheHitsOptions {
  cache: ResponseCache;
  logger: Logger;
  metrics: GatewayMetrics | undefined;
  /** The per-request context, as Apollo Server's context function builds it. */
  contextFor(req: Request, res: Response): GatewayContext;
  recordOperation(document: DocumentNode, text: string, operationName: string | null, resolvedName: string | null, queryHash: string): void;
}

const PREFIX = Buffer.from('{"data":');
const SUFFIX = Buffer.from('}');

/**
 * Response-cache hits answered before Apollo Server (issue 10, docs/performance.md). With the
 * response cache on, an anonymous POSTed query whose answer is stored, and was computed on the
 * gateway's current schema, is written from the stored bytes: no Apollo request pipeline, and no
 * decoding of the stored JSON into a string and encoding it back (for a 770 KB page at 10x, 2 ms
 * of the 3 a hit cost). Everything in front of Apollo still runs (identity, rate limit, body
 * and batch limits, trusted documents, swap gate); request metrics, the log line and operation
 * recording are applied as Apollo's plugins apply them.
 *
 * Validation, the operation limits and the cost limit are not run again: the entry was stored by
 * a request with the same text, operation name and variables that passed them on the same schema,
 * and they depend on nothing else (anonymous, same settings). Everything else goes to Apollo
 * Server: a viewer, a miss, a stale entry past its window, an entry of an earlier supergraph, APQ,
 * batches, GET, an Accept header Apollo would refuse. `test/e2e/cache-hits.test.ts` checks that a
 * hit answers byte for byte as through Apollo Server.
 */
export class CacheHits {
  private schema: GraphQLSchema | undefined;
  private readonly served: Counter | undefined;

  constructor(
    private readonly options: CacheHitsOptions,
    registry?: Registry,
  ) {
    this.served = registry
      ? new Counter({
          name: 'gateway_cache_hits_fast_total',
          help: 'Response-cache hits (fresh or stale) written before Apollo Server, from the stored bytes.',
          registers: [registry],
        })
      : undefined;
  }

  /** A new supergraph: entries computed on an earlier one go through Apollo Server (it validates them). */
  schemaChanged(apiSchema: GraphQLSchema): void {
    this.schema = apiSchema;
  }

  /** Express middleware, in front of Apollo Server's: writes a servable hit, else `next()`. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const started = performance.now();
      const schema = this.schema;
      const posted = schema && res.locals.viewer === null ? postedOperation(req) : undefined;
      const contentType = posted && contentTypeFor(req);
      if (!schema || !posted || !contentType) {
        next();
        return;
      }
      const context = this.options.contextFor(req, res);
      const queryHash = createHash('sha256').update(posted.query).digest('hex');
      const key = responseCacheKey(queryHash, posted.operationName, posted.variables, context.propagatedHeaders);
      this.options.cache
        .servable(key, schema, () => ({
          request: {
            query: posted.query,
            ...(posted.operationName ? { operationName: posted.operationName } : {}),
            variables: posted.variables,
          },
          context,
        }))
        .then(
          (hit) => {
            if (!hit) {
              next();
              return;
            }
            const { operation } = hit;
            // Recorded as Apollo's didResolveOperation records it (the signature is already known).
            this.options.recordOperation(operation.document, posted.query, posted.operationName, operation.resolvedName, operation.queryHash);
            res.status(200);
            res.setHeader('cache-control', `public, max-age=${hit.maxAgeSeconds}`);
            res.setHeader('content-type', contentType);
            res.setHeader('content-length', PREFIX.length + hit.data.length + SUFFIX.length);
            // The stored bytes as they are, no copy: corked, the head and three chunks leave in one writev (end uncorks).
            res.cork();
            res.write(PREFIX);
            res.write(hit.data);
            res.end(SUFFIX);
            const seconds = (performance.now() - started) / 1000;
            this.options.metrics?.observeRequest(operation.resolvedName, 'success', seconds);
            this.served?.inc();
            logGraphqlRequest(context.logger, operation.resolvedName, seconds * 1000, 0);
          },
          (error: unknown) => {
            this.options.logger.warn({ reason: (error as Error).message }, 'cache hit lane failed; full pipeline');
            next();
          },
        );
    };
  }
}

import { type GraphQLDataSource } from '@apollo/gateway';
// Not re-exported by the package's index (the enum RemoteGraphQLDataSource compares `kind` with).
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { type GraphQLRequestContext } from '@apollo/server';
import { type QueryPlan } from '@apollo/query-planner';
import { type Logger } from '@ecosystem/shared';
import { type Request, type RequestHandler, type Response } from 'express';
import {
  type DocumentNode,
  type FormattedExecutionResult,
  getVariableValues,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  parse,
  type VariableDefinitionNode,
} from 'graphql';
import { Counter, type Registry } from 'prom-client';
import { type GatewayContext } from '../context';
import { type CostLimit } from '../limits/operation-limits';
import { type GatewayMetrics } from '../observability/metrics';
import { type GuardedDataSource } from '../resilience/guarded-data-source';
import { logGraphqlRequest } from '../observability/request-log';
import { contentTypeFor, postedOperation } from './posted-operation';
import { operationShape } from './operation-shape';

/**
 * One operation the fast path may answer: a query whose whole plan is one fetch from one subgraph
 * asking for exactly what the client asked (same shape), learnt from the first time it ran
 * through Apollo Server and the gateway.
 */
interface SingleFetch {
  schema: GraphQLSchema;
  dataSource: GraphQLDataSource<GatewayContext>;
  /** The subgraph operation of the plan's fetch, as the gateway sends it. */
  fetch: { operation: string; operationName: string | undefined; variableUsages: string[]; document: DocumentNode };
  /** The client's document and operation (cost, recording). */
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variableDefinitions: readonly VariableDefinitionNode[];
  /** The operation's name in the document (logs, metrics, recording). */
  resolvedName: string | null;
  queryHash: string;
  /** Variables text -> whether they validate and cost within the limit (see `admitted`). */
  verdicts: Map<string, boolean>;
}

/** Verdicts on variables remembered, all operations together (then all forgotten and learnt again). */
const MAX_VERDICTS = 10_000;

/** A request the fast path may answer. */
interface Candidate {
  entry: SingleFetch;
  query: string;
  variables: Record<string, unknown>;
  operationName: string | null;
  /** What Apollo Server would answer it with (Accept negotiation). */
  contentType: string;
}

/** What the fast path needs from the rest of the gateway (create-gateway.ts wires it). */
export interface FastPathOptions {
  logger: Logger;
  metrics: GatewayMetrics | undefined;
  costLimit: CostLimit | undefined;
  /** The per-request context, as Apollo Server's context function builds it. */
  contextFor(req: Request, res: Response): GatewayContext;
  recordOperation(document: DocumentNode, text: string, operationName: string | null, resolvedName: string | null, queryHash: string): void;
  /** Apollo Server's stringifyResult (the same body bytes as the full pipeline). */
  stringifyResult(value: FormattedExecutionResult): string;
  /** MAX_RESPONSE_BYTES: a larger answer goes to the full pipeline, which refuses it (0: no bound). */
  maxResponseBytes?: number;
  /** Distinct operations remembered (each eligible or not). @default 1000 */
  maxOperations?: number;
}

/** Apollo Server's Cache-Control for an answer that is not cacheable. */
const UNCACHEABLE = 'no-store';

/**
 * The single-fetch fast path (issue 10, docs/performance.md): a query whose plan is one fetch
 * from one subgraph, selecting exactly the fields the client selected, is answered by sending that
 * fetch and writing the subgraph's data back, without Apollo Server's request pipeline or the
 * gateway's plan execution and result shaping. Everything else a request goes through stays:
 * identity, rate limit, body limits and trusted documents run before it (express middleware); the
 * data source is the same (identity token, request id, propagated headers, timeout, circuit
 * breaker, subgraph metrics); the cost limit, variable validation, request metrics, the request
 * log line and operation recording are applied here as Apollo's plugins apply them.
 *
 * It answers only what it can answer exactly as the full pipeline would, and hands everything else
 * to it: an operation the full pipeline has not validated and planned on this supergraph, a
 * mutation, directives, abstract types, fragments on other types, variables that do not validate,
 * a cost over the limit, an Accept header Apollo would refuse or that asks for multipart or JSON
 * callbacks, an APQ request, and any subgraph answer with errors (the full pipeline then reuses
 * that answer, see `Prefetched`, rather than asking again). `test/e2e/fast-path.test.ts` checks
 * that both paths answer byte for byte the same.
 */
export class SingleFetchFastPath {
  private operations = new Map<string, SingleFetch | false>();
  private schema: GraphQLSchema | undefined;
  /** Enum types with values the API schema hides (@inaccessible): a subgraph may return those. */
  private hiddenEnums = new Set<string>();
  /** Verdicts remembered by all operations (see `admitted`). */
  private verdicts = 0;
  private readonly served: Counter<'result'> | undefined;

  constructor(
    private readonly options: FastPathOptions,
    registry?: Registry,
  ) {
    this.served = registry
      ? new Counter({
          name: 'gateway_fast_path_total',
          help: 'Queries answered by the single-fetch fast path (served) or handed to the full pipeline after a subgraph error (fallback).',
          labelNames: ['result'] as const,
          registers: [registry],
        })
      : undefined;
  }

  /** A new supergraph: forget every operation (they are learnt again from the full pipeline). */
  schemaChanged(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    this.schema = apiSchema;
    this.operations = new Map();
    this.verdicts = 0;
    this.hiddenEnums = inaccessibleEnums(supergraphSdl);
  }

  /** @apollo/gateway's `experimental_didResolveQueryPlan`: learns whether the operation is eligible. */
  learn({ queryPlan, serviceMap, requestContext }: {
    queryPlan: QueryPlan;
    serviceMap: Record<string, GraphQLDataSource>;
    requestContext: GraphQLRequestContext<GatewayContext>;
  }): void {
    const { request, schema, document, operation } = requestContext as GraphQLRequestContext<GatewayContext> & {
      document?: DocumentNode;
      operation?: OperationDefinitionNode;
    };
    if (typeof request.query !== 'string' || schema !== this.schema || !document || !operation) return;
    const key = operationKey(request.query, request.operationName);
    if (this.operations.has(key)) return;
    if (this.operations.size >= (this.options.maxOperations ?? 1000)) {
      this.operations.clear();
      this.verdicts = 0;
    }
    this.operations.set(key, this.eligible(queryPlan, serviceMap, requestContext, document, operation) ?? false);
  }

  private eligible(
    queryPlan: QueryPlan,
    serviceMap: Record<string, GraphQLDataSource>,
    requestContext: GraphQLRequestContext<GatewayContext>,
    document: DocumentNode,
    operation: OperationDefinitionNode,
  ): SingleFetch | undefined {
    const node = queryPlan.node;
    if (!node || node.kind !== 'Fetch' || operation.operation !== 'query') return undefined;
    if (node.requires || node.inputRewrites?.length || node.outputRewrites?.length || node.contextRewrites?.length) return undefined;
    const dataSource = serviceMap[node.serviceName];
    const schema = requestContext.schema;
    if (!dataSource) return undefined;
    // The plan carries the fetch's text (its document node only with exposeDocumentNodeInFetchNode).
    const fetchDocument = node.operationDocumentNode ?? parse(node.operation);
    const enums = new Set<string>();
    const shape = operationShape(schema, document, requestContext.request.operationName, enums);
    if (shape === null || shape !== operationShape(schema, fetchDocument, node.operationName)) return undefined;
    for (const name of enums) if (this.hiddenEnums.has(name)) return undefined;
    return {
      schema,
      dataSource: dataSource as GraphQLDataSource<GatewayContext>,
      fetch: {
        operation: node.operation,
        operationName: node.operationName,
        variableUsages: node.variableUsages ?? [],
        document: fetchDocument,
      },
      document,
      operation,
      variableDefinitions: operation.variableDefinitions ?? [],
      resolvedName: requestContext.operationName ?? null,
      queryHash: requestContext.queryHash ?? '',
      verdicts: new Map(),
    };
  }

  /** Express middleware, in front of Apollo Server's: answers what it can, else `next()`. */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const started = performance.now();
      const candidate = this.candidate(req);
      if (!candidate) {
        next();
        return;
      }
      this.answer(candidate, req, res, started).then(
        (answered) => {
          if (!answered) next();
        },
        (error: unknown) => {
          this.options.logger.warn({ reason: (error as Error).message }, 'fast path failed; full pipeline');
          next();
        },
      );
    };
  }

  private candidate(req: Request): Candidate | undefined {
    if (this.operations.size === 0) return undefined;
    const posted = postedOperation(req);
    if (!posted) return undefined;
    const entry = this.operations.get(operationKey(posted.query, posted.operationName));
    if (!entry || entry.schema !== this.schema) return undefined;
    const contentType = contentTypeFor(req);
    if (!contentType) return undefined;
    return { entry, contentType, ...posted };
  }

  /**
   * Whether the variables validate against the API schema (as Apollo Server checks them before
   * executing) and the cost is within the limit. Both depend only on the operation and the
   * variables, so the verdict is remembered per operation for each variables text seen (at most
   * `MAX_VERDICTS` in all): 2 µs to look up instead of 70 µs to work out.
   */
  private admitted(entry: SingleFetch, operationName: string | null, variables: Record<string, unknown>): boolean {
    const key = JSON.stringify(variables);
    const known = entry.verdicts.get(key);
    if (known !== undefined) return known;
    const { costLimit } = this.options;
    const verdict =
      (entry.variableDefinitions.length === 0 || !getVariableValues(entry.schema, entry.variableDefinitions, variables).errors) &&
      !(costLimit && costLimit.check(costLimit.cost(entry.schema, entry.document, entry.operation, operationName, variables)));
    if (this.verdicts >= MAX_VERDICTS) {
      for (const operation of this.operations.values()) if (operation) operation.verdicts.clear();
      this.verdicts = 0;
    }
    entry.verdicts.set(key, verdict);
    this.verdicts += 1;
    return verdict;
  }

  /** Sends the fetch and writes the answer; false = hand the request to the full pipeline. */
  private async answer(
    candidate: Candidate,
    req: Request,
    res: Response,
    started: number,
  ): Promise<boolean> {
    const { entry, variables } = candidate;
    if (!this.admitted(entry, candidate.operationName, variables)) return false;
    // Core subgraphs' data comes back as text, written to the client as is (no parse, no stringify).
    const context: GatewayContext = { ...this.options.contextFor(req, res), rawData: true };
    // The operation is recorded before it runs, as Apollo's didResolveOperation does.
    this.options.recordOperation(entry.document, candidate.query, candidate.operationName, entry.resolvedName, entry.queryHash);
    const fetchVariables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of entry.fetch.variableUsages) {
      if (Object.hasOwn(variables, name) && variables[name] !== undefined) fetchVariables[name] = variables[name];
    }
    const overallCachePolicy = newCachePolicy();
    const request = { query: entry.fetch.operation, variables: fetchVariables, operationName: entry.fetch.operationName };
    const direct = (entry.dataSource as Partial<DirectFetch>).fetchDirect;
    const response = direct
      ? await direct.call(entry.dataSource, request, context, overallCachePolicy, entry.fetch.document)
      : await entry.dataSource.process({
          kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
          request,
          incomingRequestContext: { overallCachePolicy, request: { query: candidate.query }, operation: entry.operation } as never,
          context,
          document: entry.fetch.document,
          pathInIncomingRequest: [] as never,
        });
    if (response.errors?.length || typeof response.data !== 'object' || response.data === null) {
      // The full pipeline shapes, masks and counts the errors; it reuses this answer instead of a second fetch.
      res.locals.prefetched = { dataSource: entry.dataSource, query: entry.fetch.operation, response } satisfies Prefetched;
      this.served?.inc({ result: 'fallback' });
      return false;
    }
    if (entry.schema !== this.schema) return false; // a supergraph swap happened meanwhile
    const body = this.options.stringifyResult({ data: response.data as Record<string, unknown> });
    const maxBytes = this.options.maxResponseBytes ?? 0;
    if (maxBytes > 0 && Buffer.byteLength(body) > maxBytes) {
      // The full pipeline refuses it (RESPONSE_TOO_LARGE). It fetches again: this answer's data is
      // unparsed text, which the plan's execution cannot take, and a refusal is worth no optimisation.
      this.served?.inc({ result: 'fallback' });
      return false;
    }
    const policy = overallCachePolicy.policyIfCacheable();
    res.setHeader('cache-control', policy ? `max-age=${policy.maxAge}, ${policy.scope.toLowerCase()}` : UNCACHEABLE);
    // What express's send wrote for it, same header names (a POST gets no ETag), without its checks.
    res.setHeader('Content-Type', candidate.contentType);
    res.statusCode = 200;
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
    const seconds = (performance.now() - started) / 1000;
    this.options.metrics?.observeRequest(entry.resolvedName, 'success', seconds);
    this.served?.inc({ result: 'served' });
    logGraphqlRequest(context.logger, entry.resolvedName, seconds * 1000, 0);
    return true;
  }
}

/** A data source with the fast path's own fetch (GuardedDataSource.fetchDirect: same request and answer as `process`). */
export interface DirectFetch {
  fetchDirect: GuardedDataSource['fetchDirect'];
}

/** A subgraph answer the fast path received but handed to the full pipeline (it had errors). */
export interface Prefetched {
  dataSource: GraphQLDataSource<GatewayContext>;
  query: string;
  response: Awaited<ReturnType<GraphQLDataSource['process']>>;
}

/**
 * Wraps a subgraph's data source so that the full pipeline, given a request the fast path handed
 * over, uses the answer already received for the same fetch instead of asking the subgraph again.
 */
export function reusingPrefetched(inner: GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext> {
  const direct = (inner as Partial<DirectFetch>).fetchDirect;
  const wrapper: GraphQLDataSource<GatewayContext> & Partial<DirectFetch> = {
    ...(direct ? { fetchDirect: direct.bind(inner) } : {}),
    process(options) {
      const prefetched = 'context' in options ? (options.context as Partial<GatewayContext>).prefetched : undefined;
      if (prefetched && prefetched.dataSource === wrapper && prefetched.query === options.request.query) {
        delete (options.context as Partial<GatewayContext>).prefetched;
        return Promise.resolve(prefetched.response);
      }
      return inner.process(options);
    },
  };
  return wrapper;
}

function operationKey(query: string, operationName: string | null | undefined): string {
  return operationName ? `${operationName}\n${query}` : query;
}

/** Enum types of the supergraph with a value marked @inaccessible. */
function inaccessibleEnums(supergraphSdl: string): Set<string> {
  const names = new Set<string>();
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue;
    const hidden = definition.values?.some((value) => value.directives?.some((d) => d.name.value === 'inaccessible'));
    if (hidden) names.add(definition.name.value);
  }
  return names;
}

/** Apollo Server's cache policy (its own is internal): subgraphs' Cache-Control headers restrict it. */
interface CachePolicy {
  maxAge: number | undefined;
  scope: 'PUBLIC' | 'PRIVATE' | undefined;
  restrict(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void;
  replace(hint: { maxAge?: number; scope?: 'PUBLIC' | 'PRIVATE' }): void;
  policyIfCacheable(): { maxAge: number; scope: 'PUBLIC' | 'PRIVATE' } | null;
}

function newCachePolicy(): CachePolicy {
  return {
    maxAge: undefined,
    scope: undefined,
    restrict(hint) {
      if (hint.maxAge !== undefined && (this.maxAge === undefined || hint.maxAge < this.maxAge)) this.maxAge = hint.maxAge;
      if (hint.scope !== undefined && this.scope !== 'PRIVATE') this.scope = hint.scope;
    },
    replace(hint) {
      if (hint.maxAge !== undefined) this.maxAge = hint.maxAge;
      if (hint.scope !== undefined) this.scope = hint.scope;
    },
    policyIfCacheable() {
      if (this.maxAge === undefined || this.maxAge === 0) return null;
      return { maxAge: this.maxAge, scope: this.scope ?? 'PUBLIC' };
    },
  };
}

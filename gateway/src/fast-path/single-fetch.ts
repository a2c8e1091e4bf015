import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { type ApolloServerPlugin, type GraphQLRequestContext, type GraphQLResponse, HeaderMap } from '@apollo/server';
import { type QueryPlan } from '@apollo/query-planner';
import { type DocumentNode, type GraphQLSchema, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { Counter, type Registry } from 'prom-client';
import { type GatewayContext } from '../context';
import { operationShape } from './operation-shape';

/**
 * One operation the executor may answer: a query whose whole plan is one fetch from one subgraph
 * asking for exactly what the client asked (same shape), learnt from its first plan.
 */
interface SingleFetch {
  schema: GraphQLSchema;
  dataSource: GraphQLDataSource<GatewayContext>;
  /** The subgraph operation of the plan's fetch, as the gateway sends it. */
  fetch: { operation: string; operationName: string | undefined; variableUsages: string[]; document: DocumentNode };
}

/**
 * The options' kind for a fetch of an incoming operation. @apollo/gateway exports the options'
 * type but not the enum of its kinds; this is its value.
 */
type IncomingOperation = Extract<GraphQLDataSourceProcessOptions<GatewayContext>, { incomingRequestContext: unknown }>;
export const INCOMING_OPERATION = 'incoming operation' as unknown as IncomingOperation['kind'];

/**
 * The single-fetch executor (docs/performance.md): a query whose plan is one fetch from one
 * subgraph, selecting exactly the fields the client selected, is answered by sending that fetch
 * and handing the subgraph's data back as it came (text, not parsed), without the gateway's plan
 * execution and result shaping. It is only an executor: Apollo Server's `responseForOperation`
 * hook, so every policy of the request pipeline (identity, limits, rate limit, persisted and
 * trusted operations, response cache, metrics, the request log, operation recording, masking,
 * Cache-Control from the subgraph's hint) has applied before it runs, or applies to its answer.
 *
 * It answers only what it can answer exactly as the plan's execution would, and leaves everything
 * else to it: an operation not planned yet on this supergraph, a mutation, directives, abstract
 * types, fragments on other types, and any subgraph answer with errors (the execution then reuses
 * that answer, see `reusingPrefetched`, rather than asking again). Variables that do not coerce
 * never reach it: the pipeline's variable coercion (`variableCoercionPlugin`, didResolveOperation)
 * refuses them first.
 */
export class SingleFetchExecutor {
  private operations = new Map<string, SingleFetch | false>();
  private schema: GraphQLSchema | undefined;
  /** Enum types with values the API schema hides (@inaccessible): a subgraph may return those. */
  private hiddenEnums = new Set<string>();
  private readonly served: Counter<'result'> | undefined;

  constructor(
    registry?: Registry,
    /** Distinct operations remembered (each eligible or not). */
    private readonly maxOperations = 1000,
  ) {
    this.served = registry
      ? new Counter({
          name: 'gateway_fast_path_total',
          help: 'Queries answered by the single-fetch executor (served) or handed to the plan execution after a subgraph error (fallback).',
          labelNames: ['result'] as const,
          registers: [registry],
        })
      : undefined;
  }

  /** A new supergraph: forget every operation (they are learnt again from their plans). */
  schemaChanged(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    this.schema = apiSchema;
    this.operations = new Map();
    this.hiddenEnums = inaccessibleEnums(supergraphSdl);
  }

  /** @apollo/gateway's `experimental_didResolveQueryPlan`: learns whether the operation is a single fetch. */
  learn({ queryPlan, serviceMap, requestContext }: {
    queryPlan: QueryPlan;
    serviceMap: Record<string, GraphQLDataSource>;
    requestContext: GraphQLRequestContext<GatewayContext>;
  }): void {
    const { queryHash, schema, document, operation } = requestContext as GraphQLRequestContext<GatewayContext> & {
      document?: DocumentNode;
      operation?: OperationDefinitionNode;
    };
    if (typeof queryHash !== 'string' || schema !== this.schema || !document || !operation) return;
    const key = operationKey(queryHash, requestContext.request.operationName);
    if (this.operations.has(key)) return;
    if (this.operations.size >= this.maxOperations) this.operations.clear();
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
      fetch: { operation: node.operation, operationName: node.operationName, variableUsages: node.variableUsages ?? [], document: fetchDocument },
    };
  }

  /** The Apollo Server plugin: answers a single-fetch query, else lets the plan execute. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => ({
        responseForOperation: (requestContext) => this.execute(requestContext),
      }),
    };
  }

  private async execute(requestContext: GraphQLRequestContext<GatewayContext>): Promise<GraphQLResponse | null> {
    const { queryHash, operation, request, contextValue } = requestContext as GraphQLRequestContext<GatewayContext> & { operation?: OperationDefinitionNode };
    if (this.operations.size === 0 || typeof queryHash !== 'string' || operation?.operation !== 'query') return null;
    const entry = this.operations.get(operationKey(queryHash, request.operationName));
    if (!entry || entry.schema !== this.schema || entry.schema !== requestContext.schema) return null;
    const variables = request.variables ?? {};
    const fetchVariables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const name of entry.fetch.variableUsages) {
      if (Object.hasOwn(variables, name) && variables[name] !== undefined) fetchVariables[name] = variables[name];
    }
    const query = entry.fetch.operation;
    // Core subgraphs' data comes back as text, handed to the client as is (no parse, no stringify).
    contextValue.rawData = true;
    let response: Awaited<ReturnType<GraphQLDataSource['process']>>;
    try {
      response = await entry.dataSource.process({
        kind: INCOMING_OPERATION,
        request: { query, variables: fetchVariables, operationName: entry.fetch.operationName },
        // The request's own context (its legacy fields unread): the subgraph's Cache-Control
        // restricts the request's cache policy, as in the plan's execution.
        incomingRequestContext: requestContext as unknown as IncomingOperation['incomingRequestContext'],
        context: contextValue,
        document: entry.fetch.document,
        pathInIncomingRequest: [] as never,
      });
    } finally {
      delete contextValue.rawData;
    }
    // A supergraph swap happened meanwhile: the plan's execution fetches again on its own schema.
    if (entry.schema !== this.schema) return null;
    if (response.errors?.length || typeof response.data !== 'object' || response.data === null) {
      // The plan's execution shapes and counts the errors, reusing this answer instead of a second fetch.
      contextValue.prefetched = { dataSource: entry.dataSource, query, response };
      this.served?.inc({ result: 'fallback' });
      return null;
    }
    this.served?.inc({ result: 'served' });
    return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { data: response.data } } };
  }
}

/**
 * Wraps a subgraph's data source so that the plan's execution, for a request the executor handed
 * over, uses the answer already received for the same fetch instead of asking the subgraph again.
 */
export function reusingPrefetched(inner: GraphQLDataSource<GatewayContext>): GraphQLDataSource<GatewayContext> {
  const wrapper: GraphQLDataSource<GatewayContext> = {
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

/**
 * Operations are known by Apollo Server's SHA-256 of the query text (computed for every request
 * anyway), not by the text: a key made of the text is a new string, as long as the query, to
 * flatten and hash on every request.
 */
function operationKey(queryHash: string, operationName: string | null | undefined): string {
  return operationName ? `${operationName}\n${queryHash}` : queryHash;
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

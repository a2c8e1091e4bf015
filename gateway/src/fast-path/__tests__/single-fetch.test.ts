import { type GraphQLDataSource } from '@apollo/gateway';
import { type GraphQLRequestContext, type GraphQLRequestListener } from '@apollo/server';
import { type QueryPlan } from '@apollo/query-planner';
import { buildSchema, type OperationDefinitionNode, parse } from 'graphql';
import { type GatewayContext } from '../../context';
import { SingleFetchExecutor } from '../single-fetch';

const sdl = 'type Query { hello: String }';
const schema = buildSchema(sdl);
const query = '{ hello }';
const document = parse(query);
const plan = {
  kind: 'QueryPlan',
  node: { kind: 'Fetch', serviceName: 'members', operation: '{hello}', operationKind: 'query', variableUsages: [] },
} as unknown as QueryPlan;

function requestContext(contextValue: GatewayContext, queryHash = 'hash-of-the-query'): GraphQLRequestContext<GatewayContext> {
  return {
    source: query,
    queryHash,
    schema,
    document,
    operation: document.definitions[0] as OperationDefinitionNode,
    request: { query, variables: {} },
    contextValue,
  } as unknown as GraphQLRequestContext<GatewayContext>;
}

describe('SingleFetchExecutor', () => {
  it('answers a learnt single fetch, known by the query hash Apollo Server computed', async () => {
    const seen: unknown[] = [];
    const dataSource: GraphQLDataSource<GatewayContext> = {
      process: (options) => {
        seen.push((options as { context: GatewayContext }).context.rawData);
        return Promise.resolve({ data: { hello: 'hi' } });
      },
    };
    const executor = new SingleFetchExecutor();
    executor.schemaChanged(schema, sdl);
    const contextValue = { requestId: 'r1', viewer: null, logger: undefined, identityTokens: new Map() } as unknown as GatewayContext;
    const context = requestContext(contextValue);
    executor.learn({ queryPlan: plan, serviceMap: { members: dataSource }, requestContext: context });

    const listener = (await executor.plugin().requestDidStart!(context as never)) as GraphQLRequestListener<GatewayContext>;
    const response = await listener.responseForOperation!(context as never);

    expect(response?.body).toEqual({ kind: 'single', singleResult: { data: { hello: 'hi' } } });
    expect(seen).toEqual([true]);
    expect(contextValue.rawData).toBeUndefined();

    // Another hash (another query text) is not the learnt operation: the plan executes it.
    const other = requestContext(contextValue, 'hash-of-another-query');
    const otherListener = (await executor.plugin().requestDidStart!(other as never)) as GraphQLRequestListener<GatewayContext>;
    expect(await otherListener.responseForOperation!(other as never)).toBeNull();
    expect(seen).toEqual([true]);
  });
});

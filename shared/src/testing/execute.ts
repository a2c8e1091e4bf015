import { type ApolloServer } from '@apollo/server';
import { type GraphQLFormattedError } from 'graphql';
import { createLogger } from '../logging/logger';
import { type BaseContext } from '../context/request-context';
import { type Viewer } from '../auth/viewer';

export interface ExecutionResult<TData> {
  data: TData | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
}

const silent = createLogger('test', 'silent');

/** A base context as a subgraph would build it from a verified gateway token. */
export function testBaseContext(viewer: Viewer | null = null): BaseContext {
  return { requestId: 'test', viewer, logger: silent };
}

/** Runs one operation in-process (no HTTP) and returns its single result. */
export async function execute<TData = Record<string, unknown>, TContext extends BaseContext = BaseContext>(
  server: ApolloServer<TContext>,
  query: string,
  variables: Record<string, unknown>,
  contextValue: TContext,
): Promise<ExecutionResult<TData>> {
  const response = await server.executeOperation<TData>({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('Expected a single result, got an incremental one');
  return { data: response.body.singleResult.data, errors: response.body.singleResult.errors };
}

import { createLogger } from '@ecosystem/shared';
import { loadGatewayConfig } from '../../config';
import { type CircuitState, type FetchFailure, SubgraphFetcher } from '../subgraph-breaker';
import { SubgraphConnections } from '../subgraph-connections';

/** A fetcher for the subgraph `events` that records every circuit state and fetch outcome. */
export function recordingFetcher(env: Record<string, string>): { fetcher: SubgraphFetcher; states: CircuitState[]; failures: (FetchFailure | null)[]; http: SubgraphConnections } {
  const config = loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...env });
  const states: CircuitState[] = [];
  const failures: (FetchFailure | null)[] = [];
  const http = new SubgraphConnections({ connectionsPerSubgraph: 0 });
  const fetcher = new SubgraphFetcher(
    'events',
    config,
    { fetched: (_s, _seconds, failure) => failures.push(failure), circuit: (_s, state) => states.push(state), shared: () => undefined },
    createLogger('fetcher-test', 'silent'),
    http,
  );
  return { fetcher, states, failures, http };
}

/** A GraphQL POST as the gateway sends one. */
export const GRAPHQL_POST = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ events { id } }"}' };

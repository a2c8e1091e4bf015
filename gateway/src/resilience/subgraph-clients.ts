import { type Logger } from '@ecosystem/shared';
import { type GatewayConfig } from '../config';
import { type IdentityTokenSigner } from '../security/identity';
import { GuardedDataSource } from './guarded-data-source';
import { type SubgraphFetcherConfig, type SubgraphFetchObserver, SubgraphFetcher } from './subgraph-breaker';
import { SubgraphConnections } from './subgraph-connections';

export interface SubgraphClientsOptions {
  /** Timeouts and circuit breaker settings (SubgraphFetcher), and the connections per subgraph. */
  config: SubgraphFetcherConfig & Pick<GatewayConfig, 'SUBGRAPH_CONNECTIONS'>;
  identity: IdentityTokenSigner;
  /** Fetch outcomes and circuit states (metrics); none when metrics are off. */
  observer: SubgraphFetchObserver | undefined;
  /** Inject W3C trace context into subgraph requests (tracing on). */
  propagateTrace: boolean;
  logger: Logger;
}

const noObserver: SubgraphFetchObserver = { fetched: () => undefined, circuit: () => undefined, shared: () => undefined };

/**
 * How the gateway talks to its subgraphs: one keep-alive pool per subgraph (SubgraphConnections),
 * one circuit-broken, timed-out fetcher per subgraph, and their data sources.
 */
export class SubgraphClients {
  private readonly fetchers = new Map<string, SubgraphFetcher>();
  private readonly connections: SubgraphConnections;

  constructor(private readonly options: SubgraphClientsOptions) {
    this.connections = new SubgraphConnections({ connectionsPerSubgraph: options.config.SUBGRAPH_CONNECTIONS });
  }

  /**
   * The data source of one subgraph: identity with its claims, timeout, circuit breaker. `core`:
   * one of our four subgraphs (Apollo Server's compact JSON: its data may be handed on as text).
   */
  dataSource(name: string, url: string, core = false): GuardedDataSource {
    let fetcher = this.fetchers.get(name);
    if (!fetcher) {
      fetcher = new SubgraphFetcher(name, this.options.config, this.options.observer ?? noObserver, this.options.logger, this.connections);
      this.fetchers.set(name, fetcher);
    }
    return new GuardedDataSource({
      name,
      url,
      identity: this.options.identity,
      fetcher,
      propagateTrace: this.options.propagateTrace,
      compactJson: core,
    });
  }

  /** Circuit state per subgraph (for /ready and tests). */
  circuits(): Record<string, string> {
    return Object.fromEntries([...this.fetchers].map(([name, fetcher]) => [name, fetcher.state]));
  }

  async close(): Promise<void> {
    for (const fetcher of this.fetchers.values()) fetcher.shutdown();
    await this.connections.close();
  }
}

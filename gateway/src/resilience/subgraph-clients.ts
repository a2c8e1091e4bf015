import { type Logger } from '@ecosystem/shared';
import { Agent, fetch, type Response } from 'undici';
import { type GatewayConfig } from '../config';
import { type IdentityTokenSigner } from '../security/identity';
import { GuardedDataSource } from './guarded-data-source';
import { SubgraphFetchError, type SubgraphFetcherConfig, type SubgraphFetchObserver, SubgraphFetcher } from './subgraph-breaker';
import { SubgraphConnections, type SubgraphResponse } from './subgraph-connections';
import { type SubgraphCaller, SubgraphRequestHeaders } from './subgraph-request-headers';

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

/** A request to a subgraph outside the query plan (a standard export, the names of its agents). */
export interface SubgraphRequest {
  /** The subgraph's GraphQL endpoint, as the served supergraph routes it. */
  graphqlUrl: string;
  /** What is asked: a path and query on the subgraph's origin (a standard export), or GraphQL (a POST to graphqlUrl). */
  ask: { path: string; method: 'GET'; headers?: Record<string, string> } | { graphql: string };
  caller: SubgraphCaller;
}

/** What graphql-sse's client hands its `fetchFn` (distinct connections mode): a POST of the subscription, or its abort. */
export interface StreamRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | null;
  signal?: AbortSignal | null;
}

const noObserver: SubgraphFetchObserver = { fetched: () => undefined, circuit: () => undefined, shared: () => undefined };

/**
 * How the gateway talks to its subgraphs: one keep-alive pool per subgraph (SubgraphConnections),
 * one circuit-broken, timed-out fetcher per subgraph, the headers every request carries
 * (SubgraphRequestHeaders), and the data sources of the query plan. Every call to a subgraph goes
 * through here: the plan's fetches, the standard exports and the subscriptions' streams alike.
 */
export class SubgraphClients {
  private readonly fetchers = new Map<string, SubgraphFetcher>();
  private readonly connections: SubgraphConnections;
  private readonly headers: SubgraphRequestHeaders;
  /**
   * A stream (a subscription's Server-Sent Events) holds its socket for its whole life: streams have
   * pools of their own, so that they never take the sockets SUBGRAPH_CONNECTIONS bounds for fetches.
   */
  private readonly streams = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000 });

  constructor(private readonly options: SubgraphClientsOptions) {
    this.connections = new SubgraphConnections({ connectionsPerSubgraph: options.config.SUBGRAPH_CONNECTIONS });
    this.headers = new SubgraphRequestHeaders(options.identity, options.propagateTrace);
  }

  /**
   * The data source of one subgraph: identity with its claims, timeout, circuit breaker. `core`:
   * one of our four subgraphs (Apollo Server's compact JSON: its data may be handed on as text).
   */
  dataSource(name: string, url: string, core = false): GuardedDataSource {
    return new GuardedDataSource({ name, url, headers: this.headers, fetcher: this.fetcher(name), compactJson: core });
  }

  /**
   * A request to a subgraph outside the query plan, with the same pool, timeout, circuit breaker,
   * metrics and caller headers as the plan's fetches. Rejects with a SubgraphFetchError when the
   * subgraph is lost (down, slow, circuit open, a 5xx; for GraphQL also an answer that is not one).
   */
  async request(name: string, request: SubgraphRequest): Promise<SubgraphResponse> {
    const headers: Record<string, string> = {};
    const ask = request.ask;
    if ('graphql' in ask) headers['content-type'] = 'application/json';
    else Object.assign(headers, ask.headers);
    await this.headers.add(name, request.caller, (header, value) => {
      headers[header] = value;
    });
    const fetcher = this.fetcher(name);
    if ('graphql' in ask) return fetcher.fetch(request.graphqlUrl, { method: 'POST', headers, body: ask.graphql });
    return fetcher.fetchDocument(`${new URL(request.graphqlUrl).origin}${ask.path}`, { method: ask.method, headers }, request.graphqlUrl);
  }

  /**
   * The fetch of a subscription's stream from a subgraph (graphql-sse's `fetchFn`): the caller
   * headers every other request carries, and refused at once while the subgraph's circuit is open.
   * The answer is streamed as it comes, so the fetch timeout and the circuit's counts, which are about
   * whole answers, do not apply to it.
   */
  streamFetch(name: string, caller: SubgraphCaller): (url: string, init: StreamRequestInit) => Promise<Response> {
    return async (url, init) => {
      if (this.fetcher(name).state === 'open') throw new SubgraphFetchError(name, 'circuit_open');
      const headers: Record<string, string> = { ...init.headers };
      await this.headers.add(name, caller, (header, value) => {
        headers[header] = value;
      });
      // Not followed: a redirect would take the caller's identity token to a host nobody routed to.
      return fetch(url, { ...init, headers, dispatcher: this.streams, redirect: 'manual' });
    };
  }

  /** Circuit state per subgraph (for /ready and tests). */
  circuits(): Record<string, string> {
    return Object.fromEntries([...this.fetchers].map(([name, fetcher]) => [name, fetcher.state]));
  }

  async close(): Promise<void> {
    for (const fetcher of this.fetchers.values()) fetcher.shutdown();
    // Streams still open are cut, not waited for: they last as long as their subscription.
    await Promise.all([this.connections.close(), this.streams.destroy()]);
  }

  private fetcher(name: string): SubgraphFetcher {
    let fetcher = this.fetchers.get(name);
    if (!fetcher) {
      fetcher = new SubgraphFetcher(name, this.options.config, this.options.observer ?? noObserver, this.options.logger, this.connections);
      this.fetchers.set(name, fetcher);
    }
    return fetcher;
  }
}

import { type Logger } from '@ecosystem/shared';
import CircuitBreaker from 'opossum';
import { type GatewayConfig } from '../config';
import { type SubgraphHttp, type SubgraphRequestInit, type SubgraphResponse } from './subgraph-http';

export type CircuitState = 'closed' | 'open' | 'half-open';

/** Why a subgraph fetch failed, as counted in metrics and told to clients. */
export type FetchFailure = 'timeout' | 'network' | 'circuit_open';

export class SubgraphFetchError extends Error {
  constructor(
    readonly subgraph: string,
    readonly reason: FetchFailure,
    cause?: unknown,
  ) {
    super(`${subgraph}: ${reason}`, { cause });
    this.name = 'SubgraphFetchError';
  }
}

export interface SubgraphFetchObserver {
  fetched(subgraph: string, seconds: number, failure: FetchFailure | null): void;
  circuit(subgraph: string, state: CircuitState): void;
}

type FetchArgs = [url: string, init: SubgraphRequestInit];

/**
 * The fetch of one subgraph: a per-subgraph timeout and an opossum circuit breaker.
 * Network errors and timeouts count as failures; once CIRCUIT_ERROR_THRESHOLD_PERCENT of at least
 * CIRCUIT_VOLUME_THRESHOLD fetches in the rolling window fail, the circuit opens and fetches fail at
 * once (no latency) until CIRCUIT_RESET_TIMEOUT_MS has passed; then one probe goes through
 * (half-open) and its outcome closes or re-opens the circuit.
 */
export class SubgraphFetcher {
  private readonly breaker: CircuitBreaker<FetchArgs, SubgraphResponse> | undefined;
  private readonly timeoutMs: number;

  constructor(
    private readonly subgraph: string,
    config: GatewayConfig,
    private readonly observer: SubgraphFetchObserver,
    logger: Logger,
    private readonly http: SubgraphHttp,
  ) {
    this.timeoutMs = config.settings.subgraphTimeouts.get(subgraph) ?? config.SUBGRAPH_TIMEOUT_MS;
    if (config.CIRCUIT_BREAKER_ENABLED) {
      const breaker = new CircuitBreaker<FetchArgs, SubgraphResponse>((url, init) => this.send(url, init), {
        timeout: false, // SubgraphHttp times the fetch out (and frees the socket)
        errorThresholdPercentage: config.CIRCUIT_ERROR_THRESHOLD_PERCENT,
        volumeThreshold: config.CIRCUIT_VOLUME_THRESHOLD,
        resetTimeout: config.CIRCUIT_RESET_TIMEOUT_MS,
        rollingCountTimeout: config.CIRCUIT_ROLLING_WINDOW_MS,
        name: subgraph,
      });
      breaker.on('open', () => {
        logger.warn({ subgraph }, 'circuit open');
        observer.circuit(subgraph, 'open');
      });
      breaker.on('halfOpen', () => {
        logger.info({ subgraph }, 'circuit half-open: probing');
        observer.circuit(subgraph, 'half-open');
      });
      breaker.on('close', () => {
        logger.info({ subgraph }, 'circuit closed');
        observer.circuit(subgraph, 'closed');
      });
      observer.circuit(subgraph, 'closed');
      this.breaker = breaker;
    }
  }

  get state(): CircuitState {
    if (!this.breaker) return 'closed';
    return this.breaker.opened ? 'open' : this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  /** The fetcher handed to RemoteGraphQLDataSource. */
  readonly fetch = async (url: string, init: SubgraphRequestInit): Promise<SubgraphResponse> => {
    const started = performance.now();
    try {
      const response = this.breaker ? await this.breaker.fire(url, init) : await this.send(url, init);
      this.observer.fetched(this.subgraph, (performance.now() - started) / 1000, null);
      return response;
    } catch (error) {
      const failure =
        error instanceof SubgraphFetchError
          ? error
          : (error as { code?: string }).code === 'EOPENBREAKER'
            ? new SubgraphFetchError(this.subgraph, 'circuit_open', error)
            : new SubgraphFetchError(this.subgraph, 'network', error);
      this.observer.fetched(this.subgraph, (performance.now() - started) / 1000, failure.reason);
      throw failure;
    }
  };

  shutdown(): void {
    this.breaker?.shutdown();
  }

  private async send(url: string, init: SubgraphRequestInit): Promise<SubgraphResponse> {
    try {
      return await this.http.fetch(url, init, this.timeoutMs);
    } catch (error) {
      const { name, code } = error as Error & { code?: string };
      const timedOut = name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_ABORTED';
      throw new SubgraphFetchError(this.subgraph, timedOut ? 'timeout' : 'network', error);
    }
  }
}

import { InFlight } from '../concurrency/in-flight';
import { type Logger, REQUEST_ID_HEADER } from '@ecosystem/shared';
import CircuitBreaker from 'opossum';
import { type GatewayConfig } from '../config';
import { type SubgraphConnections, type SubgraphRequestInit, type SubgraphResponse } from './subgraph-connections';

export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Why a subgraph fetch failed, as counted in metrics and told to clients. `bad_response`: the
 * subgraph (or the proxy in front of it) answered something that is not a GraphQL answer (a 5xx,
 * an HTML page, a body that is not a JSON object): for the client it is the same loss as a
 * refused connection.
 */
export type FetchFailure = 'timeout' | 'network' | 'bad_response' | 'circuit_open';

export class SubgraphFetchError extends Error {
  constructor(
    readonly subgraph: string,
    readonly reason: FetchFailure,
    cause?: unknown,
    /** The subgraph itself answered (an export's 500): a failed request, not a lost subgraph; the circuit does not count it. */
    readonly answered = false,
  ) {
    super(`${subgraph}: ${reason}`, { cause });
    this.name = 'SubgraphFetchError';
  }
}

export interface SubgraphFetchObserver {
  fetched(subgraph: string, seconds: number, failure: FetchFailure | null): void;
  circuit(subgraph: string, state: CircuitState): void;
  /** A fetch answered by an identical one already in flight (SUBGRAPH_DEDUPLICATE_QUERIES). */
  shared(subgraph: string): void;
}

/**
 * Why an answer is a lost subgraph rather than its answer (undefined: its answer); `answered`: a
 * failure the subgraph itself answered, which fails the request but does not count towards the circuit.
 */
type AnswerCheck = (response: SubgraphResponse, text: string) => string | { answered: string } | undefined;

type FetchArgs = [url: string, init: SubgraphRequestInit, check: AnswerCheck];

/** The settings a subgraph's fetcher reads: its timeout and the circuit breaker's. */
export type SubgraphFetcherConfig = Pick<
  GatewayConfig,
  | 'SUBGRAPH_TIMEOUT_MS'
  | 'CIRCUIT_PROBE_INTERVAL_MS'
  | 'CIRCUIT_CONSECUTIVE_FAILURES'
  | 'CIRCUIT_BREAKER_ENABLED'
  | 'CIRCUIT_ERROR_THRESHOLD_PERCENT'
  | 'CIRCUIT_VOLUME_THRESHOLD'
  | 'CIRCUIT_RESET_TIMEOUT_MS'
  | 'CIRCUIT_ROLLING_WINDOW_MS'
  | 'SUBGRAPH_DEDUPLICATE_QUERIES'
> & { settings: Pick<GatewayConfig['settings'], 'subgraphTimeouts'> };

/** opossum's longest reset timeout (setTimeout's limit): its own half-open never comes while probes run. */
const NEVER_MS = 2_147_483_647;

/** What a health probe asks: nothing a subgraph can refuse, no data read. */
const PROBE_BODY = JSON.stringify({ query: 'query CircuitProbe { __typename }' });

/**
 * The fetch of one subgraph: a per-subgraph timeout and an opossum circuit breaker.
 * Network errors and timeouts count as failures; once CIRCUIT_ERROR_THRESHOLD_PERCENT of at least
 * CIRCUIT_VOLUME_THRESHOLD fetches in the rolling window fail, the circuit opens and fetches fail at
 * once (no latency). While it is open, the gateway itself asks the subgraph `{ __typename }` every
 * CIRCUIT_PROBE_INTERVAL_MS (same timeout): the first answer closes the circuit, so a subgraph that
 * came back is used again within about one interval, even when no client asks, and no client fetch
 * is spent as a probe. With probes off, opossum's half-open applies: after CIRCUIT_RESET_TIMEOUT_MS
 * one client fetch goes through and its outcome closes or re-opens the circuit.
 */
export class SubgraphFetcher {
  private readonly breaker: CircuitBreaker<FetchArgs, SubgraphResponse> | undefined;
  private readonly timeoutMs: number;
  private readonly probeIntervalMs: number;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly consecutiveFailuresToOpen: number;
  /** Failed fetches since the last answered one. */
  private consecutiveFailures = 0;
  /** The URL fetches go to (the supergraph's routing URL): what the probes ask. */
  private url: string | undefined;
  /** Queries in flight by sharedKey. */
  private readonly inFlight = new InFlight<SubgraphResponse>();
  private readonly deduplicate: boolean;

  constructor(
    private readonly subgraph: string,
    config: SubgraphFetcherConfig,
    private readonly observer: SubgraphFetchObserver,
    logger: Logger,
    private readonly http: SubgraphConnections,
  ) {
    this.timeoutMs = config.settings.subgraphTimeouts.get(subgraph) ?? config.SUBGRAPH_TIMEOUT_MS;
    this.probeIntervalMs = config.CIRCUIT_PROBE_INTERVAL_MS;
    this.consecutiveFailuresToOpen = config.CIRCUIT_CONSECUTIVE_FAILURES;
    this.deduplicate = config.SUBGRAPH_DEDUPLICATE_QUERIES;
    if (config.CIRCUIT_BREAKER_ENABLED) {
      const breaker = new CircuitBreaker<FetchArgs, SubgraphResponse>((url, init, check) => this.send(url, init, check), {
        timeout: false, // SubgraphConnections times the fetch out (and frees the socket)
        errorThresholdPercentage: config.CIRCUIT_ERROR_THRESHOLD_PERCENT,
        volumeThreshold: config.CIRCUIT_VOLUME_THRESHOLD,
        resetTimeout: this.probeIntervalMs > 0 ? NEVER_MS : config.CIRCUIT_RESET_TIMEOUT_MS,
        rollingCountTimeout: config.CIRCUIT_ROLLING_WINDOW_MS,
        name: subgraph,
        errorFilter: (error: unknown) => error instanceof SubgraphFetchError && error.answered,
      });
      breaker.on('open', () => {
        logger.warn({ subgraph }, 'circuit open');
        observer.circuit(subgraph, 'open');
        this.scheduleProbe(logger);
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

  /**
   * The fetch of the subgraph's data source (GuardedDataSource). Identical queries in flight share one fetch
   * (sharedKey): the plan's fetches of concurrent requests for the same page (the most read pages
   * are read by many at once) reach the subgraph once. Each caller gets the same buffered answer,
   * which it parses itself, so no caller sees another's objects.
   */
  readonly fetch = (url: string, init: SubgraphRequestInit): Promise<SubgraphResponse> => {
    this.url = url;
    const key = this.deduplicate ? sharedKey(url, init) : undefined;
    if (key === undefined) return this.fetchOnce(url, init, notGraphQLAnswer);
    return this.inFlight.run(key, () => this.fetchOnce(url, init, notGraphQLAnswer), () => this.observer.shared(this.subgraph));
  };

  /**
   * A document the subgraph serves beside GraphQL (its standard exports), through the same pool,
   * timeout, circuit breaker and counts as its GraphQL fetches: a subgraph that is down, slow or
   * behind an open circuit is lost to both alike. A 4xx (a 400 for a bad parameter, a 404, a 406)
   * or a 304 is the subgraph's answer and is handed back. A 5xx rejects (bad_response); only a
   * 502/503/504 counts towards the circuit (documentFailure). `graphqlUrl` is its GraphQL endpoint, which the health probes ask.
   */
  fetchDocument(url: string, init: SubgraphRequestInit, graphqlUrl: string): Promise<SubgraphResponse> {
    this.url = graphqlUrl;
    return this.fetchOnce(url, init, documentFailure);
  }

  /** One fetch through the circuit breaker, timed and counted. */
  private readonly fetchOnce = async (url: string, init: SubgraphRequestInit, check: AnswerCheck): Promise<SubgraphResponse> => {
    const started = performance.now();
    try {
      const response = this.breaker ? await this.breaker.fire(url, init, check) : await this.send(url, init, check);
      this.consecutiveFailures = 0;
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
      if (failure.reason !== 'circuit_open' && !failure.answered) this.countConsecutiveFailure();
      throw failure;
    }
  };

  /**
   * The rolling window's rule needs CIRCUIT_VOLUME_THRESHOLD fetches in one window: a hung subgraph
   * holds each fetch for the whole timeout, so a few sequential clients never reach it and each of
   * them waits the timeout forever. N failures in a row with no answer in between open the circuit
   * whatever the traffic.
   */
  private countConsecutiveFailure(): void {
    this.consecutiveFailures += 1;
    const breaker = this.breaker;
    if (!breaker || this.consecutiveFailuresToOpen <= 0 || this.consecutiveFailures < this.consecutiveFailuresToOpen) return;
    if (breaker.opened || breaker.isShutdown) return;
    this.consecutiveFailures = 0;
    breaker.open();
  }

  shutdown(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.breaker?.shutdown();
  }

  /** While the circuit is open: one probe per interval, until one is answered (or shutdown). */
  private scheduleProbe(logger: Logger): void {
    if (this.probeIntervalMs <= 0 || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      void this.probe().then((answered) => {
        this.probeTimer = undefined;
        const breaker = this.breaker;
        if (!breaker || breaker.isShutdown || !breaker.opened) return;
        if (answered) {
          logger.info({ subgraph: this.subgraph }, 'health probe answered');
          breaker.close();
        } else {
          this.scheduleProbe(logger);
        }
      });
    }, this.probeIntervalMs);
    this.probeTimer.unref();
  }

  /** The subgraph answers a GraphQL request (any 2xx with JSON) within its timeout. */
  private async probe(): Promise<boolean> {
    if (!this.url) return false;
    try {
      const response = await this.http.fetch(this.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: PROBE_BODY }, this.timeoutMs);
      return response.ok && ((await response.json()) as { data?: { __typename?: string } }).data?.__typename === 'Query';
    } catch {
      return false;
    }
  }

  private async send(url: string, init: SubgraphRequestInit, check: AnswerCheck): Promise<SubgraphResponse> {
    let response: SubgraphResponse;
    try {
      response = await this.http.fetch(url, init, this.timeoutMs);
    } catch (error) {
      const { name, code } = error as Error & { code?: string };
      const timedOut = name === 'TimeoutError' || name === 'AbortError' || code === 'UND_ERR_ABORTED';
      throw new SubgraphFetchError(this.subgraph, timedOut ? 'timeout' : 'network', error);
    }
    const problem = check(response, await response.text());
    if (typeof problem === 'string') throw new SubgraphFetchError(this.subgraph, 'bad_response', new Error(problem));
    if (problem) throw new SubgraphFetchError(this.subgraph, 'bad_response', new Error(problem.answered), true);
    return response;
  }
}

/** A query's body as the data source writes it (mutations and subscriptions never match). */
const QUERY_BODY = /^\{"query":"(?:query\b|\{)/;

/**
 * What makes two fetches the same question, or undefined when a fetch must go on its own: the URL,
 * the body (operation, variables) and every header but the request id, so that the viewer's identity
 * token and the propagated headers (the language) are part of it and two viewers never share an
 * answer. Only queries share: a mutation is never sent once for two callers. A fetch carrying trace
 * context goes alone (each request's trace has its own subgraph span).
 */
export function sharedKey(url: string, init: SubgraphRequestInit): string | undefined {
  const body = init.body;
  if (typeof body !== 'string' || (init.method !== undefined && init.method !== 'POST') || !QUERY_BODY.test(body)) return undefined;
  const headers: string[] = [];
  for (const [name, value] of Object.entries(init.headers ?? {})) {
    const lower = name.toLowerCase();
    if (lower === 'traceparent') return undefined;
    if (lower !== REQUEST_ID_HEADER) headers.push(`${lower}:${value}`);
  }
  return `${url}\n${headers.sort().join('\n')}\n\n${body}`;
}

/**
 * An export's 5xx. A 502, 503 or 504 is what a proxy or mesh answers for a subgraph that is down or
 * does not answer: a lost subgraph. A 500 (or another 5xx) is the subgraph answering, promptly, that
 * one request of one export failed. Exports take any query string from anonymous callers: counting
 * that would let a few requests with a parameter one endpoint mishandles cut the whole subgraph off
 * for everyone, its GraphQL too.
 */
function documentFailure(response: SubgraphResponse): string | { answered: string } | undefined {
  if (response.status < 500) return undefined;
  const problem = `HTTP ${response.status}`;
  return response.status === 502 || response.status === 503 || response.status === 504 ? problem : { answered: problem };
}

/** A 5xx: what a proxy or mesh answers for a dead subgraph, or a crashed server. */
function serverFailure(response: SubgraphResponse): string | undefined {
  return response.status >= 500 ? `HTTP ${response.status}` : undefined;
}

/**
 * Why an answer is not one a GraphQL subgraph gives, or undefined when it may be one: a 5xx (what a
 * proxy or mesh answers for a dead subgraph, or a crashed server), a body that is not JSON by its
 * content type (an HTML error page), or a JSON body that is not an object. A 4xx with a JSON body is
 * a GraphQL refusal (e.g. BAD_USER_INPUT) and a 200 with `errors` is the subgraph's own field error:
 * both are passed on. The body is only looked at, not parsed (the single-fetch executor hands it on as text);
 * a body that looks like an object yet does not parse is caught where it is parsed.
 */
export function notGraphQLAnswer(response: SubgraphResponse, text: string): string | undefined {
  const failure = serverFailure(response);
  if (failure) return failure;
  const type = response.headers.get('content-type') ?? '';
  if (!/^application\/(?:graphql-response\+)?json\b/i.test(type.trim())) return `HTTP ${response.status} with content type "${type}"`;
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) return `HTTP ${response.status} with a body that is not a JSON object`;
  return undefined;
}

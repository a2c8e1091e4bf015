import { type ApolloServerPlugin } from '@apollo/server';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { type GatewayContext } from '../context';
import { type CircuitState, type FetchFailure, type SubgraphFetchObserver } from '../resilience/subgraph-breaker';
import { type PlanCacheObserver } from '../supergraph/plan-cache';

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 };
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Outcome of one GraphQL request, as labelled in metrics. */
export type RequestOutcome = 'success' | 'partial' | 'error' | 'refused';

/**
 * The gateway's Prometheus metrics, in a registry of its own (several gateways can live in one
 * process, as in tests). Operation names are labels only for the first METRICS_MAX_OPERATION_NAMES
 * distinct ones (then "other"), so a client cannot blow up the series count.
 */
export class GatewayMetrics implements SubgraphFetchObserver, PlanCacheObserver {
  readonly registry = new Registry();
  private readonly requests: Counter<'operation' | 'outcome'>;
  private readonly duration: Histogram<'operation'>;
  private readonly fetchDuration: Histogram<'subgraph'>;
  private readonly fetchErrors: Counter<'subgraph' | 'reason'>;
  private readonly sharedFetches: Counter<'subgraph'>;
  private readonly planCache: Counter<'result'>;
  private readonly circuitState: Gauge<'subgraph'>;
  private readonly refusals: Counter<'code'>;
  private readonly names = new Set<string>();

  constructor(private readonly maxOperationNames: number) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'gateway_' });
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests by operation name and outcome (success, partial, error, refused).',
      labelNames: ['operation', 'outcome'],
      registers,
    });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Latency of GraphQL requests, by operation name.',
      labelNames: ['operation'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.fetchDuration = new Histogram({
      name: 'subgraph_fetch_duration_seconds',
      help: 'Latency of subgraph fetches, by subgraph.',
      labelNames: ['subgraph'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.fetchErrors = new Counter({
      name: 'subgraph_fetch_errors_total',
      help: 'Failed subgraph fetches, by subgraph and reason (timeout, network, bad_response, circuit_open).',
      labelNames: ['subgraph', 'reason'],
      registers,
    });
    this.sharedFetches = new Counter({
      name: 'subgraph_fetches_shared_total',
      help: 'Subgraph fetches answered by an identical query already in flight (not sent), by subgraph.',
      labelNames: ['subgraph'],
      registers,
    });
    this.planCache = new Counter({
      name: 'query_plan_cache_total',
      help: 'Query-plan cache lookups, by result (hit, miss).',
      labelNames: ['result'],
      registers,
    });
    this.circuitState = new Gauge({
      name: 'subgraph_circuit_state',
      help: 'Circuit breaker state per subgraph: 0 closed, 1 half-open, 2 open.',
      labelNames: ['subgraph'],
      registers,
    });
    this.refusals = new Counter({
      name: 'gateway_refusals_total',
      help: 'Requests refused before execution, by code (rate limit, limits, trusted documents, identity).',
      labelNames: ['code'],
      registers,
    });
  }

  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (this.names.has(name)) return name;
    if (this.names.size < this.maxOperationNames && /^[A-Za-z_][A-Za-z0-9_]{0,99}$/.test(name)) {
      this.names.add(name);
      return name;
    }
    return 'other';
  }

  fetched(subgraph: string, seconds: number, failure: FetchFailure | null): void {
    if (failure) this.fetchErrors.inc({ subgraph, reason: failure });
    else this.fetchDuration.observe({ subgraph }, seconds);
  }

  shared(subgraph: string): void {
    this.sharedFetches.inc({ subgraph });
  }

  circuit(subgraph: string, state: CircuitState): void {
    this.circuitState.set({ subgraph }, CIRCUIT_VALUE[state]);
  }

  planCacheLookup(hit: boolean): void {
    this.planCache.inc({ result: hit ? 'hit' : 'miss' });
  }

  refused(code: string): void {
    this.refusals.inc({ code });
  }

  /** Counts and times one GraphQL request. */
  private observeRequest(operationName: string | null | undefined, outcome: RequestOutcome, seconds: number): void {
    const label = this.operationLabel(operationName);
    this.requests.inc({ operation: label, outcome });
    this.duration.observe({ operation: label }, seconds);
  }

  /** Counts and times every GraphQL request. */
  plugin(): ApolloServerPlugin<GatewayContext> {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async ({ operationName, operation, response, errors }) => {
            const body = response.body;
            const result = body.kind === 'single' ? body.singleResult : undefined;
            const hasErrors = (errors?.length ?? 0) > 0 || (result?.errors?.length ?? 0) > 0;
            let outcome: RequestOutcome = 'success';
            if (hasErrors) {
              if (!operation) outcome = 'refused';
              // Root fields are nullable: an operation whose every root field was lost answers
              // `{"events": null}`, not `data: null`, and has nothing to count as partial.
              else outcome = result?.data && Object.values(result.data).some((value) => value !== null) ? 'partial' : 'error';
            }
            if (outcome === 'refused') {
              for (const error of result?.errors ?? []) this.refused(String(error.extensions?.code ?? 'UNKNOWN'));
            }
            this.observeRequest(operationName, outcome, (performance.now() - started) / 1000);
          },
        };
      },
    };
  }
}

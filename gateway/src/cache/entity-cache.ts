import { createHash } from 'node:crypto';
import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { type CacheableContext, type CacheCounters } from './response-cache';
import { stableJson } from './stable-json';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * A cached entity as UTF-8 JSON in a Buffer: compact, parsed again on each hit, and outside the V8
 * heap (see ResponseCache: cached data inside a capped heap made the collector run all the time).
 */
type Entry = Buffer;

interface GraphQLErrorLike {
  path?: readonly (string | number)[];
}

export interface EntityCacheOptions {
  ttlSeconds: number;
  maxMiB: number;
  counters?: CacheCounters | undefined;
}

/**
 * A short-lived cache of entities fetched for anonymous queries, shared by every subgraph's data
 * source. An `_entities` fetch asks the subgraph only for the representations it has not seen in
 * the last ENTITY_CACHE_TTL_SECONDS (with the same selection), and answers the others from memory:
 * across pages, filters and workloads the same organisations, datasets and events come back again
 * and again. Requests with a viewer bypass it entirely (their answers may hold private fields), as
 * do mutations; the DataLoaders in the subgraphs remain the per-request layer.
 */
export class EntityCache {
  private readonly store: InMemoryLRUCache<Entry>;

  constructor(private readonly options: EntityCacheOptions) {
    // Sized by the entry's bytes, plus 200 for its key and bookkeeping.
    this.store = new InMemoryLRUCache<Entry>({ maxSize: options.maxMiB * 2 ** 20, sizeCalculation: (entry) => entry.length + 200 });
  }

  clear(): void {
    this.store.clear();
  }

  /** Wraps a subgraph's data source. */
  wrap<TContext extends CacheableContext>(name: string, inner: GraphQLDataSource<TContext>): GraphQLDataSource<TContext> {
    return { process: (options) => this.process(name, inner, options) };
  }

  private async process<TContext extends CacheableContext>(
    name: string,
    inner: GraphQLDataSource<TContext>,
    options: GraphQLDataSourceProcessOptions<TContext>,
  ): Promise<GatewayGraphQLResponse> {
    // Health checks and schema loads carry no incoming request.
    if (!('incomingRequestContext' in options)) return inner.process(options);
    const { request, context } = options;
    const variables = (request.variables ?? {}) as { representations?: unknown[] };
    const representations = variables.representations;
    if (
      context.viewer !== null ||
      options.incomingRequestContext.operation?.operation !== 'query' ||
      !Array.isArray(representations) ||
      !request.query
    ) {
      return inner.process(options);
    }
    const { representations: _omit, ...otherVariables } = variables;
    const prefix = createHash('sha256')
      .update(name)
      .update('\0')
      .update(request.query)
      .update('\0')
      .update(stableJson(otherVariables))
      .update('\0')
      .update(stableJson(context.propagatedHeaders ?? []))
      .digest('hex');
    const keys = representations.map((rep) => `${prefix}:${stableJson(rep)}`);
    const results: unknown[] = new Array<unknown>(representations.length);
    const missing: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const entry = await this.store.get(keys[i]!);
      if (entry !== undefined) {
        results[i] = JSON.parse(entry.toString()) as unknown;
        this.options.counters?.hit();
      } else {
        missing.push(i);
        this.options.counters?.miss();
      }
    }
    if (missing.length === 0) return { data: { _entities: results } };

    const response = await inner.process({
      ...options,
      request: { ...request, variables: { ...variables, representations: missing.map((i) => representations[i]) } },
    });
    const fetched = (response.data?._entities as unknown[] | undefined) ?? [];
    // Error paths point into the fetched subset: map them back to the full list.
    const failed = new Set<number>();
    const errors = response.errors?.map((error) => {
      const path = (error as GraphQLErrorLike).path;
      if (path?.[0] !== '_entities' || typeof path[1] !== 'number') return error;
      failed.add(path[1]);
      return { ...error, path: ['_entities', missing[path[1]] ?? path[1], ...path.slice(2)] };
    });
    for (let j = 0; j < missing.length; j++) {
      const value = fetched[j] ?? null;
      const index = missing[j]!;
      results[index] = value;
      if (value !== null && !failed.has(j) && !response.errors?.some((e) => !(e as GraphQLErrorLike).path)) {
        await this.store.set(keys[index]!, Buffer.from(JSON.stringify(value)), { ttl: this.options.ttlSeconds });
      }
    }
    return { ...response, data: { ...response.data, _entities: results }, ...(errors ? { errors } : {}) };
  }
}

import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- GraphQLDataSource's own bound
type DataSourceContext = Record<string, any>;
type ResponseError = NonNullable<GatewayGraphQLResponse['errors']>[number];

/**
 * Sends each distinct representation of an `_entities` fetch once. Apollo Gateway's executor builds
 * one representation per entity position, so a plan that reaches the same organisation from fifty
 * rows asks its subgraph for it fifty times (and the subgraph resolves it fifty times). The wrapper
 * sends the distinct ones and fans each answer out to every position that asked for it, with the
 * subgraph's errors repeated at each such position, so the executor sees the answer it would have
 * had without deduplication.
 *
 * It wraps the data source buildService hands to Apollo Gateway, which the single-fetch executor
 * also fetches through (a single root fetch carries no representations: passed through unchanged).
 * The data source's other methods and properties are kept.
 */
export function dedupeRepresentations<TContext extends DataSourceContext>(inner: GraphQLDataSource<TContext>): GraphQLDataSource<TContext> {
  const process = (options: GraphQLDataSourceProcessOptions<TContext>): Promise<GatewayGraphQLResponse> => processDeduped(inner, options);
  return new Proxy(inner, {
    get(target, property) {
      if (property === 'process') return process;
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

async function processDeduped<TContext extends DataSourceContext>(
  inner: GraphQLDataSource<TContext>,
  options: GraphQLDataSourceProcessOptions<TContext>,
): Promise<GatewayGraphQLResponse> {
  const variables = options.request.variables as { representations?: unknown } | undefined;
  const representations = variables?.representations;
  if (!Array.isArray(representations) || representations.length < 2) return inner.process(options);

  const { unique, slots } = distinctRepresentations(representations);
  if (unique.length === representations.length) return inner.process(options);

  const response = await inner.process({
    ...options,
    request: { ...options.request, variables: { ...variables, representations: unique } },
  });
  return fannedOut(response, slots, unique.length);
}

/**
 * The distinct representations of a fetch, and for each position the index of its distinct one.
 * The executor builds every representation from the same `requires` selection, so identical
 * entities serialise identically: the JSON text is the identity. The common shape, `{ __typename,
 * id }` with two strings, is looked up by type name then id, with no key built for it (a fetch has
 * hundreds of representations); the two kinds of lookup never share an entry.
 */
export function distinctRepresentations(representations: readonly unknown[]): { unique: unknown[]; slots: number[] } {
  const byTypeAndId = new Map<string, Map<string, number>>();
  const byJson = new Map<string, number>();
  const unique: unknown[] = [];
  const slots = new Array<number>(representations.length);
  for (let i = 0; i < representations.length; i++) {
    const representation = representations[i];
    let slotByKey: Map<string, number> | undefined;
    let key: string;
    if (isTypeAndId(representation)) {
      slotByKey = byTypeAndId.get(representation.__typename);
      if (!slotByKey) byTypeAndId.set(representation.__typename, (slotByKey = new Map()));
      key = representation.id;
    } else {
      slotByKey = byJson;
      key = JSON.stringify(representation);
    }
    let slot = slotByKey.get(key);
    if (slot === undefined) {
      slot = unique.length;
      slotByKey.set(key, slot);
      unique.push(representation);
    }
    slots[i] = slot;
  }
  return { unique, slots };
}

/** `{ __typename, id }` with two strings and no other key (counted without building a key list). */
function isTypeAndId(representation: unknown): representation is { __typename: string; id: string } {
  if (representation === null || typeof representation !== 'object' || Array.isArray(representation)) return false;
  const { __typename: typename, id } = representation as { __typename?: unknown; id?: unknown };
  if (typeof typename !== 'string' || typeof id !== 'string') return false;
  let keys = 0;
  for (const key in representation) if (Object.hasOwn(representation, key)) keys += 1;
  return keys === 2;
}

/** The answer to the distinct representations, as the answer to all of them (`slots[i]`: the distinct one position i asked for). */
function fannedOut(response: GatewayGraphQLResponse, slots: number[], uniqueCount: number): GatewayGraphQLResponse {
  let errors: ResponseError[] | undefined;
  if (response.errors) {
    // Positions asking for each distinct representation, in order: each error is repeated at each.
    const positions: number[][] = Array.from({ length: uniqueCount }, () => []);
    for (let i = 0; i < slots.length; i++) positions[slots[i]!]!.push(i);
    errors = [];
    for (const error of response.errors) {
      const path = error.path;
      if (path?.[0] !== '_entities' || typeof path[1] !== 'number' || !positions[path[1]]) {
        errors.push(error);
        continue;
      }
      for (const position of positions[path[1]]!) errors.push(withPath(error, ['_entities', position, ...path.slice(2)]));
    }
  }

  const entities = response.data?._entities;
  // No entities (a failed fetch: errors at the lost entities' paths, no data) or a malformed answer:
  // passed on as it is, with its errors at every position, so the executor reports each lost field.
  if (!Array.isArray(entities) || entities.length !== uniqueCount) return errors ? { ...response, errors } : response;

  const seen = new Array<boolean>(uniqueCount).fill(false);
  const all = slots.map((slot) => {
    const entity = entities[slot] as unknown;
    // The executor merges later fetches into each entity object: every position gets its own.
    if (seen[slot]) return cloneJson(entity);
    seen[slot] = true;
    return entity;
  });
  return { ...response, data: { ...response.data, _entities: all }, ...(errors ? { errors } : {}) };
}

/** The error at another path; the same class and fields otherwise (GraphQLError's path is read-only). */
function withPath(error: ResponseError, path: (string | number)[]): ResponseError {
  const copy = Object.create(Object.getPrototypeOf(error) as object | null) as Record<string, unknown>;
  for (const key of Object.keys(error)) copy[key] = (error as unknown as Record<string, unknown>)[key];
  Object.defineProperty(copy, 'path', { value: path, enumerable: true, writable: true, configurable: true });
  return copy as unknown as ResponseError;
}

/** A deep copy of a parsed JSON value (objects, arrays, scalars only). */
function cloneJson(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneJson);
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = cloneJson((value as Record<string, unknown>)[key]);
  return copy;
}

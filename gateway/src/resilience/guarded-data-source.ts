import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { type GatewayCacheHint } from '@apollo/server-gateway-interface';
import { parse as parseCacheControl } from 'cache-control-parser';
import { type DocumentNode, type FieldNode, GraphQLError, Kind, type OperationDefinitionNode, parse, type SelectionSetNode } from 'graphql';
import { CachedJson } from '../cache/response-cache';
import { type GatewayContext } from '../context';
import { INCOMING_OPERATION } from '../fast-path/single-fetch';
import { callerRefusalFrom } from '../input/subgraph-refusals';
import { GatewayErrorCode } from '../security/refuse';
import { SubgraphFetchError, type SubgraphFetcher } from './subgraph-breaker';
import { type SubgraphResponse } from './subgraph-connections';
import { type SubgraphRequestHeaders } from './subgraph-request-headers';

export interface GuardedDataSourceOptions {
  name: string;
  url: string;
  /** The request id, propagated headers, trace context and the viewer's identity token for this subgraph. */
  headers: SubgraphRequestHeaders;
  fetcher: SubgraphFetcher;
  /**
   * The subgraph answers compact JSON (Apollo Server's): for the single-fetch executor, its data
   * may be handed on as text. Core subgraphs only; partners' answers are always parsed.
   */
  compactJson?: boolean;
}

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>['process']>>;

/** Most error entries one failed fetch adds to a response (one per lost field and entity). */
const MAX_ERRORS_PER_FAILED_FETCH = 100;

/**
 * The data source of every subgraph, Apollo Gateway's `GraphQLDataSource` over our own fetch
 * (circuit-broken, timed out, pooled): the request id, the viewer's identity token, header
 * propagation and trace context on every fetch, and the subgraph's Cache-Control restricting the
 * request's cache policy. A failed fetch (down, slow, circuit open) does not fail the request: it
 * answers with one error per lost field and entity, each with its path, so the gateway nulls only
 * those fields. Not `RemoteGraphQLDataSource`: it builds a node-fetch `Headers` and a `Request`
 * for every fetch that our fetcher never reads.
 */
export class GuardedDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(private readonly guarded: GuardedDataSourceOptions) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { query, http, ...rest } = options.request;
    if (!query) throw new Error('Missing query');
    try {
      const headers: Record<string, string> = {};
      // Only set by Apollo Gateway when it asks a subgraph for its trace (usage reporting).
      if (http?.headers) for (const [name, value] of http.headers) headers[name] = value;
      headers['content-type'] = 'application/json';
      const context = options.context as Partial<GatewayContext>;
      // Health checks and SDL fetches carry no request context.
      if (context.requestId !== undefined) {
        await this.guarded.headers.add(this.guarded.name, context as GatewayContext, (name, value) => {
          headers[name.toLowerCase()] = value;
        });
      }
      const response = await this.guarded.fetcher.fetch(this.guarded.url, { method: 'POST', headers, body: JSON.stringify({ query, ...rest }) });
      if (!response.ok) throw await this.errorFromResponse(response);
      const body = await this.parseBody(response, context.rawData === true);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error(`Expected JSON response body, but received: ${String(body)}`);
      if (options.kind === INCOMING_OPERATION) {
        const policy = options.incomingRequestContext.overallCachePolicy as { restrict?: (hint: GatewayCacheHint) => void } | undefined;
        policy?.restrict?.(cacheHint(response.headers.get('cache-control')));
      }
      // Without Apollo's `http` (the fetch response): nothing of Apollo Gateway's execution reads it.
      return body as GatewayGraphQLResponse;
    } catch (error) {
      if (!(error instanceof SubgraphFetchError)) throw error;
      // The plan's document when it has one, else the subgraph operation's text (failure path only).
      return failedFetch(error, ('document' in options ? options.document : undefined) ?? safeParse(query), options.request.variables);
    }
  }

  /**
   * A subgraph's answer other than a 2xx (a 5xx never comes here: the fetcher counts it as a lost
   * subgraph): its refusal of the caller's input (HTTP 400, BAD_USER_INPUT) stays the caller's
   * refusal; anything else is an error of this fetch (masked for clients), with the subgraph's
   * answer in its extensions.
   */
  private async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    const body = await this.parseBody(response, false);
    const refusal = callerRefusalFrom(response.status, body);
    if (refusal) return refusal;
    const code = response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : undefined;
    return new GraphQLError(`${response.status}: ${response.statusText}`, {
      extensions: { response: { url: response.url, status: response.status, statusText: response.statusText, body }, ...(code ? { code } : {}) },
    });
  }

  /**
   * A JSON answer, parsed; any other, as text. For the single-fetch executor (`rawData`), a compact
   * answer with data only is not parsed: its data text goes to the client as is. A body that looked
   * like a JSON object but does not parse is a lost subgraph, as a 5xx is.
   */
  private async parseBody(response: SubgraphResponse, rawData: boolean): Promise<object | string> {
    const type = response.headers.get('content-type');
    if (!type || !(type.startsWith('application/json') || type.startsWith('application/graphql-response+json'))) return response.text();
    const text = await response.text();
    const data = rawData && this.guarded.compactJson && type.startsWith('application/json') ? dataText(text) : undefined;
    if (data !== undefined) return { data: new CachedJson(data) };
    try {
      return JSON.parse(text) as object;
    } catch (error) {
      if (!(error instanceof SyntaxError)) throw error;
      throw new SubgraphFetchError(this.guarded.name, 'bad_response', error);
    }
  }
}

/**
 * What a subgraph's Cache-Control allows the whole answer: its max-age (none: not cacheable) and
 * its scope, as Apollo Gateway's own data source reads it.
 */
function cacheHint(header: string | null): GatewayCacheHint {
  const parsed = header ? parseCacheControl(header) : {};
  const maxAge = parsed['max-age'];
  const hint: GatewayCacheHint = { maxAge: maxAge !== undefined && maxAge >= 0 ? maxAge : 0 };
  if (parsed.private) hint.scope = 'PRIVATE';
  if (parsed.public) hint.scope = 'PUBLIC';
  return hint;
}

/** The answer of a fetch that failed (down, slow, circuit open): one error per lost field or entity. */
function failedFetch(error: SubgraphFetchError, document: DocumentNode | undefined, variables: Record<string, unknown> | undefined): GatewayGraphQLResponse {
  const operation = document?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const code = error.reason === 'timeout' ? GatewayErrorCode.SUBGRAPH_TIMEOUT : GatewayErrorCode.SUBGRAPH_UNAVAILABLE;
  const message = error.reason === 'timeout' ? 'A part of the graph did not answer in time' : 'A part of the graph is unavailable';
  const representations = (variables as { representations?: unknown[] } | undefined)?.representations;
  const { paths, next, total } = operation ? lostPaths(operation.selectionSet, representations?.length) : { paths: [], total: 0 };
  const errors: { message: string; path?: (string | number)[]; extensions: Record<string, unknown> }[] = (paths.length > 0 ? paths : [undefined]).map((path) => ({
    message,
    ...(path ? { path } : {}),
    extensions: { code, reason: error.reason },
  }));
  // Past the cap, the rest of the lost fields are null too: one more error, at the first of them
  // (a path of the lost subgraph, as every other), says how many more were not listed.
  if (next) {
    const omitted = total - paths.length - 1;
    errors.push({
      message: omitted > 0 ? `${message} (and ${omitted} more lost fields not listed)` : message,
      path: next,
      extensions: { code, reason: error.reason, ...(omitted > 0 ? { omitted } : {}) },
    });
  }
  return { errors } as GatewayGraphQLResponse;
}

const DATA_PREFIX = '{"data":';
/** Either key anywhere in the text. One regular expression scans the answer about three times faster than two `includes`. */
const ERRORS_OR_EXTENSIONS_KEY = /"(?:errors|extensions)":/;

/**
 * The data of a GraphQL answer that has nothing but data (`{"data":{...}}`), as text; undefined
 * otherwise. Keys are matched in the raw text: in a string value a quote is escaped, so `"errors":`
 * can only be a key (a field aliased `errors` somewhere in the data just means "parse it").
 */
export function dataText(text: string): string | undefined {
  if (!text.startsWith(DATA_PREFIX) || ERRORS_OR_EXTENSIONS_KEY.test(text)) return undefined;
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13 || text.charCodeAt(end - 1) === 32)) end -= 1;
  if (text.charCodeAt(end - 1) !== 125 /* } */) return undefined;
  const data = text.slice(DATA_PREFIX.length, end - 1);
  return data.startsWith('{') && data.endsWith('}') ? data : undefined;
}

/**
 * Paths of what a failed fetch would have answered (root fields, or each entity's fields): the
 * first MAX_ERRORS_PER_FAILED_FETCH of them, the one after (when there are more) and how many
 * there are in all.
 */
function lostPaths(selectionSet: SelectionSetNode, entityCount: number | undefined): { paths: (string | number)[][]; next?: (string | number)[]; total: number } {
  const paths: (string | number)[][] = [];
  let next: (string | number)[] | undefined;
  let total = 0;
  const add = (path: (string | number)[]): void => {
    total += 1;
    if (paths.length < MAX_ERRORS_PER_FAILED_FETCH) paths.push(path);
    else next ??= path;
  };
  for (const selection of selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) continue;
    const key = responseKey(selection);
    if (selection.name.value === '_entities' && entityCount !== undefined) {
      const fields = new Set<string>();
      for (const inner of selection.selectionSet?.selections ?? []) {
        const nested = inner.kind === Kind.INLINE_FRAGMENT ? inner.selectionSet.selections : [inner];
        for (const field of nested) if (field.kind === Kind.FIELD && field.name.value !== '__typename') fields.add(responseKey(field));
      }
      if (next) {
        total += entityCount * fields.size;
        continue;
      }
      for (let i = 0; i < entityCount; i++) for (const field of fields) add([key, i, field]);
    } else {
      add([key]);
    }
  }
  return { paths, ...(next ? { next } : {}), total };
}

function responseKey(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

function safeParse(query: string | undefined): DocumentNode | undefined {
  try {
    return query ? parse(query) : undefined;
  } catch {
    return undefined;
  }
}

import { type IncomingMessage } from 'node:http';
import { type GraphQLDataSource } from '@apollo/gateway';
import { type Logger, type Viewer } from '@ecosystem/shared';

/**
 * What the gateway knows of one HTTP request before Apollo Server sees it: created once, by the
 * first handler of a route (`beginRequest`), and read everywhere through `requestState`.
 */
export interface RequestState {
  requestId: string;
  /** The verified caller; null = anonymous; undefined = not verified yet (before the identity step). */
  viewer: Viewer | null | undefined;
}

const states = new WeakMap<IncomingMessage, RequestState>();

/** Starts the state of a request (the request id; the viewer comes with the identity step). */
export function beginRequest(req: IncomingMessage, requestId: string): RequestState {
  const state: RequestState = { requestId, viewer: undefined };
  states.set(req, state);
  return state;
}

/** The state of a request (undefined for a request no gateway route began). */
export function requestState(req: IncomingMessage | undefined): RequestState | undefined {
  return req ? states.get(req) : undefined;
}

/** A subgraph answer, once received, for one fetch of the request: handed to the plan's execution. */
export interface Prefetched {
  dataSource: GraphQLDataSource<GatewayContext>;
  query: string;
  response: Awaited<ReturnType<GraphQLDataSource['process']>>;
}

/** Apollo Server's context value: built once per operation from the request state. */
export interface GatewayContext {
  requestId: string;
  viewer: Viewer | null;
  logger: Logger;
  /** Identity tokens signed during this request, per subgraph name. */
  identityTokens: Map<string, Promise<string>>;
  /** Incoming headers copied onto every subgraph request (PROPAGATE_HEADERS). */
  propagatedHeaders?: [name: string, value: string][];
  /** The single-fetch executor's answer (it had errors): used once by the plan's execution, not fetched again. */
  prefetched?: Prefetched;
  /** Set while the single-fetch executor fetches: core subgraphs' data may come back as text (CachedJson). */
  rawData?: true;
  /** Set when only the limits are checked (the whole of a @defer operation): nothing is executed. */
  checkOnly?: true;
  /** Set, with checkOnly, when a subscription is checked before its stream opens (SSE, WebSocket): POST's refusal of subscriptions does not apply. */
  subscribing?: true;
}

import { type Logger, type Viewer } from '@ecosystem/shared';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer | null;
  logger: Logger;
  /** Identity tokens signed during this request, per subgraph name. */
  identityTokens: Map<string, Promise<string>>;
  /** Incoming headers copied onto every subgraph request (PROPAGATE_HEADERS). */
  propagatedHeaders?: [name: string, value: string][];
}

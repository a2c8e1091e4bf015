import { type Logger, type Viewer } from '@ecosystem/shared';
import { type Prefetched } from './fast-path/fast-path';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer | null;
  logger: Logger;
  /** Identity tokens signed during this request, per subgraph name. */
  identityTokens: Map<string, Promise<string>>;
  /** Incoming headers copied onto every subgraph request (PROPAGATE_HEADERS). */
  propagatedHeaders?: [name: string, value: string][];
  /** A subgraph answer the fast path received and handed over (it had errors): used once, not fetched again. */
  prefetched?: Prefetched;
  /** The fast path's request: core subgraphs' data may come back as text (CachedJson), not parsed. */
  rawData?: true;
}

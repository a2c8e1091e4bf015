import { type Logger } from 'pino';
import { type Viewer } from '../auth/viewer';

/** What every resolver of every subgraph can rely on. Subgraphs extend it with their loaders. */
export interface BaseContext {
  requestId: string;
  /** `null` for anonymous callers. */
  viewer: Viewer | null;
  logger: Logger;
}

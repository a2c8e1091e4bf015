import { type Logger } from 'pino';
import { type Viewer } from '../auth/viewer';
import { type Language } from '../i18n/language';

/** What every resolver of every subgraph can rely on. Subgraphs extend it with their loaders. */
export interface BaseContext {
  requestId: string;
  /** `null` for anonymous callers. */
  viewer: Viewer | null;
  logger: Logger;
  /** The caller's language from Accept-Language (when the gateway propagates it); labels default to French. */
  language?: Language;
}

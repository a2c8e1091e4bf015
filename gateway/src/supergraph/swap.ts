import { join } from 'node:path';
import { type Logger } from '@ecosystem/shared';
import { type WarmableQueryPlanCache, type WarmOperation } from './plan-cache';

/** The core supergraph composed at build time by `npm run schema` (from `src/supergraph` or `dist/supergraph`). */
export const SHIPPED_SUPERGRAPH_FILE = join(__dirname, '..', '..', 'supergraph', 'core.graphql');

/** How a new supergraph reaches the gateway, whatever its source (registry, file, remote registry). */
export interface SwapOptions {
  logger: Logger;
  /** The gateway's query-plan cache, warmed before each swap. */
  planCache?: WarmableQueryPlanCache;
  /** The operations to plan before a swap (the recorded ones). */
  warmOperations?: () => Promise<WarmOperation[]>;
  /** Applies a swap once the requests in flight are done (see SwapGate); default: at once. */
  gate?: { swap(apply: () => void): Promise<void> };
}

/**
 * Serves a new supergraph: plans the recorded operations against it, then runs `apply` (which hands
 * it to @apollo/gateway) at the swap gate. Requests in flight finish on the plan they already have.
 */
export async function swapSupergraph(options: SwapOptions, sdl: string, apply: () => void): Promise<void> {
  if (options.planCache && options.warmOperations) {
    try {
      await options.planCache.prepare(sdl, await options.warmOperations());
    } catch (error) {
      options.planCache.discard();
      options.logger.warn({ reason: (error as Error).message }, 'query-plan cache not warmed');
    }
  }
  if (options.gate) await options.gate.swap(apply);
  else apply();
}

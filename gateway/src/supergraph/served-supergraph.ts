import { join, resolve } from 'node:path';
import { CoreSupergraphManager, type Registry } from '@ecosystem/registry';
import { type Logger } from '@ecosystem/shared';
import { type GatewayConfig, subgraphEnvKey } from '../config';
import { fileSource, FollowedSupergraphManager, registrySource } from './followed-supergraph';
import { type WarmableQueryPlanCache } from './plan-cache';
import { type SwapGate } from './swap-gate';
import { SHIPPED_SUPERGRAPH_FILE, swapSupergraph } from './swap';

type SupergraphSettings = Pick<
  GatewayConfig,
  | 'SUPERGRAPH_FILE'
  | 'REGISTRY_URL'
  | 'REGISTRY_TOKEN'
  | 'REGISTRY_POLL_INTERVAL_MS'
  | 'DATA_DIR'
  | 'STARTUP_COMPOSE_TIMEOUT_MS'
  | 'subgraphs'
  | 'subgraphUrlOverrides'
>;

/** Where the gateway's supergraph comes from, and what follows from it. */
export interface ServedSupergraph {
  /** What @apollo/gateway loads its supergraph from (`supergraphSdl`). */
  manager: CoreSupergraphManager | FollowedSupergraphManager;
  /** False when the supergraph is followed (a file, a registry process): no registry is opened here. */
  opensRegistry: boolean;
  /** Where a subgraph the supergraph names is called, given the URL the supergraph gives it. */
  routingUrl(name: string, supergraphUrl: string): string;
  /**
   * Where a subgraph is called, by name alone (the standard exports, subscriptions): `routingUrl` of the
   * URL the served supergraph gives it; undefined when the supergraph does not name it.
   */
  subgraphUrl(name: string): string | undefined;
  /** Why this gateway's /admin has no registry, when it has none. */
  notServed?: string;
}

/**
 * The three ways to get a supergraph: the registry in this process (the default: it composes the core
 * subgraphs with the published partner subgraphs), a file (SUPERGRAPH_FILE, static mode), or a
 * registry process (REGISTRY_URL). With the registry (here or remote), core subgraphs are called at
 * their configured URLs and partners at their published ones; in static mode every subgraph is called
 * at the supergraph's URL, unless SUBGRAPH_<NAME>_URL was set explicitly.
 */
export function servedSupergraph(
  config: SupergraphSettings,
  deps: { logger: Logger; registry: Registry; planCache: WarmableQueryPlanCache; swapGate: SwapGate },
): ServedSupergraph {
  const { logger, registry, planCache, swapGate } = deps;
  const coreUrls = new Map<string, string>(config.subgraphs.map((s) => [s.name, s.url]));
  const registryRouting = (name: string, supergraphUrl: string): string => coreUrls.get(name) ?? supergraphUrl;
  // One routing for every call: the URL the served supergraph names, through the mode's `routingUrl`.
  const byName =
    (manager: ServedSupergraph['manager'], routingUrl: ServedSupergraph['routingUrl']) =>
    (name: string): string | undefined => {
      const member = manager.serving?.members.find((m) => m.name === name);
      return member ? routingUrl(name, member.url) : undefined;
    };

  if (config.SUPERGRAPH_FILE) {
    const file = resolve(config.SUPERGRAPH_FILE);
    const manager = new FollowedSupergraphManager({ source: fileSource(file), logger, planCache, gate: swapGate });
    const routingUrl = (name: string, supergraphUrl: string): string => config.subgraphUrlOverrides.get(subgraphEnvKey(name)) ?? supergraphUrl;
    return {
      manager,
      opensRegistry: false,
      routingUrl,
      subgraphUrl: byName(manager, routingUrl),
      notServed: `This gateway serves the supergraph file ${file} (SUPERGRAPH_FILE): it has no registry`,
    };
  }
  if (config.REGISTRY_URL) {
    const source = registrySource(config.REGISTRY_URL, config.REGISTRY_POLL_INTERVAL_MS || 5000, config.REGISTRY_TOKEN);
    const manager = new FollowedSupergraphManager({
      source,
      logger,
      planCache,
      gate: swapGate,
      startupTimeoutMs: config.STARTUP_COMPOSE_TIMEOUT_MS,
      keptSupergraphFile: join(resolve(config.DATA_DIR), 'supergraph.graphql'),
      shippedSupergraphFile: SHIPPED_SUPERGRAPH_FILE,
    });
    return {
      manager,
      opensRegistry: false,
      routingUrl: registryRouting,
      subgraphUrl: (name) => coreUrls.get(name) ?? byName(manager, registryRouting)(name),
      notServed: `This gateway follows the registry at ${config.REGISTRY_URL}: call its admin API there`,
    };
  }
  const manager = new CoreSupergraphManager({
    subgraphs: config.subgraphs,
    supergraphFile: join(resolve(config.DATA_DIR), 'supergraph.graphql'),
    logger,
    shippedSupergraphFile: SHIPPED_SUPERGRAPH_FILE,
    startupTimeoutMs: config.STARTUP_COMPOSE_TIMEOUT_MS,
    store: registry,
    pollIntervalMs: config.REGISTRY_POLL_INTERVAL_MS,
    swap: (sdl, apply) => swapSupergraph({ logger, planCache, warmOperations: () => registry.warmOperations(), gate: swapGate }, sdl, apply),
  });
  registry.attach(manager);
  return {
    manager,
    opensRegistry: true,
    routingUrl: registryRouting,
    // Core subgraphs at their configured URLs even before the first supergraph is served.
    subgraphUrl: (name) => coreUrls.get(name) ?? byName(manager, registryRouting)(name),
  };
}

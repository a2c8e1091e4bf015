import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, loadGatewayConfig, type GatewayServer } from '@ecosystem/gateway';
import { createLogger, type RunningServer } from '@ecosystem/shared';
import { type RunningGraph } from './graph';

export interface ExtraGateway {
  url: string;
  base: string;
  server: GatewayServer;
  running: RunningServer;
  stop(): Promise<void>;
}

/**
 * Another real gateway (in this process, over HTTP) on the subgraphs of a running graph, with
 * its own settings: cheaper than a whole graph per configuration.
 */
export async function startExtraGateway(
  graph: RunningGraph,
  env: Record<string, string>,
  label = 'extra',
  options: { storedSupergraph?: boolean } = {},
): Promise<ExtraGateway> {
  const dataDir = mkdtempSync(join(tmpdir(), `gw-${label}-`));
  const sdl = graph.gateway.supergraph.supergraphSdl;
  // A "last accepted supergraph" on disk lets this gateway start while a subgraph is unreachable.
  if (options.storedSupergraph && sdl) writeFileSync(join(dataDir, 'supergraph.graphql'), sdl);
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATA_DIR: dataDir,
    ...Object.fromEntries(Object.values(graph.subgraphs).map((s) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, s.url])),
    ...env,
  });
  const server = createGateway(config, createLogger('test', 'silent'));
  const running = await server.listen(0, '127.0.0.1');
  await server.start();
  return {
    url: `${running.url}/graphql`,
    base: running.url,
    server,
    running,
    async stop() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, loadGatewayConfig } from '@ecosystem/gateway';
import { createLogger } from '@ecosystem/shared';
import { startGraph, type RunningGraph } from '../helpers/graph';

/*
 * A gateway whose DATA_DIR holds a supergraph its registry never accepted (left by an earlier run on
 * the embedded database, then started on MySQL; or copied from another host) serves it at once, and
 * records its first composition as the registry's first version even when the text is the same:
 * otherwise the registry stays empty, lists no core subgraph and refuses every publication.
 */
let graph: RunningGraph;

beforeAll(async () => {
  graph = await startGraph('registry_start');
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

it('records the first composition in an empty registry even when the saved supergraph is the same', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'registry-start-'));
  const served = graph.gateway.supergraph.serving;
  expect(served?.sdl).toBeTruthy();
  writeFileSync(join(dataDir, 'supergraph.graphql'), served!.sdl);
  const gateway = createGateway(
    // Embedded registry in its own DATA_DIR: empty, whatever database the suite runs on.
    loadGatewayConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      REGISTRY_POLL_INTERVAL_MS: '200',
      ...Object.fromEntries(Object.entries(graph.subgraphs).map(([name, s]) => [`SUBGRAPH_${name.toUpperCase()}_URL`, s.url])),
    }),
    createLogger('registry-start', 'silent'),
  );
  const running = await gateway.listen(0, '127.0.0.1');
  try {
    await gateway.start();
    const deadline = Date.now() + 30_000;
    while ((gateway.supergraph.serving?.version ?? 0) === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(gateway.supergraph.serving?.version).toBe(1);
    expect(gateway.supergraph.serving?.members.map((m) => m.name).sort()).toEqual(['datasets', 'events', 'members', 'training']);
  } finally {
    await running.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 120_000);

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, loadGatewayConfig, signUserToken } from '@ecosystem/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  createLogger,
  createSubgraphFromDefinition,
  createTestDatabase,
  DEV_INTERNAL_JWT_SECRET,
  DEV_USER_JWT_SECRET,
  type TestDatabase,
  type Viewer,
} from '@ecosystem/shared';
import { parse } from 'graphql';
import { CORE_DEFINITIONS, postGraphQL, type RunningGraph, type RunningSubgraph } from './graph';

const silent = createLogger('test', 'silent');

interface Started {
  name: string;
  url: string;
  database?: TestDatabase;
  close(): Promise<void>;
}

/** A stand-in for a core subgraph this test does not need: one documented root field, nothing else. */
async function startPlaceholder(name: string): Promise<Started> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@shareable"])
      type Query { "Placeholder of the ${name} subgraph in this test." ${name}Placeholder: Boolean }`),
    resolvers: { Query: { [`${name}Placeholder`]: () => true } },
  });
  const apollo = new ApolloServer({ schema });
  // Apollo Server's own HTTP server: a placeholder needs no framework.
  const { url } = await startStandaloneServer(apollo, { listen: { port: 0, host: '127.0.0.1' } });
  return {
    name,
    url: `${url.replace('localhost', '127.0.0.1')}graphql`,
    async close() {
      await apollo.stop();
    },
  };
}

/**
 * Like `startGraph`, but seeds only the subgraphs named in `seed` (the others start empty): tests of
 * the gateway's own machinery (registry, hot swap) need the graph's schema, not every demo row, and
 * start faster. Core subgraphs not in `real` are replaced by placeholders, so such a test does not
 * depend on every core subgraph composing at every moment.
 */
export async function startLeanGraph(
  label: string,
  env: Record<string, string>,
  seed: string[],
  real: string[] = CORE_DEFINITIONS.map((d) => d.name),
): Promise<RunningGraph> {
  const started: Started[] = await Promise.all(
    CORE_DEFINITIONS.map(async (definition): Promise<Started> => {
      if (!real.includes(definition.name)) return startPlaceholder(definition.name);
      const database = await createTestDatabase(`${label}_${definition.name}`, definition.entities);
      if (seed.includes(definition.name)) await definition.seedDemo(database.dataSource, silent);
      const server = await createSubgraphFromDefinition(definition, database.dataSource, {
        logger: silent,
        internalJwtSecret: DEV_INTERNAL_JWT_SECRET,
        production: false,
      });
      const running = await server.listen(0, '127.0.0.1');
      return {
        name: definition.name,
        url: `${running.url}/graphql`,
        database,
        async close() {
          await running.close();
          await database.close();
        },
      };
    }),
  );
  const dataDir = mkdtempSync(join(tmpdir(), `lean-${label}-`));
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATA_DIR: dataDir,
    ...Object.fromEntries(started.map((s) => [`SUBGRAPH_${s.name.toUpperCase()}_URL`, s.url])),
    ...env,
  });
  const gateway = createGateway(config, silent);
  const running = await gateway.listen(0, '127.0.0.1');
  await gateway.start();
  const gatewayUrl = `${running.url}/graphql`;
  const tokenFor = (viewer: Viewer): Promise<string> => signUserToken(viewer, { secret: DEV_USER_JWT_SECRET });
  return {
    gatewayUrl,
    gateway,
    subgraphs: {} as Record<string, RunningSubgraph>,
    statements: () => started.reduce((sum, s) => sum + (s.database?.counter.total ?? 0), 0),
    resetStatements: () => started.forEach((s) => s.database?.counter.reset()),
    tokenFor,
    async query(query, variables = {}, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.viewer) headers.authorization = `Bearer ${await tokenFor(options.viewer)}`;
      return postGraphQL(gatewayUrl, query, variables, headers);
    },
    async stop() {
      await running.close();
      for (const s of started) await s.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

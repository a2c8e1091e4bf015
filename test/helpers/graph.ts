import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, loadGatewayConfig, signUserToken, type GatewayServer } from '@ecosystem/gateway';
import {
  createLogger,
  createSubgraphFromDefinition,
  createTestDatabase,
  DEV_INTERNAL_JWT_SECRET,
  DEV_USER_JWT_SECRET,
  type BaseContext,
  type RunningServer,
  type SubgraphDefinition,
  type TestDatabase,
  type Viewer,
} from '@ecosystem/shared';
import { datasetsSubgraph } from '@ecosystem/datasets';
import { eventsSubgraph } from '@ecosystem/events';
import { membersSubgraph } from '@ecosystem/members';
import { trainingSubgraph } from '@ecosystem/training';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a heterogeneous list of definitions
export type AnySubgraphDefinition = SubgraphDefinition<BaseContext & any, any>;

export const CORE_DEFINITIONS: AnySubgraphDefinition[] = [membersSubgraph, datasetsSubgraph, trainingSubgraph, eventsSubgraph];

export interface RunningSubgraph {
  definition: AnySubgraphDefinition;
  database: TestDatabase;
  server: RunningServer;
  url: string;
}

export interface GraphQLResponse<TData> {
  status: number;
  data?: TData | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface RunningGraph {
  gatewayUrl: string;
  gateway: GatewayServer;
  subgraphs: Record<string, RunningSubgraph>;
  /** SQL statements issued by all four subgraphs since the last reset. */
  statements(): number;
  resetStatements(): void;
  query<TData = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { viewer?: Viewer; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<TData>>;
  tokenFor(viewer: Viewer): Promise<string>;
  stop(): Promise<void>;
}

const silent = createLogger('test', 'silent');

/** POSTs a GraphQL operation over HTTP. */
export async function postGraphQL<TData>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<TData>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Omit<GraphQLResponse<TData>, 'status'>;
  return { status: response.status, ...body };
}

/** Starts one subgraph on its own test database (seeded with the demo data) on a free port. */
export async function startSubgraph(definition: AnySubgraphDefinition, label: string): Promise<RunningSubgraph> {
  const database = await createTestDatabase(`${label}_${definition.name}`, definition.entities);
  await definition.seedDemo(database.dataSource, silent);
  const server = await createSubgraphFromDefinition(definition, database.dataSource, {
    logger: silent,
    internalJwtSecret: DEV_INTERNAL_JWT_SECRET,
    production: false,
  });
  const running = await server.listen(0, '127.0.0.1');
  return { definition, database, server: running, url: `${running.url}/graphql` };
}

/**
 * The whole graph in this process: four subgraphs, each on its own database and HTTP port, and the
 * real gateway composing them over HTTP. `label` keeps test files' databases apart.
 */
export async function startGraph(
  label: string,
  env: Record<string, string> = {},
  /** The URL the gateway is given for a subgraph (a proxy in front of it, say); its own by default. */
  front: (name: string, url: string) => Promise<string> = (_name, url) => Promise.resolve(url),
): Promise<RunningGraph> {
  const started = await Promise.all(CORE_DEFINITIONS.map((definition) => startSubgraph(definition, label)));
  const fronts = await Promise.all(started.map((s) => front(s.definition.name, s.url)));
  const subgraphs = Object.fromEntries(started.map((s) => [s.definition.name, s]));
  const dataDir = mkdtempSync(join(tmpdir(), `graph-${label}-`));
  const config = loadGatewayConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    PORT: '0',
    DATA_DIR: dataDir,
    ...Object.fromEntries(started.map((s, i) => [`SUBGRAPH_${s.definition.name.toUpperCase()}_URL`, fronts[i]!])),
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
    subgraphs,
    statements: () => started.reduce((sum, s) => sum + s.database.counter.total, 0),
    resetStatements: () => started.forEach((s) => s.database.counter.reset()),
    tokenFor,
    async query(query, variables = {}, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.viewer) headers.authorization = `Bearer ${await tokenFor(options.viewer)}`;
      return postGraphQL(gatewayUrl, query, variables, headers);
    },
    async stop() {
      await running.close();
      for (const s of started) {
        await s.server.close();
        await s.database.close();
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

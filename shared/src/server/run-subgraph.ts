import { type Express } from 'express';
import { type GraphQLSchema } from 'graphql';
import { type Logger } from 'pino';
import { type DataSource, type EntitySchema, type MixedList } from 'typeorm';
import { z } from 'zod';
import { assertProductionSecrets, commonEnvSchema, databaseEnvSchema, envBoolean, parseEnv } from '../config/parse-env';
import { type BaseContext } from '../context/request-context';
import { databaseKind, openDatabase } from '../database/data-source';
import { attachAggregateCache } from '../database/aggregate-cache';
import { QueryCounter } from '../database/query-counter';
import { stopOnSignals } from './http-server';
import { createLogger } from '../logging/logger';
import { createSubgraphServer, type SubgraphServer } from './create-subgraph-server';
import { type RunningServer } from './http-server';

/** Everything that differs between two subgraphs; the rest is `runSubgraph`. */
export interface SubgraphDefinition<TContext extends BaseContext, TLoaders> {
  name: string;
  defaultPort: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  migrations: MixedList<Function | string>;
  buildSchema(): Promise<GraphQLSchema>;
  /** A fresh set of DataLoaders: called once per request, never at module scope. */
  createLoaders(dataSource: DataSource): TLoaders;
  createContext(base: BaseContext, loaders: TLoaders, dataSource: DataSource): TContext;
  /** Fills an empty database with demo data; returns false when the database already had data. */
  seedDemo(dataSource: DataSource, logger: Logger): Promise<boolean>;
  /** Optional plain HTTP routes beside `/graphql` (e.g. a standard export), added to the same app. */
  routes?(app: Express, dataSource: DataSource, logger: Logger): void;
}

export const subgraphEnvSchema = commonEnvSchema.extend(databaseEnvSchema.shape).extend({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().default('0.0.0.0'),
  /** Seconds a total or facet count over a filter is reused (emptied on every local write); 0 = off. */
  AGGREGATE_CACHE_TTL_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
  /** Adds each request's SQL statement count to its log line (costs CPU on every request). */
  LOG_SQL_STATEMENTS: envBoolean.default(false),
});
export type SubgraphEnv = z.infer<typeof subgraphEnvSchema>;

/** Builds a subgraph's server over an open data source (used by `runSubgraph` and by tests). */
export async function createSubgraphFromDefinition<TContext extends BaseContext, TLoaders>(
  definition: SubgraphDefinition<TContext, TLoaders>,
  dataSource: DataSource,
  options: { logger: Logger; internalJwtSecret: string; production: boolean; countStatements?: boolean },
): Promise<SubgraphServer<TContext>> {
  const schema = await definition.buildSchema();
  const server = await createSubgraphServer<TContext>({
    name: definition.name,
    schema,
    logger: options.logger,
    internalJwtSecret: options.internalJwtSecret,
    production: options.production,
    ...(options.countStatements !== undefined ? { countStatements: options.countStatements } : {}),
    createContext: (base) => definition.createContext(base, definition.createLoaders(dataSource), dataSource),
    ready: async () => {
      await dataSource.query('SELECT 1');
      return true;
    },
  });
  definition.routes?.(server.app, dataSource, options.logger);
  return server;
}

/** The whole life of a subgraph process: config, database, seed, listen, graceful shutdown. */
export async function runSubgraph<TContext extends BaseContext, TLoaders>(
  definition: SubgraphDefinition<TContext, TLoaders>,
): Promise<RunningServer> {
  const env = parseEnv(subgraphEnvSchema);
  assertProductionSecrets(env);
  const logger = createLogger(definition.name, env.LOG_LEVEL);
  const dataSource = await openDatabase({
    name: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    config: env,
    counter: new QueryCounter(logger),
  });
  logger.info({ database: databaseKind(env) }, 'database open');
  if (env.DEMO_SEED) {
    const started = Date.now();
    if (await definition.seedDemo(dataSource, logger)) {
      logger.info({ durationMs: Date.now() - started }, 'demo data seeded');
    }
  }
  // After the seed: totals and facets are kept a few seconds, emptied on every write of this process.
  attachAggregateCache(dataSource, { ttlSeconds: env.AGGREGATE_CACHE_TTL_SECONDS });
  const server = await createSubgraphFromDefinition(definition, dataSource, {
    logger,
    internalJwtSecret: env.INTERNAL_JWT_SECRET,
    production: env.NODE_ENV === 'production',
    countStatements: env.LOG_SQL_STATEMENTS,
  });
  const running = await server.listen(env.PORT ?? definition.defaultPort, env.HOST);
  logger.info({ url: `${running.url}/graphql` }, `${definition.name} subgraph ready`);

  stopOnSignals(logger, () => running.close().then(() => dataSource.destroy()));
  return running;
}

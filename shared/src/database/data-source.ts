import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createConnection } from 'mysql2/promise';
import writeFileAtomic from 'write-file-atomic';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import { QueryCounter } from './query-counter';

/** The database part of a process's configuration (see `databaseEnvSchema`). */
export interface DatabaseConfig {
  DATABASE_URL?: string | undefined;
  DB_PREFIX: string;
  DATA_DIR: string;
  DB_POOL_SIZE: number;
}

export interface OpenDatabaseOptions {
  /** Owner of the database: `members`, `datasets`, ... Used in the database or file name. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own type
  migrations: MixedList<Function | string>;
  config: DatabaseConfig;
  counter?: QueryCounter;
}

export type DatabaseKind = 'mysql' | 'embedded';

export function databaseKind(config: Pick<DatabaseConfig, 'DATABASE_URL'>): DatabaseKind {
  return config.DATABASE_URL ? 'mysql' : 'embedded';
}

export function databaseName(prefix: string, name: string): string {
  const full = `${prefix}_${name}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return full.slice(0, 64);
}

/** MySQL or MariaDB: TypeORM reads MariaDB's schema correctly only with its `mariadb` driver type. */
export type MysqlFlavour = 'mysql' | 'mariadb';

/**
 * `CREATE DATABASE IF NOT EXISTS` (TypeORM does not create databases); returns the server flavour.
 */
export async function ensureMysqlDatabase(url: string, database: string, recreate = false): Promise<MysqlFlavour> {
  const connection = await createConnection({ uri: url });
  try {
    if (recreate) await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [rows] = await connection.query('SELECT VERSION() AS version');
    const version = (rows as { version: string }[])[0]?.version ?? '';
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

export function mysqlOptions(
  url: string,
  database: string,
  poolSize: number,
  flavour: MysqlFlavour = 'mysql',
): DataSourceOptions {
  const parsed = new URL(url);
  return {
    type: flavour,
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 3306,
    username: decodeURIComponent(parsed.username || 'root'),
    password: decodeURIComponent(parsed.password),
    database,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    poolSize,
    // mysql2's `trace` captures a stack trace on every statement, only to show where a failed one
    // was sent from: TypeORM's QueryFailedError, made where the statement was awaited, says so already.
    extra: { connectionLimit: poolSize, enableKeepAlive: true, trace: false },
  };
}

/**
 * Opens the database of one process. MySQL: the database `<prefix>_<name>` is created if missing and
 * the migrations are applied. Embedded: a sql.js file `<DATA_DIR>/<name>.sqlite`, schema synchronised.
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<DataSource> {
  const { config } = options;
  const common = {
    entities: options.entities,
    migrations: options.migrations,
    logger: options.counter ?? new QueryCounter(),
    logging: true,
  } as const;
  if (config.DATABASE_URL) {
    const database = databaseName(config.DB_PREFIX, options.name);
    const flavour = await ensureMysqlDatabase(config.DATABASE_URL, database);
    const dataSource = await new DataSource({
      ...mysqlOptions(config.DATABASE_URL, database, config.DB_POOL_SIZE, flavour),
      ...common,
      synchronize: false,
      migrationsTransactionMode: 'each',
    }).initialize();
    await runMigrationsLocked(dataSource, database);
    return dataSource;
  }
  const dir = resolve(config.DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const location = join(dir, `${options.name}.sqlite`);
  return new DataSource({
    type: 'sqljs',
    location,
    autoSave: true,
    // sql.js keeps the database in memory and writes the whole file after each change. Written in
    // place, a process stopped mid-write (Ctrl-C during a first start) leaves a truncated file that
    // the next start reads as empty and silently seeds again; written to a temporary file and
    // renamed, the file is always the last complete database.
    autoSaveCallback: (data: Uint8Array) => writeFileAtomic(location, Buffer.from(data)),
    ...common,
    synchronize: true,
  }).initialize();
}

/** Seconds a process waits for another one's migrations before giving up. */
const MIGRATION_LOCK_TIMEOUT_SECONDS = 120;

/**
 * Applies pending migrations under a named MySQL lock, so that replicas starting together (two
 * gateways on one registry, two copies of a subgraph) do not run the same DDL at once: MySQL commits
 * DDL implicitly, so a transaction cannot protect it, and the loser of that race fails with
 * "table already exists". The second process waits, then finds nothing left to apply.
 */
export async function runMigrationsLocked(dataSource: DataSource, database: string): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const lock = `${database}.migrations`.slice(0, 64);
  try {
    await runner.connect();
    const [row] = (await runner.query('SELECT GET_LOCK(?, ?) AS acquired', [lock, MIGRATION_LOCK_TIMEOUT_SECONDS])) as { acquired: number | string | null }[];
    if (Number(row?.acquired) !== 1) {
      throw new Error(`another process has held the migration lock of ${database} for ${MIGRATION_LOCK_TIMEOUT_SECONDS} s`);
    }
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [lock]);
    }
  } finally {
    await runner.release();
  }
}

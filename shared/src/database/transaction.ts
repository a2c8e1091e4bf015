import { type DataSource, type EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; errno?: number } | null;
  // InnoDB deadlock victim or lock wait timeout: the transaction was rolled back and can run again.
  return e?.code === 'ER_LOCK_DEADLOCK' || e?.errno === 1213 || e?.code === 'ER_LOCK_WAIT_TIMEOUT' || e?.errno === 1205;
}

function queued<T>(dataSource: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'sqljs') return dataSource.transaction(fn);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(fn));
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/**
 * `dataSource.transaction(fn)` for every write of every subgraph. With `attempts` > 1, a transaction
 * picked by MySQL as a deadlock victim (or timed out on a lock) is run again: only for work that may
 * legitimately re-read newer state (never for a transition conditioned on what the client saw, which
 * must fail instead: optimistic locking). On the embedded sql.js
 * database, which has a single connection and cannot open a second transaction while one is open
 * (TypeORM would nest it as a savepoint), transactions are queued one after the other.
 */
export async function runTransaction<T>(
  dataSource: DataSource,
  fn: (manager: EntityManager) => Promise<T>,
  attempts = 1,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await queued(dataSource, fn);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}

/** Whether locking reads (`SELECT ... FOR UPDATE`) exist; the embedded database runs one writer at a time anyway. */
export function supportsLockingReads(dataSource: DataSource): boolean {
  return dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
}

/** True when the database refused a write because of a UNIQUE index (MySQL/MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string; driverError?: { code?: string } } | null;
  return (
    e?.code === 'ER_DUP_ENTRY' ||
    e?.driverError?.code === 'ER_DUP_ENTRY' ||
    e?.errno === 1062 ||
    /UNIQUE constraint failed/i.test(String(e?.message ?? ''))
  );
}

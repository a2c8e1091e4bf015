import { type DataSource, type EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * `dataSource.transaction(fn)` that also works under concurrent requests on the embedded sql.js
 * database, which has a single connection and cannot open a second transaction while one is open:
 * there, transactions are queued one after the other. On MySQL it is a plain transaction.
 */
export async function runTransaction<T>(dataSource: DataSource, fn: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'sqljs') return dataSource.transaction(fn);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => dataSource.transaction(fn));
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
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

import { type DataSource, type EntityManager } from 'typeorm';

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * One transaction. On MySQL it is a plain `dataSource.transaction`. The embedded sql.js driver has a
 * single connection on which TypeORM turns a second concurrent transaction into a SAVEPOINT of the
 * first, so concurrent mutations would share (and roll back) each other's work: there, transactions
 * are queued and run one after the other.
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type !== 'sqljs') return dataSource.transaction(work);
  const previous = queues.get(dataSource) ?? Promise.resolve();
  const run = previous.then(
    () => dataSource.transaction(work),
    () => dataSource.transaction(work),
  );
  queues.set(
    dataSource,
    run.catch(() => undefined),
  );
  return run;
}

/** Whether a driver error is a unique-key violation (MySQL ER_DUP_ENTRY, SQLite UNIQUE constraint). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  const code = e.code ?? e.driverError?.code;
  return code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed/i.test(e.message ?? '');
}

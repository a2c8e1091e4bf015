import { runTransaction } from '@ecosystem/shared';
import { type DataSource, type EntityManager } from 'typeorm';

function isRetryable(error: unknown): boolean {
  const e = error as { code?: string; errno?: number } | null;
  // InnoDB deadlock victim or lock wait timeout: the transaction rolled back and can run again.
  return e?.code === 'ER_LOCK_DEADLOCK' || e?.errno === 1213 || e?.code === 'ER_LOCK_WAIT_TIMEOUT' || e?.errno === 1205;
}

/** Whether a database error is a unique-index violation (MySQL/MariaDB or SQLite). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; errno?: number; message?: string } | null;
  return e?.code === 'ER_DUP_ENTRY' || e?.errno === 1062 || /UNIQUE constraint failed/i.test(String(e?.message ?? ''));
}

/**
 * One transaction (shared `runTransaction`: queued on the single-connection embedded database),
 * run again (up to `attempts` times) when MySQL picks it as a deadlock victim. Every write of this
 * subgraph goes through here, so that on the embedded database a write never lands inside another
 * request's open transaction.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  attempts = 5,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await runTransaction(dataSource, work);
    } catch (error) {
      if (attempt >= attempts || !isRetryable(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.floor(Math.random() * 10)));
    }
  }
}

/** Whether locking reads (`SELECT ... FOR UPDATE`) are available; the embedded database runs one writer at a time anyway. */
export function supportsLockingReads(dataSource: DataSource): boolean {
  return dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb';
}

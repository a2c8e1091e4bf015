import { runTransaction } from '@ecosystem/shared';
import { type DataSource, type EntityManager } from 'typeorm';

/**
 * Training's writes re-read inside the transaction what they change (seats, waiting lists,
 * prerequisites), so a transaction that MySQL picks as a deadlock victim can safely run again.
 */
export function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return runTransaction(dataSource, work, 5);
}

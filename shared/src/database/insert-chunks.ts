import { type Logger } from 'pino';
import { type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

/** Multi-row INSERTs of `size` rows: one statement per chunk, fast on MySQL and sql.js alike. */
export async function insertChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  size = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + size)).execute();
  }
}

/** The log message of seed progress; `npm start` (scripts/start.mjs) shows it per subgraph. */
export const SEED_PROGRESS_MESSAGE = 'seeding demo data';

/**
 * A demo seed: every table's rows are added first, so the total is known, then written in
 * multi-row INSERTs in the order they were added, in one transaction, with progress logged
 * (`{ written, total }`) about once a second and at the end.
 */
export class SeedWriter {
  private readonly batches: { target: EntityTarget<ObjectLiteral>; rows: ObjectLiteral[]; size: number }[] = [];

  add<T extends ObjectLiteral>(target: EntityTarget<T>, rows: T[], size = 200): void {
    this.batches.push({ target, rows, size });
  }

  /** Rows to write. */
  get total(): number {
    return this.batches.reduce((n, batch) => n + batch.rows.length, 0);
  }

  async write(dataSource: DataSource, logger: Logger, progressIntervalMs = 1000): Promise<number> {
    const total = this.total;
    let written = 0;
    let lastReport = 0;
    const report = async (): Promise<void> => {
      lastReport = Date.now();
      logger.info({ written, total }, SEED_PROGRESS_MESSAGE);
      // sql.js answers synchronously, so the inserts are one chain of resolved promises that never
      // lets the event loop write the log line to a pipe: give it a turn.
      await new Promise((resolve) => setImmediate(resolve));
    };
    await report();
    await dataSource.transaction(async (manager) => {
      for (const { target, rows, size } of this.batches) {
        for (let i = 0; i < rows.length; i += size) {
          const chunk = rows.slice(i, i + size);
          await insertChunks(manager, target, chunk, size);
          written += chunk.length;
          if (written < total && Date.now() - lastReport >= progressIntervalMs) await report();
        }
      }
    });
    await report();
    return written;
  }
}

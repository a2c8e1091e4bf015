import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

/** Multi-row INSERTs of `size` rows: fast seeding on MySQL and sql.js alike. */
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

import { byId, inList } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, MoreThanOrEqual } from 'typeorm';
import { CourseSession } from './session.entity';

/** Sessions of a module starting at or after `from` (all when null). */
export interface SessionsKey {
  moduleId: string;
  from: Date | null;
}

export interface SessionLoaders {
  sessionById: DataLoader<string, CourseSession | null>;
  /** Sessions of a module by start; keyed on (module, from). */
  sessionsByModule: DataLoader<SessionsKey, CourseSession[], string>;
}

/** The session loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createSessionLoaders(dataSource: DataSource): SessionLoaders {
  return {
    sessionById: byId(dataSource, CourseSession),
    sessionsByModule: new DataLoader(
      async (keys) => {
        // One statement per distinct `from` in the batch (in practice one: the same argument everywhere).
        const result = new Map<string, CourseSession[]>();
        const froms = new Map<string, SessionsKey[]>();
        for (const key of keys) {
          const fromKey = key.from?.toISOString() ?? '';
          froms.set(fromKey, [...(froms.get(fromKey) ?? []), key]);
        }
        for (const [fromKey, group] of froms) {
          const moduleIds = [...new Set(group.map((k) => k.moduleId))];
          const rows = await dataSource.getRepository(CourseSession).find({
            where: { moduleId: inList(moduleIds), ...(fromKey ? { startsAt: MoreThanOrEqual(new Date(fromKey)) } : {}) },
            order: { startsAt: 'ASC', id: 'ASC' },
          });
          for (const row of rows) {
            const key = `${row.moduleId}|${fromKey}`;
            result.set(key, [...(result.get(key) ?? []), row]);
          }
        }
        return keys.map((k) => result.get(`${k.moduleId}|${k.from?.toISOString() ?? ''}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.moduleId}|${k.from?.toISOString() ?? ''}` },
    ),
  };
}

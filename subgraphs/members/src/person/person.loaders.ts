import { orderByKeys, groupByKeys, type KeysetPageArgs } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { argsKey, countsByKey, loadByArgs, pagesByKey, type GroupedListSpec, type LazyPage } from '../common/grouped-pages';
import { Affiliation } from './affiliation.entity';
import { Person } from './person.entity';

export interface PageKey {
  id: string;
  args: KeysetPageArgs;
}

export interface PersonLoaders {
  personById: DataLoader<string, Person | null>;
  affiliationsByPersonId: DataLoader<string, Affiliation[]>;
  /** Current people of an organisation, one page per (organisation, first, after). */
  peopleByOrganization: DataLoader<PageKey, LazyPage<Person>, string>;
  peopleCountByOrganization: DataLoader<string, number>;
}

const peopleOfOrganizations: GroupedListSpec = {
  base: (query) =>
    query
      .from(Affiliation, 'a')
      .innerJoin(Person, 'p', 'p.id = a.personId')
      .where('a.organizationId IN (:...__keys)')
      .andWhere('a.until IS NULL'),
  partition: 'a.organizationId',
  sort: 'p.sortName',
  id: 'p.id',
};

export function createPersonLoaders(dataSource: DataSource): PersonLoaders {
  const peopleCountByOrganization = new DataLoader<string, number>(async (ids) =>
    countsByKey(dataSource, peopleOfOrganizations, ids),
  );
  return {
    personById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Person).findBy({ id: In([...ids]) }), (p) => p.id),
    ),
    affiliationsByPersonId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(Affiliation)
          .find({ where: { personId: In([...ids]) }, order: { isPrimary: 'DESC', since: 'ASC', id: 'ASC' } }),
        (a) => a.personId,
      ),
    ),
    peopleByOrganization: new DataLoader(
      async (keys) =>
        loadByArgs(keys, (ids, args) =>
          pagesByKey(dataSource, Person, peopleOfOrganizations, ids, args, (id) =>
            peopleCountByOrganization.load(id),
          ),
        ),
      { cacheKeyFn: (key) => argsKey(key.id, key.args) },
    ),
    peopleCountByOrganization,
  };
}

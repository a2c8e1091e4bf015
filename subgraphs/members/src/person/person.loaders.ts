import { byId, countsByKey, manyByKey, pagesByKey, windowedList, type GroupedListSpec, type KeysetPageArgs, type LazyPage, type WindowedKey } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Affiliation } from './affiliation.entity';
import { Person } from './person.entity';

export interface PersonLoaders {
  personById: DataLoader<string, Person | null>;
  affiliationsByPersonId: DataLoader<string, Affiliation[]>;
  /** Current people of an organisation, one page per (organisation, first, after). */
  peopleByOrganization: DataLoader<WindowedKey<KeysetPageArgs>, LazyPage<Person>, string>;
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
    personById: byId(dataSource, Person),
    affiliationsByPersonId: manyByKey(dataSource, Affiliation, 'personId', { order: { isPrimary: 'DESC', since: 'ASC', id: 'ASC' } }),
    peopleByOrganization: windowedList<KeysetPageArgs, LazyPage<Person>>({
      load: (ids, page) =>
        pagesByKey(dataSource, Person, peopleOfOrganizations, ids, page, (id) => peopleCountByOrganization.load(id)),
    }),
    peopleCountByOrganization,
  };
}

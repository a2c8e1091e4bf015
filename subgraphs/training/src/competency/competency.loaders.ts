import { orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { Competency } from './competency.entity';

export interface CompetencyLoaders {
  competencyById: DataLoader<string, Competency | null>;
}

/** The competency loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createCompetencyLoaders(dataSource: DataSource): CompetencyLoaders {
  return {
    competencyById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Competency).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
  };
}

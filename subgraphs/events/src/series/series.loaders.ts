import { orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { EventSeries } from './series.entity';

export interface SeriesLoaders {
  seriesById: DataLoader<string, EventSeries | null>;
}

/** The series loaders of a request: one SQL statement per batch. */
export function createSeriesLoaders(dataSource: DataSource): SeriesLoaders {
  const repo = dataSource.getRepository.bind(dataSource);
  return {
    seriesById: new DataLoader(async (ids) => orderByKeys(ids, await repo(EventSeries).findBy({ id: In([...ids]) }), (s) => s.id)),
  };
}

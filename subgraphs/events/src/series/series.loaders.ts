import { byId } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { EventSeries } from './series.entity';

export interface SeriesLoaders {
  seriesById: DataLoader<string, EventSeries | null>;
}

/** The series loaders of a request: one SQL statement per batch. */
export function createSeriesLoaders(dataSource: DataSource): SeriesLoaders {
  return { seriesById: byId(dataSource, EventSeries) };
}

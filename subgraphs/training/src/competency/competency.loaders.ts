import { byId } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Competency } from './competency.entity';

export interface CompetencyLoaders {
  competencyById: DataLoader<string, Competency | null>;
}

/** The competency loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createCompetencyLoaders(dataSource: DataSource): CompetencyLoaders {
  return {
    competencyById: byId(dataSource, Competency),
  };
}

import { byId } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Ecosystem } from './ecosystem.entity';

export interface EcosystemLoaders {
  ecosystemById: DataLoader<string, Ecosystem | null>;
}

/** The ecosystem loaders of a request: one SQL statement per batch. */
export function createEcosystemLoaders(dataSource: DataSource): EcosystemLoaders {
  return { ecosystemById: byId(dataSource, Ecosystem) };
}

import { byId } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { CampusProfile } from './campus-profile.entity';

export interface CampusProfileLoaders {
  profileByOrganizationId: DataLoader<string, CampusProfile | null>;
}

/** One SQL statement per batch: the gateway sends 100 organisations as 100 references. */
export function createCampusProfileLoaders(dataSource: DataSource): CampusProfileLoaders {
  return {
    profileByOrganizationId: byId(dataSource, CampusProfile, 'organizationId'),
  };
}

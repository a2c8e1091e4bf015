import { byId, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { OrganizationSector } from './organization-sector.entity';
import { Organization } from './organization.entity';
import { type Sector } from './organization.enums';

export interface OrganizationLoaders {
  organizationById: DataLoader<string, Organization | null>;
  sectorsByOrganizationId: DataLoader<string, Sector[]>;
}

/** The organisation loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createOrganizationLoaders(dataSource: DataSource): OrganizationLoaders {
  return {
    organizationById: byId(dataSource, Organization),
    sectorsByOrganizationId: manyByKey(dataSource, OrganizationSector, 'organizationId', {
      order: { sector: 'ASC' },
      map: (rows) => rows.map((row) => row.sector),
    }),
  };
}

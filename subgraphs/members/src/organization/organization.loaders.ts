import { byIdProjected, type ColumnsKey, entityProjection, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { OrganizationSector } from './organization-sector.entity';
import { Organization } from './organization.entity';
import { type Sector } from './organization.enums';

/**
 * What each Organization field reads of the entity (shared/src/dataloader/projection.ts): an entity
 * fetch for `name` reads `id` and `name`, not every column. A field not listed reads every column.
 */
export const ORGANIZATION_PROJECTION = entityProjection(
  ['id', 'name', 'acronym', 'kind', 'website', 'rorTypes', 'siren', 'siret', 'nafCode', 'legalForm', 'sizeCategory', 'rorId', 'finess', 'rna'],
  {
    // The address's columns (an embedded), the parent's reference; the rest is loaded by the id.
    address: ['address'],
    parent: ['parentId'],
    sectors: [],
    memberships: [],
    people: [],
    projects: [],
  },
);

export interface OrganizationLoaders {
  /** Whole rows: what every resolver but the entity fetch reads. */
  organizationById: DataLoader<string, Organization | null>;
  /** Rows with the columns of a selection (the entity fetch), see byIdProjected. */
  organizationColumnsById: DataLoader<ColumnsKey, Organization | null, string>;
  sectorsByOrganizationId: DataLoader<string, Sector[]>;
}

/** The organisation loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createOrganizationLoaders(dataSource: DataSource): OrganizationLoaders {
  const { whole, projected } = byIdProjected(dataSource, Organization, ORGANIZATION_PROJECTION);
  return {
    organizationById: whole,
    organizationColumnsById: projected,
    sectorsByOrganizationId: manyByKey(dataSource, OrganizationSector, 'organizationId', {
      order: { sector: 'ASC' },
      map: (rows) => rows.map((row) => row.sector),
    }),
  };
}

import { byId, manyByKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Ecosystem } from './ecosystem/ecosystem.entity';
import { Membership } from './membership/membership.entity';
import { OrganizationSector } from './organization/organization-sector.entity';
import { Organization } from './organization/organization.entity';
import { type Sector } from './organization/organization.enums';
import { createMembershipLoaders, type MembershipLoaders } from './membership/membership.loaders';
import { createPersonLoaders, type PersonLoaders } from './person/person.loaders';
import { createProjectLoaders, type ProjectLoaders } from './project/project.loaders';

export interface MembersLoaders extends PersonLoaders, ProjectLoaders, MembershipLoaders {
  organizationById: DataLoader<string, Organization | null>;
  sectorsByOrganizationId: DataLoader<string, Sector[]>;
  membershipsByOrganizationId: DataLoader<string, Membership[]>;
  ecosystemById: DataLoader<string, Ecosystem | null>;
}

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): MembersLoaders {
  return {
    ...createPersonLoaders(dataSource),
    ...createProjectLoaders(dataSource),
    ...createMembershipLoaders(dataSource),
    organizationById: byId(dataSource, Organization),
    sectorsByOrganizationId: manyByKey(dataSource, OrganizationSector, 'organizationId', {
      order: { sector: 'ASC' },
      map: (rows) => rows.map((row) => row.sector),
    }),
    membershipsByOrganizationId: manyByKey(dataSource, Membership, 'organizationId', { order: { since: 'ASC', id: 'ASC' } }),
    ecosystemById: byId(dataSource, Ecosystem),
  };
}

import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
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
    organizationById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Organization).findBy({ id: In([...ids]) }), (o) => o.id),
    ),
    sectorsByOrganizationId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(OrganizationSector)
          .find({ where: { organizationId: In([...ids]) }, order: { sector: 'ASC' } }),
        (row) => row.organizationId,
      ).map((rows) => rows.map((row) => row.sector)),
    ),
    membershipsByOrganizationId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(Membership)
          .find({ where: { organizationId: In([...ids]) }, order: { since: 'ASC', id: 'ASC' } }),
        (row) => row.organizationId,
      ),
    ),
    ecosystemById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Ecosystem).findBy({ id: In([...ids]) }), (e) => e.id),
    ),
  };
}

import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { createEcosystemLoaders, type EcosystemLoaders } from './ecosystem/ecosystem.loaders';
import { createMembershipLoaders, type MembershipLoaders } from './membership/membership.loaders';
import { createOrganizationLoaders, type OrganizationLoaders } from './organization/organization.loaders';
import { createPersonLoaders, type PersonLoaders } from './person/person.loaders';
import { createProjectLoaders, type ProjectLoaders } from './project/project.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type MembersLoaders = OrganizationLoaders & PersonLoaders & ProjectLoaders & MembershipLoaders & EcosystemLoaders;

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): MembersLoaders {
  return {
    ...createPersonLoaders(dataSource),
    ...createProjectLoaders(dataSource),
    ...createMembershipLoaders(dataSource),
    ...createOrganizationLoaders(dataSource),
    ...createEcosystemLoaders(dataSource),
  };
}

export interface MembersContext extends BaseContext {
  loaders: MembersLoaders;
  dataSource: DataSource;
}

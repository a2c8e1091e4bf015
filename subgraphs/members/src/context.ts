import { type BaseContext, lazyLoaders } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { createEcosystemLoaders, type EcosystemLoaders } from './ecosystem/ecosystem.loaders';
import { createMembershipLoaders, type MembershipLoaders } from './membership/membership.loaders';
import { createOrganizationLoaders, type OrganizationLoaders } from './organization/organization.loaders';
import { createPersonLoaders, type PersonLoaders } from './person/person.loaders';
import { createProjectLoaders, type ProjectLoaders } from './project/project.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type MembersLoaders = OrganizationLoaders & PersonLoaders & ProjectLoaders & MembershipLoaders & EcosystemLoaders;

/** A fresh set per request (DataLoader caches live as long as the request); each concept's loaders are made on the first use of one of them. */
export const createLoaders: (dataSource: DataSource) => MembersLoaders = lazyLoaders(
  createPersonLoaders,
  createProjectLoaders,
  createMembershipLoaders,
  createOrganizationLoaders,
  createEcosystemLoaders,
);

export interface MembersContext extends BaseContext {
  loaders: MembersLoaders;
  dataSource: DataSource;
}

import { Ecosystem } from './ecosystem/ecosystem.entity';
import { Membership } from './membership/membership.entity';
import { OrganizationSector } from './organization/organization-sector.entity';
import { Organization } from './organization/organization.entity';

export const membersEntities = [Organization, OrganizationSector, Ecosystem, Membership];

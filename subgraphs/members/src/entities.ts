import { Ecosystem } from './ecosystem/ecosystem.entity';
import { Membership } from './membership/membership.entity';
import { OrganizationSearchTerm } from './organization/organization-search-term.entity';
import { OrganizationSector } from './organization/organization-sector.entity';
import { Organization } from './organization/organization.entity';
import { Affiliation } from './person/affiliation.entity';
import { Person } from './person/person.entity';
import { ProjectParticipation } from './project/participation.entity';
import { ProjectFunding, ProjectLabel } from './project/project-side.entity';
import { Project } from './project/project.entity';

export const membersEntities = [Organization, OrganizationSector, OrganizationSearchTerm, Ecosystem, Membership, Person, Affiliation, Project, ProjectFunding, ProjectLabel, ProjectParticipation];

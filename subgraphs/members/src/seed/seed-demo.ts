import { DEMO_ECOSYSTEMS, demoId, demoOrganizations, SeedWriter, type Logger } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { Ecosystem, type EcosystemKind } from '../ecosystem/ecosystem.entity';
import { Membership, type MembershipRole } from '../membership/membership.entity';
import { organizationSearchTerms, OrganizationSearchTerm } from '../organization/organization-search-term.entity';
import { OrganizationSector } from '../organization/organization-sector.entity';
import { Organization } from '../organization/organization.entity';
import { type OrgKind, type Sector } from '../organization/organization.enums';
import { ECOSYSTEM_PROFILES, membershipFilieres, organizationDetails } from './directory-details';
import { seedPeople } from './seed-people';
import { seedProjects } from './seed-projects';

/** Seeds the demo directory (shared/src/demo) when the database has no organisation yet. */
export async function seedMembersDemo(dataSource: DataSource, logger: Logger): Promise<boolean> {
  if ((await dataSource.getRepository(Organization).count()) > 0) return false;
  const orgs = demoOrganizations();
  const ecosystemId = new Map(DEMO_ECOSYSTEMS.map((e) => [e.code, e.id]));
  const details = organizationDetails(orgs);
  const manager = dataSource.manager;
  const seed = new SeedWriter();
  seed.add(
    Organization,
    orgs.map((o) => {
      const row = manager.create(Organization, {
        id: o.id,
        name: o.name,
        acronym: o.acronym,
        kind: o.kind as OrgKind,
        website: o.website,
        parentId: null,
        ...details.get(o.id),
      });
      row.fold();
      return row;
    }),
  );
  seed.add(OrganizationSearchTerm, orgs.flatMap((o) => organizationSearchTerms(o)));
  seed.add(
    OrganizationSector,
    orgs.flatMap((o) => o.sectors.map((sector) => ({ organizationId: o.id, sector: sector as Sector }))),
  );
  seed.add(
    Ecosystem,
    DEMO_ECOSYSTEMS.map((e) => ({
      id: e.id,
      code: e.code,
      name: e.name,
      kind: e.kind as EcosystemKind,
      operatorId: demoId('organization', e.operatorKey),
      axes: ECOSYSTEM_PROFILES[e.code]?.axes ?? [],
      keyFigures: ECOSYSTEM_PROFILES[e.code]?.keyFigures ?? [],
    })),
  );
  seed.add(
    Membership,
    orgs.flatMap((o) =>
      o.memberships.map((m) => ({
        id: demoId('membership', `${o.key}:${m.ecosystem}`),
        organizationId: o.id,
        ecosystemId: ecosystemId.get(m.ecosystem) as string,
        currentEcosystemId: ecosystemId.get(m.ecosystem) as string,
        role: m.role as MembershipRole,
        filieres: membershipFilieres(m.ecosystem, o.sectors),
        since: m.since,
        until: null,
      })),
    ),
  );
  const people = seedPeople(seed, manager);
  const projects = seedProjects(seed, manager);
  await seed.write(dataSource, logger);
  logger.info({ organizations: orgs.length, people, projects }, 'members demo data');
  return true;
}

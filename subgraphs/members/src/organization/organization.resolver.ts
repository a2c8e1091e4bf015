import { Arg, Args, Ctx, FieldResolver, ID, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { ConnectionType } from '@ecosystem/shared';
import { type MembersContext } from '../context';
import { Membership } from '../membership/membership.entity';
import { PersonConnection } from '../person/person.resolver';
import { ProjectParticipation } from '../project/participation.entity';
import { ProjectRole } from '../project/project.enums';
import { Organization } from './organization.entity';
import { Sector } from './organization.enums';
import { OrganizationsArgs } from './organization.inputs';
import { OrganizationService } from './organization.service';

@ObjectType({ description: 'A page of organisations.' })
export class OrganizationConnection extends ConnectionType(Organization, 'Organization') {}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'One organisation by id.' })
  async organization(
    @Arg('id', () => ID, { description: 'Organisation id.' }) id: string,
    @Ctx() context: MembersContext,
  ): Promise<Organization | null> {
    return context.loaders.organizationById.load(id);
  }

  @Query(() => OrganizationConnection, { description: 'The organisation directory, filtered and paginated.' })
  async organizations(@Args() args: OrganizationsArgs, @Ctx() context: MembersContext): Promise<OrganizationConnection> {
    return new OrganizationService(context.dataSource).list(args);
  }

  @FieldResolver(() => [Sector], { description: 'Sectors the organisation is active in.' })
  async sectors(@Root() organization: Organization, @Ctx() context: MembersContext): Promise<Sector[]> {
    return context.loaders.sectorsByOrganizationId.load(organization.id);
  }

  @FieldResolver(() => [Membership], { description: 'Memberships in ecosystems, current and past.' })
  async memberships(@Root() organization: Organization, @Ctx() context: MembersContext): Promise<Membership[]> {
    return context.loaders.membershipsByOrganizationId.load(organization.id);
  }

  @FieldResolver(() => PersonConnection, { description: 'People currently affiliated to the organisation, by name.' })
  async people(
    @Root() organization: Organization,
    @Ctx() context: MembersContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 200).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after?: string | null,
  ): Promise<PersonConnection> {
    const page = await context.loaders.peopleByOrganization.load({
      id: organization.id,
      args: { first: first ?? null, after: after ?? null },
    });
    return page as unknown as PersonConnection;
  }

  @FieldResolver(() => [ProjectParticipation], { description: 'Projects the organisation takes part in, optionally with one role.' })
  async projects(
    @Root() organization: Organization,
    @Ctx() context: MembersContext,
    @Arg('role', () => ProjectRole, { nullable: true, description: 'Only this role.' }) role?: ProjectRole | null,
  ): Promise<ProjectParticipation[]> {
    const participations = await context.loaders.participationsByOrganizationId.load(organization.id);
    return role ? participations.filter((p) => p.role === role) : participations;
  }
}

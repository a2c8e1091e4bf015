import { Address, ConnectionType, toAddress, PUBLIC_CONTRACT, NOT_IN_PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Arg, Args, Ctx, Field, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type MembersContext } from '../context';
import { Membership } from '../membership/membership.entity';
import { PersonConnection } from '../person/person.resolver';
import { ProjectParticipation } from '../project/participation.entity';
import { ProjectRole } from '../project/project.enums';
import { Organization } from './organization.entity';
import { Sector } from './organization.enums';
import { AddMembershipArgs, EndMembershipArgs, OrganizationsArgs, UpsertOrganizationArgs } from './organization.inputs';
import { OrganizationService } from './organization.service';
import { OrganizationFacets } from './organization.facets';

@ObjectType({ description: 'A page of organisations, with facets of the whole filtered list.' })
export class OrganizationConnection extends ConnectionType(Organization, 'Organization') {
  @Field(() => OrganizationFacets, { description: 'Counts per kind, sector, ecosystem, membership role and size (disjunctive: each without its own selection).' })
  facets!: OrganizationFacets;
}

@Resolver(() => Organization)
export class OrganizationResolver {
  @Directive(PUBLIC_CONTRACT)
  @Query(() => Organization, { nullable: true, description: 'One organisation by id.' })
  async organization(
    @Arg('id', () => ID, { description: 'Organisation id.' }) id: string,
    @Ctx() context: MembersContext,
  ): Promise<Organization | null> {
    return context.loaders.organizationById.load(id);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => Organization, { nullable: true, description: 'One organisation by SIREN (spaces allowed; BAD_USER_INPUT when not a valid SIREN).' })
  async organizationBySiren(
    @Arg('siren', { description: 'SIREN, 9 digits.' }) siren: string,
    @Ctx() context: MembersContext,
  ): Promise<Organization | null> {
    return new OrganizationService(context.dataSource).bySiren(siren);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => Organization, { nullable: true, description: 'One organisation by ROR id, bare or as https://ror.org/ URL.' })
  async organizationByRor(
    @Arg('rorId', { description: 'ROR id.' }) rorId: string,
    @Ctx() context: MembersContext,
  ): Promise<Organization | null> {
    return new OrganizationService(context.dataSource).byRor(rorId);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => OrganizationConnection, { nullable: true, description: 'The organisation directory, filtered, sorted and paginated, with facets.' })
  async organizations(@Args() args: OrganizationsArgs, @Ctx() context: MembersContext): Promise<OrganizationConnection> {
    const page = await new OrganizationService(context.dataSource).list(args, context.loaders.organizationById);
    // The directory index the page was filtered on holds its organisations' sectors, in the
    // loader's order: `sectors` on the page needs no statement of its own. They are as fresh as
    // the page's filter, total and facets (this process's writes at once, another replica's
    // after AGGREGATE_CACHE_TTL_SECONDS); copies, so that nothing downstream can alter the index.
    const sectors = context.loaders.sectorsByOrganizationId;
    for (const [id, list] of page.sectors) sectors.prime(id, [...list] as Sector[]);
    return page as unknown as OrganizationConnection;
  }

  @FieldResolver(() => [Sector], { description: 'Sectors the organisation is active in.' })
  async sectors(@Root() organization: Organization, @Ctx() context: MembersContext): Promise<Sector[]> {
    return context.loaders.sectorsByOrganizationId.load(organization.id);
  }

  @FieldResolver(() => [Membership], { description: 'Memberships in ecosystems, current and past.' })
  async memberships(@Root() organization: Organization, @Ctx() context: MembersContext): Promise<Membership[]> {
    return context.loaders.membershipsByOrganizationId.load(organization.id);
  }

  @FieldResolver(() => Address, { nullable: true, description: 'Postal address.' })
  address(@Root() organization: Organization): Address | null {
    const { address } = organization;
    return address.country || address.city ? toAddress(address) : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Parent organisation (group, university...).' })
  async parent(@Root() organization: Organization, @Ctx() context: MembersContext): Promise<Organization | null> {
    return organization.parentId ? context.loaders.organizationById.load(organization.parentId) : null;
  }

  @Directive(NOT_IN_PUBLIC_CONTRACT)
  @FieldResolver(() => PersonConnection, { description: 'People currently affiliated to the organisation, by name.' })
  async people(
    @Root() organization: Organization,
    @Ctx() context: MembersContext,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, at most 200).' }) first?: number | null,
    @Arg('after', () => String, { nullable: true, description: 'Cursor after which the page starts.' }) after?: string | null,
  ): Promise<PersonConnection> {
    const page = await context.loaders.peopleByOrganization.load({
      id: organization.id,
      window: { first: first ?? null, after: after ?? null },
    });
    return page as unknown as PersonConnection;
  }

  @Directive(NOT_IN_PUBLIC_CONTRACT)
  @FieldResolver(() => [ProjectParticipation], { description: 'Projects the organisation takes part in, optionally with one role.' })
  async projects(
    @Root() organization: Organization,
    @Ctx() context: MembersContext,
    @Arg('role', () => ProjectRole, { nullable: true, description: 'Only this role.' }) role?: ProjectRole | null,
  ): Promise<ProjectParticipation[]> {
    const participations = await context.loaders.participationsByOrganizationId.load(organization.id);
    return role ? participations.filter((p) => p.role === role) : participations;
  }

  @Mutation(() => Organization, {
    description: 'Creates an organisation (admins) or updates one (admins or its managers); identifiers are checked and must be unique.',
  })
  async upsertOrganization(@Args() { input }: UpsertOrganizationArgs, @Ctx() context: MembersContext): Promise<Organization> {
    return new OrganizationService(context.dataSource).upsert(input, context.viewer);
  }

  @Mutation(() => Membership, { description: 'Adds an organisation to an ecosystem (admins or the organisation\u2019s managers).' })
  async addMembership(@Args() { input }: AddMembershipArgs, @Ctx() context: MembersContext): Promise<Membership> {
    return new OrganizationService(context.dataSource).addMembership(input, context.viewer);
  }

  @Mutation(() => Membership, { description: 'Ends the current membership of an organisation in an ecosystem (admins or its managers).' })
  async endMembership(@Args() { input }: EndMembershipArgs, @Ctx() context: MembersContext): Promise<Membership> {
    return new OrganizationService(context.dataSource).endMembership(input, context.viewer);
  }
}

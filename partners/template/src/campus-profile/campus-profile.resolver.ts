import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { type PartnerContext } from '../context';
import { Organization } from '../stubs/organization.stub';
import { CampusProfile } from './campus-profile.entity';

/** Fields the campus adds to the core Organization, and the campus's own root field. */
@Resolver(() => Organization)
export class CampusProfileResolver {
  @FieldResolver(() => CampusProfile, { nullable: true, description: "The partner campus's data about this organisation (null when it has none)." })
  async campusProfile(@Root() organization: Organization, @Ctx() context: PartnerContext): Promise<CampusProfile | null> {
    return context.loaders.profileByOrganizationId.load(organization.id);
  }

  @Query(() => [Organization], { nullable: true, description: 'Organisations resident on the partner campus (their core fields come from the members subgraph).' })
  async campusResidents(
    @Ctx() context: PartnerContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most this many (1-200).' }) first: number,
  ): Promise<Organization[]> {
    const rows = await context.dataSource.getRepository(CampusProfile).find({
      where: { resident: true },
      order: { organizationId: 'ASC' },
      take: Math.min(Math.max(first, 1), 200),
    });
    return rows.map((row) => Organization.ref(row.organizationId));
  }
}

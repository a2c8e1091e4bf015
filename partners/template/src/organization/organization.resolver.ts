import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { CampusProfile } from '../campus-profile/campus-profile.entity';
import { CampusProfileService } from '../campus-profile/campus-profile.service';
import { type PartnerContext } from '../context';
import { Organization } from './organization.stub';

/** Fields the campus adds to the core Organization, and the campus's list of organisations. */
@Resolver(() => Organization)
export class OrganizationCampusResolver {
  @FieldResolver(() => CampusProfile, { nullable: true, description: "The partner campus's data about this organisation (null when it has none)." })
  async campusProfile(@Root() organization: Organization, @Ctx() context: PartnerContext): Promise<CampusProfile | null> {
    return context.loaders.profileByOrganizationId.load(organization.id);
  }

  @Query(() => [Organization], { nullable: true, description: 'Organisations resident on the partner campus (their core fields come from the members subgraph).' })
  async campusResidents(
    @Ctx() context: PartnerContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'At most this many (1-200).' }) first: number,
  ): Promise<Organization[]> {
    const ids = await new CampusProfileService(context.dataSource).residentOrganizationIds(first);
    return ids.map((id) => Organization.ref(id));
  }
}

import { NotFoundError } from '@ecosystem/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type MembersContext } from '../context';
import { Ecosystem } from '../ecosystem/ecosystem.entity';
import { Organization } from '../organization/organization.entity';
import { Membership } from './membership.entity';

@Resolver(() => Membership)
export class MembershipResolver {
  @FieldResolver(() => Organization, { description: 'The member organisation.' })
  async organization(@Root() membership: Membership, @Ctx() context: MembersContext): Promise<Organization> {
    const organization = await context.loaders.organizationById.load(membership.organizationId);
    if (!organization) throw new NotFoundError('Organization', membership.organizationId);
    return organization;
  }

  @FieldResolver(() => Ecosystem, { description: 'The ecosystem.' })
  async ecosystem(@Root() membership: Membership, @Ctx() context: MembersContext): Promise<Ecosystem> {
    const ecosystem = await context.loaders.ecosystemById.load(membership.ecosystemId);
    if (!ecosystem) throw new NotFoundError('Ecosystem', membership.ecosystemId);
    return ecosystem;
  }
}

import { NotFoundError } from '@ecosystem/shared';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { type MembersContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Ecosystem } from './ecosystem.entity';

@Resolver(() => Ecosystem)
export class EcosystemResolver {
  @Query(() => Ecosystem, { nullable: true, description: 'One ecosystem by its code (MEDICEN, PSC, ADS).' })
  async ecosystem(
    @Arg('code', { description: 'Ecosystem code.' }) code: string,
    @Ctx() context: MembersContext,
  ): Promise<Ecosystem | null> {
    return context.dataSource.getRepository(Ecosystem).findOneBy({ code });
  }

  @Query(() => [Ecosystem], { description: 'Every ecosystem of the graph.' })
  async ecosystems(@Ctx() context: MembersContext): Promise<Ecosystem[]> {
    return context.dataSource.getRepository(Ecosystem).find({ order: { code: 'ASC' } });
  }

  @FieldResolver(() => Organization, { description: 'The organisation that operates the ecosystem.' })
  async operator(@Root() ecosystem: Ecosystem, @Ctx() context: MembersContext): Promise<Organization> {
    const operator = await context.loaders.organizationById.load(ecosystem.operatorId);
    if (!operator) throw new NotFoundError('Organization', ecosystem.operatorId);
    return operator;
  }
}

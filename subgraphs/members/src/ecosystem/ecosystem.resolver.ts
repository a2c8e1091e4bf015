import { ConnectionType, Language, languageOf, NotFoundError, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Arg, Directive, Args, Ctx, FieldResolver, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Membership } from '../membership/membership.entity';
import { MembersArgs } from '../membership/membership.inputs';
import { memberFilterValue } from '../membership/membership.loaders';
import { type MembersContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Ecosystem, KeyFigure } from './ecosystem.entity';
import { EcosystemService } from './ecosystem.service';

@ObjectType({ description: 'A page of memberships.' })
export class MembershipConnection extends ConnectionType(Membership, 'Membership') {}

@Resolver(() => Ecosystem)
export class EcosystemResolver {
  @Directive(PUBLIC_CONTRACT)
  @Query(() => Ecosystem, { nullable: true, description: 'One ecosystem by its code (MEDICEN, PSC, ADS).' })
  async ecosystem(
    @Arg('code', { description: 'Ecosystem code.' }) code: string,
    @Ctx() context: MembersContext,
  ): Promise<Ecosystem | null> {
    return new EcosystemService(context.dataSource).byCode(code);
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => [Ecosystem], { nullable: true, description: 'Every ecosystem of the graph.' })
  async ecosystems(@Ctx() context: MembersContext): Promise<Ecosystem[]> {
    return new EcosystemService(context.dataSource).list();
  }

  @FieldResolver(() => Organization, { description: 'The organisation that operates the ecosystem.' })
  async operator(@Root() ecosystem: Ecosystem, @Ctx() context: MembersContext): Promise<Organization> {
    const operator = await context.loaders.organizationById.load(ecosystem.operatorId);
    if (!operator) throw new NotFoundError('Organization', ecosystem.operatorId);
    return operator;
  }

  @FieldResolver(() => MembershipConnection, { description: 'Member organisations, by organisation name, filtered and paginated.' })
  async members(@Root() ecosystem: Ecosystem, @Args() args: MembersArgs, @Ctx() context: MembersContext): Promise<MembershipConnection> {
    const page = await context.loaders.membersByEcosystem.load({
      id: ecosystem.id,
      window: { filter: memberFilterValue(args.filter), first: args.first ?? null, after: args.after ?? null },
    });
    return page as unknown as MembershipConnection;
  }
}

@Resolver(() => KeyFigure)
export class KeyFigureResolver {
  @FieldResolver(() => String, { description: 'What is counted, e.g. "Adhérents" / "Members": in `lang`, else the Accept-Language of the request, else French.' })
  label(
    @Root() figure: KeyFigure,
    @Arg('lang', () => Language, { nullable: true, description: 'Language of the label.' }) lang: Language | null,
    @Ctx() context: MembersContext,
  ): string {
    if (!figure.labels) return figure.label;
    return languageOf(lang, context) === Language.EN ? figure.labels.en : figure.labels.fr;
  }
}

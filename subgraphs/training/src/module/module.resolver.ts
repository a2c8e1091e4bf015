import { ConnectionType, NotFoundError } from '@ecosystem/shared';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../catalogue/domain.entity';
import { PublicationStatus } from '../catalogue/catalogue.enums';
import { type TrainingContext } from '../context';
import { Organization, organizationStub } from '../organization/organization.stub';
import { Module } from './module.entity';
import { ModulesArgs } from './module.inputs';
import { ModuleService, seesUnpublished } from './module.service';

@ObjectType({ description: 'A page of modules.' })
export class ModuleConnection extends ConnectionType(Module, 'Module') {}

@Resolver(() => Module)
export class ModuleResolver {
  @Query(() => Module, { nullable: true, description: 'One module by id; unpublished ones only for training managers.' })
  async module(
    @Arg('id', () => ID, { description: 'Module id.' }) id: string,
    @Ctx() context: TrainingContext,
  ): Promise<Module | null> {
    const module = await context.loaders.moduleById.load(id);
    if (module && module.status !== PublicationStatus.PUBLISHED && !seesUnpublished(context.viewer)) return null;
    return module;
  }

  @Query(() => ModuleConnection, { description: 'The published catalogue, filtered and paginated by code.' })
  async modules(@Args() args: ModulesArgs, @Ctx() context: TrainingContext): Promise<ModuleConnection> {
    return new ModuleService(context.dataSource).list(args);
  }

  @FieldResolver(() => Domain, { description: 'The thematic domain of the module.' })
  async domain(@Root() module: Module, @Ctx() context: TrainingContext): Promise<Domain> {
    const domain = await context.loaders.domainById.load(module.domainId);
    if (!domain) throw new NotFoundError('Domain', module.domainId);
    return domain;
  }

  @FieldResolver(() => [Organization], { description: 'Training partners that deliver the module.' })
  async providers(@Root() module: Module, @Ctx() context: TrainingContext): Promise<Organization[]> {
    return (await context.loaders.providerIdsByModuleId.load(module.id)).map(organizationStub);
  }
}

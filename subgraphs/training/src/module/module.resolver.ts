import { ConnectionType, NotFoundError, Role, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { PublicationStatus } from '../catalogue/catalogue.enums';
import { Domain } from '../catalogue/domain.entity';
import { Competency } from '../competency/competency.entity';
import { type TrainingContext } from '../context';
import { Organization, organizationStub } from '../organization/organization.stub';
import { CourseSession } from '../session/session.entity';
import { ModuleFacets } from './module.facets';
import { Module } from './module.entity';
import { CreateModuleArgs, ModulesArgs } from './module.inputs';
import { ModuleService, type ModulePage, seesUnpublished } from './module.service';

@ObjectType({ description: 'A page of modules, with facets for a filter sidebar.' })
export class ModuleConnection extends ConnectionType(Module, 'Module') {}

@Resolver(() => Module)
export class ModuleResolver {
  @Directive(PUBLIC_CONTRACT)
  @Query(() => Module, { nullable: true, description: 'One module by id; unpublished ones only for training managers.' })
  async module(
    @Arg('id', () => ID, { description: 'Module id.' }) id: string,
    @Ctx() context: TrainingContext,
  ): Promise<Module | null> {
    const module = await context.loaders.moduleById.load(id);
    if (module && module.status !== PublicationStatus.PUBLISHED && !seesUnpublished(context.viewer)) return null;
    return module;
  }

  @Directive(PUBLIC_CONTRACT)
  @Query(() => ModuleConnection, { nullable: true, description: 'The published catalogue, filtered and paginated by code, with facets.' })
  async modules(@Args() args: ModulesArgs, @Ctx() context: TrainingContext): Promise<ModulePage> {
    return new ModuleService(context.dataSource).list(args);
  }

  @FieldResolver(() => Domain, { description: 'The thematic domain of the module.' })
  async domain(@Root() module: Module, @Ctx() context: TrainingContext): Promise<Domain> {
    const domain = await context.loaders.domainById.load(module.domainId);
    if (!domain) throw new NotFoundError('Domain', module.domainId);
    return domain;
  }

  @FieldResolver(() => [Organization], { nullable: true, description: 'Training partners that deliver the module.' })
  async providers(@Root() module: Module, @Ctx() context: TrainingContext): Promise<Organization[]> {
    return (await context.loaders.providerIdsByModuleId.load(module.id)).map(organizationStub);
  }

  @FieldResolver(() => [Competency], { description: 'Competencies the module teaches, at its level.' })
  async teaches(@Root() module: Module, @Ctx() context: TrainingContext): Promise<Competency[]> {
    return context.loaders.competenciesByModuleId.load(module.id);
  }

  @FieldResolver(() => [Module], { description: 'Modules to complete before this one (direct prerequisites).' })
  async prerequisites(@Root() module: Module, @Ctx() context: TrainingContext): Promise<Module[]> {
    return context.loaders.prerequisitesByModuleId.load(module.id);
  }

  @FieldResolver(() => [CourseSession], { description: 'Sessions of the module, by start.' })
  async sessions(
    @Root() module: Module,
    @Arg('from', () => Date, { nullable: true, description: 'Only sessions starting at or after this instant.' })
    from: Date | null,
    @Ctx() context: TrainingContext,
  ): Promise<CourseSession[]> {
    return context.loaders.sessionsByModule.load({ moduleId: module.id, from: from ?? null });
  }

  @Authorized(Role.TRAINING_MANAGER)
  @Mutation(() => Module, { description: 'Adds a module to the catalogue as a DRAFT (training managers of every provider named, or of the academy).' })
  async createModule(
    @Args() { input }: CreateModuleArgs,
    @Ctx() context: TrainingContext,
  ): Promise<Module> {
    return new ModuleService(context.dataSource).create(context.viewer, input);
  }

  @Authorized(Role.TRAINING_MANAGER)
  @Mutation(() => Module, { description: 'Publishes a DRAFT module once its prerequisites are published (training managers of a provider of the module, or of the academy).' })
  async publishModule(
    @Arg('id', () => ID, { description: 'Module id.' }) id: string,
    @Ctx() context: TrainingContext,
  ): Promise<Module> {
    return new ModuleService(context.dataSource).publish(context.viewer, id);
  }

  @Authorized(Role.TRAINING_MANAGER)
  @Mutation(() => Module, {
    description:
      'Replaces the prerequisites of a module (training managers of a provider of the module, or of the academy). A change that would create a cycle is refused with BAD_USER_INPUT and extensions.reason PREREQUISITE_CYCLE.',
  })
  async setModulePrerequisites(
    @Arg('moduleId', () => ID, { description: 'The module.' }) moduleId: string,
    @Arg('prerequisiteIds', () => [ID], { description: 'Its new direct prerequisites (replaces the old ones).' })
    prerequisiteIds: string[],
    @Ctx() context: TrainingContext,
  ): Promise<Module> {
    return new ModuleService(context.dataSource).setPrerequisites(context.viewer, moduleId, prerequisiteIds);
  }
}

@Resolver(() => ModuleConnection)
export class ModuleConnectionResolver {
  @FieldResolver(() => ModuleFacets, { description: 'Counts per level, format, domain and provider (disjunctive: each without its own selection).' })
  async facets(@Root() page: ModulePage, @Ctx() context: TrainingContext): Promise<ModuleFacets> {
    return new ModuleService(context.dataSource).facets(page.filter);
  }
}

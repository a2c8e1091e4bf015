import { type Connection, ConnectionType, NotFoundError, Role } from '@ecosystem/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Competency } from '../competency/competency.entity';
import { type TrainingContext } from '../context';
import { LearningPath } from '../path/path.entity';
import { CompetencyRequirement } from './competency-requirement.entity';
import { Persona } from './persona.entity';
import { PersonaeArgs, SetRequirementArgs, UpsertPersonaArgs } from './persona.inputs';
import { PersonaService } from './persona.service';

@ObjectType({ description: 'A page of personae.' })
export class PersonaConnection extends ConnectionType(Persona, 'Persona') {}

@Resolver(() => Persona)
export class PersonaResolver {
  @Query(() => Persona, { nullable: true, description: 'One persona by id.' })
  async persona(
    @Arg('id', () => ID, { description: 'Persona id.' }) id: string,
    @Ctx() context: TrainingContext,
  ): Promise<Persona | null> {
    return context.loaders.personaById.load(id);
  }

  @Query(() => PersonaConnection, { nullable: true, description: 'The personae (job profiles), filtered and paginated by code.' })
  async personae(@Args() args: PersonaeArgs, @Ctx() context: TrainingContext): Promise<Connection<Persona>> {
    return new PersonaService(context.dataSource).list(args);
  }

  @FieldResolver(() => [CompetencyRequirement], { description: 'What the persona needs: its row of the competency matrix.' })
  async requirements(@Root() persona: Persona, @Ctx() context: TrainingContext): Promise<CompetencyRequirement[]> {
    return context.loaders.requirementsByPersonaId.load(persona.id);
  }

  @FieldResolver(() => [LearningPath], { description: 'Learning paths designed for the persona.' })
  async paths(@Root() persona: Persona, @Ctx() context: TrainingContext): Promise<LearningPath[]> {
    return context.loaders.pathsByPersonaId.load(persona.id);
  }

  @Authorized(Role.TRAINING_MANAGER)
  @Mutation(() => Persona, { description: 'Creates or updates a persona of the shared catalogue (training managers of the academy, admins).' })
  async upsertPersona(
    @Args() { input }: UpsertPersonaArgs,
    @Ctx() context: TrainingContext,
  ): Promise<Persona> {
    return new PersonaService(context.dataSource).upsert(context.viewer, input);
  }

  @Authorized(Role.TRAINING_MANAGER)
  @Mutation(() => CompetencyRequirement, { description: 'Sets a cell of the shared competency matrix (training managers of the academy, admins).' })
  async setRequirement(
    @Args() { input }: SetRequirementArgs,
    @Ctx() context: TrainingContext,
  ): Promise<CompetencyRequirement> {
    return new PersonaService(context.dataSource).setRequirement(context.viewer, input);
  }
}

@Resolver(() => CompetencyRequirement)
export class CompetencyRequirementResolver {
  @FieldResolver(() => Persona, { description: 'The persona.' })
  async persona(@Root() requirement: CompetencyRequirement, @Ctx() context: TrainingContext): Promise<Persona> {
    const persona = await context.loaders.personaById.load(requirement.personaId);
    if (!persona) throw new NotFoundError('Persona', requirement.personaId);
    return persona;
  }

  @FieldResolver(() => Competency, { description: 'The competency.' })
  async competency(@Root() requirement: CompetencyRequirement, @Ctx() context: TrainingContext): Promise<Competency> {
    const competency = await context.loaders.competencyById.load(requirement.competencyId);
    if (!competency) throw new NotFoundError('Competency', requirement.competencyId);
    return competency;
  }
}

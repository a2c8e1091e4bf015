import { type Connection, ConnectionType } from '@ecosystem/shared';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { Domain } from '../catalogue/domain.entity';
import { type TrainingContext } from '../context';
import { Module } from '../module/module.entity';
import { Competency } from './competency.entity';
import { CompetenciesArgs } from './competency.inputs';
import { CompetencyService } from './competency.service';

@ObjectType({ description: 'A page of competencies.' })
export class CompetencyConnection extends ConnectionType(Competency, 'Competency') {}

@Resolver(() => Competency)
export class CompetencyResolver {
  @Query(() => Competency, { nullable: true, description: 'One competency by id.' })
  async competency(
    @Arg('id', () => ID, { description: 'Competency id.' }) id: string,
    @Ctx() context: TrainingContext,
  ): Promise<Competency | null> {
    return context.loaders.competencyById.load(id);
  }

  @Query(() => CompetencyConnection, { nullable: true, description: 'The competency framework, filtered and paginated by code.' })
  async competencies(@Args() args: CompetenciesArgs, @Ctx() context: TrainingContext): Promise<Connection<Competency>> {
    return new CompetencyService(context.dataSource).search(args);
  }

  @FieldResolver(() => Competency, { nullable: true, description: 'The broader competency (SKOS broader).' })
  async broader(@Root() competency: Competency, @Ctx() context: TrainingContext): Promise<Competency | null> {
    return competency.broaderId ? context.loaders.competencyById.load(competency.broaderId) : null;
  }

  @FieldResolver(() => Domain, { nullable: true, description: 'The thematic domain of the competency.' })
  async domain(@Root() competency: Competency, @Ctx() context: TrainingContext): Promise<Domain | null> {
    return competency.domainId ? context.loaders.domainById.load(competency.domainId) : null;
  }

  @FieldResolver(() => [Module], { description: 'Published modules that teach the competency.' })
  async taughtBy(@Root() competency: Competency, @Ctx() context: TrainingContext): Promise<Module[]> {
    return context.loaders.modulesByCompetencyId.load(competency.id);
  }
}

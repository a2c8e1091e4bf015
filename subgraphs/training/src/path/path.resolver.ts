import { NotFoundError } from '@ecosystem/shared';
import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { type TrainingContext } from '../context';
import { Module } from '../module/module.entity';
import { prerequisiteOrder } from '../module/prerequisite-graph';
import { Persona } from '../persona/persona.entity';
import { LearningPath } from './path.entity';
import { PathStep } from './path-step.entity';

@Resolver(() => LearningPath)
export class LearningPathResolver {
  @Query(() => LearningPath, { nullable: true, description: 'The (first) learning path of a persona.' })
  async learningPath(
    @Arg('personaId', () => ID, { description: 'Persona id.' }) personaId: string,
    @Ctx() context: TrainingContext,
  ): Promise<LearningPath | null> {
    return (await context.loaders.pathsByPersonaId.load(personaId))[0] ?? null;
  }

  @FieldResolver(() => Persona, { description: 'The persona the path is designed for.' })
  async persona(@Root() path: LearningPath, @Ctx() context: TrainingContext): Promise<Persona> {
    const persona = await context.loaders.personaById.load(path.personaId);
    if (!persona) throw new NotFoundError('Persona', path.personaId);
    return persona;
  }

  /**
   * Steps in stored order, re-sorted against the current prerequisite graph (a prerequisite added
   * after the path was designed still comes first); `order` is renumbered accordingly.
   */
  @FieldResolver(() => [PathStep], { description: 'Ordered steps; every prerequisite in the path comes before its dependants.' })
  async steps(@Root() path: LearningPath, @Ctx() context: TrainingContext): Promise<PathStep[]> {
    const [steps, catalogue] = await Promise.all([
      context.loaders.stepsByPathId.load(path.id),
      context.loaders.catalogueGraph.load('all'),
    ]);
    const stored = new Map(steps.map((s) => [s.moduleId, s]));
    const order = prerequisiteOrder(catalogue.graph, stored.keys(), (a, b) => (stored.get(a)?.order ?? 0) - (stored.get(b)?.order ?? 0));
    return order.map((moduleId, index) => Object.assign(new PathStep(), stored.get(moduleId), { order: index + 1 }));
  }

  @FieldResolver(() => Int, { description: 'Sum of the durations of the steps’ modules, in minutes (derived, not stored).' })
  async totalMinutes(@Root() path: LearningPath, @Ctx() context: TrainingContext): Promise<number> {
    return context.loaders.totalMinutesByPathId.load(path.id);
  }
}

@Resolver(() => PathStep)
export class PathStepResolver {
  @FieldResolver(() => Module, { description: 'The module of the step.' })
  async module(@Root() step: PathStep, @Ctx() context: TrainingContext): Promise<Module> {
    const module = await context.loaders.moduleById.load(step.moduleId);
    if (!module) throw new NotFoundError('Module', step.moduleId);
    return module;
  }
}

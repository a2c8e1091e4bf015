import { byId, manyByKey } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { PublicationStatus } from '../catalogue/catalogue.enums';
import { ModuleCompetency } from '../module/module-competency.entity';
import { ModulePrerequisite } from '../module/module-prerequisite.entity';
import { Module } from '../module/module.entity';
import { type PrerequisiteGraph } from '../module/prerequisite-graph';
import { PathStep } from './path-step.entity';
import { LearningPath } from './path.entity';
import { type PlannerModule } from './path-planner';

/** The published catalogue as the path planner sees it. */
export interface CatalogueGraph {
  modules: PlannerModule[];
  graph: PrerequisiteGraph;
}

export interface PathLoaders {
  pathById: DataLoader<string, LearningPath | null>;
  pathsByPersonaId: DataLoader<string, LearningPath[]>;
  stepsByPathId: DataLoader<string, PathStep[]>;
  /** Sum of the durations of a path's modules: derived on read, never stored. */
  totalMinutesByPathId: DataLoader<string, number>;
  /** The whole published catalogue graph (a single key, `all`): three statements per request. */
  catalogueGraph: DataLoader<'all', CatalogueGraph>;
}

/** The path loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createPathLoaders(dataSource: DataSource): PathLoaders {
  return {
    pathById: byId(dataSource, LearningPath),
    pathsByPersonaId: manyByKey(dataSource, LearningPath, 'personaId', { order: { title: 'ASC', id: 'ASC' } }),
    stepsByPathId: manyByKey(dataSource, PathStep, 'pathId', { order: { order: 'ASC' } }),
    totalMinutesByPathId: new DataLoader(async (ids) => {
      const rows = (await dataSource
        .getRepository(PathStep)
        .createQueryBuilder('s')
        .innerJoin(Module, 'm', 'm.id = s.moduleId')
        .select('s.pathId', 'pathId')
        .addSelect('SUM(m.durationMinutes)', 'minutes')
        .where('s.pathId IN (:...ids)', { ids: [...ids] })
        .groupBy('s.pathId')
        .getRawMany()) as { pathId: string; minutes: string | number }[];
      const byId = new Map(rows.map((r) => [r.pathId, Number(r.minutes)]));
      return ids.map((id) => byId.get(id) ?? 0);
    }),
    catalogueGraph: new DataLoader(async (keys) => {
      const published = await dataSource.getRepository(Module).find({ where: { status: PublicationStatus.PUBLISHED }, order: { code: 'ASC' } });
      const teaches = await dataSource.getRepository(ModuleCompetency).find();
      const edges = await dataSource.getRepository(ModulePrerequisite).find();
      const taught = new Map<string, string[]>();
      for (const t of teaches) taught.set(t.moduleId, [...(taught.get(t.moduleId) ?? []), t.competencyId]);
      const graph = new Map<string, string[]>();
      for (const e of edges) graph.set(e.moduleId, [...(graph.get(e.moduleId) ?? []), e.prerequisiteId]);
      const value: CatalogueGraph = {
        modules: published.map((m) => ({ id: m.id, code: m.code, level: m.level, teaches: taught.get(m.id) ?? [] })),
        graph,
      };
      return keys.map(() => value);
    }),
  };
}

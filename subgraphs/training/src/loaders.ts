import { foldForSearch, groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In, MoreThanOrEqual } from 'typeorm';
import { PublicationStatus } from './catalogue/catalogue.enums';
import { Category } from './catalogue/category.entity';
import { Domain } from './catalogue/domain.entity';
import { Competency } from './competency/competency.entity';
import { COMPLETED_STATUSES } from './enrolment/enrolment.enums';
import { Enrolment } from './enrolment/enrolment.entity';
import { ModuleCompetency } from './module/module-competency.entity';
import { ModulePrerequisite } from './module/module-prerequisite.entity';
import { ModuleProvider } from './module/module-provider.entity';
import { Module } from './module/module.entity';
import { type PrerequisiteGraph } from './module/prerequisite-graph';
import { LearningPath } from './path/learning-path.entity';
import { PathStep } from './path/path-step.entity';
import { type PlannerModule } from './path/path-planner';
import { CompetencyRequirement } from './persona/competency-requirement.entity';
import { Persona } from './persona/persona.entity';
import { suggestPersona } from './persona/persona-matcher';
import { CourseSession } from './session/course-session.entity';

/** Sessions of a module starting at or after `from` (all when null). */
export interface SessionsKey {
  moduleId: string;
  from: Date | null;
}

/** A person's enrolments, all of them (`employerId` null) or only those with one employer. */
export interface EnrolmentsKey {
  personId: string;
  employerId: string | null;
}

export interface DomainCount {
  domainId: string;
  enrolments: number;
  completions: number;
}

/** The published catalogue as the path planner sees it. */
export interface CatalogueGraph {
  modules: PlannerModule[];
  graph: PrerequisiteGraph;
}

export interface TrainingLoaders {
  categoryById: DataLoader<string, Category | null>;
  domainById: DataLoader<string, Domain | null>;
  domainsByCategoryId: DataLoader<string, Domain[]>;
  moduleById: DataLoader<string, Module | null>;
  /** Published modules of a domain, by code. */
  modulesByDomainId: DataLoader<string, Module[]>;
  providerIdsByModuleId: DataLoader<string, string[]>;
  /** Published modules an organisation provides, by code. */
  modulesByProviderId: DataLoader<string, Module[]>;
  competencyById: DataLoader<string, Competency | null>;
  /** Competencies a module teaches, by code. */
  competenciesByModuleId: DataLoader<string, Competency[]>;
  /** Published modules that teach a competency, by level then code. */
  modulesByCompetencyId: DataLoader<string, Module[]>;
  /** Direct prerequisites of a module, by code. */
  prerequisitesByModuleId: DataLoader<string, Module[]>;
  sessionById: DataLoader<string, CourseSession | null>;
  /** Sessions of a module by start; keyed on (module, from). */
  sessionsByModule: DataLoader<SessionsKey, CourseSession[], string>;
  personaById: DataLoader<string, Persona | null>;
  /** The persona a job title suggests; keyed on the folded job title. */
  personaByJobTitle: DataLoader<string, Persona | null>;
  requirementsByPersonaId: DataLoader<string, CompetencyRequirement[]>;
  pathById: DataLoader<string, LearningPath | null>;
  pathsByPersonaId: DataLoader<string, LearningPath[]>;
  stepsByPathId: DataLoader<string, PathStep[]>;
  /** Sum of the durations of a path's modules: derived on read, never stored. */
  totalMinutesByPathId: DataLoader<string, number>;
  enrolmentById: DataLoader<string, Enrolment | null>;
  enrolmentsByPerson: DataLoader<EnrolmentsKey, Enrolment[], string>;
  /** Enrolments and completions of an organisation's people, per domain. */
  learningStatsByOrganizationId: DataLoader<string, DomainCount[]>;
  /** The whole published catalogue graph (a single key, `all`): three statements per request. */
  catalogueGraph: DataLoader<'all', CatalogueGraph>;
}

const byCode = (a: { code: string }, b: { code: string }): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): TrainingLoaders {
  const modules = dataSource.getRepository(Module);
  return {
    categoryById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Category).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    domainById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Domain).findBy({ id: In([...ids]) }), (d) => d.id),
    ),
    domainsByCategoryId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(Domain)
          .find({ where: { categoryId: In([...ids]) }, order: { position: 'ASC', code: 'ASC' } }),
        (d) => d.categoryId,
      ),
    ),
    moduleById: new DataLoader(async (ids) => orderByKeys(ids, await modules.findBy({ id: In([...ids]) }), (m) => m.id)),
    modulesByDomainId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await modules.find({
          where: { domainId: In([...ids]), status: PublicationStatus.PUBLISHED },
          order: { code: 'ASC' },
        }),
        (m) => m.domainId,
      ),
    ),
    providerIdsByModuleId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(ModuleProvider)
          .find({ where: { moduleId: In([...ids]) }, order: { organizationId: 'ASC' } }),
        (row) => row.moduleId,
      ).map((rows) => rows.map((row) => row.organizationId)),
    ),
    modulesByProviderId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ModuleProvider).find({
          where: { organizationId: In([...ids]), module: { status: PublicationStatus.PUBLISHED } },
          relations: { module: true },
        }),
        (row) => row.organizationId,
      ).map((rows) => rows.flatMap((row) => (row.module ? [row.module] : [])).sort(byCode)),
    ),
    competencyById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Competency).findBy({ id: In([...ids]) }), (c) => c.id),
    ),
    competenciesByModuleId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(ModuleCompetency)
          .find({ where: { moduleId: In([...ids]) }, relations: { competency: true } }),
        (row) => row.moduleId,
      ).map((rows) => rows.flatMap((row) => (row.competency ? [row.competency] : [])).sort(byCode)),
    ),
    modulesByCompetencyId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(ModuleCompetency).find({
          where: { competencyId: In([...ids]), module: { status: PublicationStatus.PUBLISHED } },
          relations: { module: true },
        }),
        (row) => row.competencyId,
      ).map((rows) => rows.flatMap((row) => (row.module ? [row.module] : [])).sort(byCode)),
    ),
    prerequisitesByModuleId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(ModulePrerequisite)
          .find({ where: { moduleId: In([...ids]) }, relations: { prerequisite: true } }),
        (row) => row.moduleId,
      ).map((rows) => rows.flatMap((row) => (row.prerequisite ? [row.prerequisite] : [])).sort(byCode)),
    ),
    sessionById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(CourseSession).findBy({ id: In([...ids]) }), (s) => s.id),
    ),
    sessionsByModule: new DataLoader(
      async (keys) => {
        // One statement per distinct `from` in the batch (in practice one: the same argument everywhere).
        const result = new Map<string, CourseSession[]>();
        const froms = new Map<string, SessionsKey[]>();
        for (const key of keys) {
          const fromKey = key.from?.toISOString() ?? '';
          froms.set(fromKey, [...(froms.get(fromKey) ?? []), key]);
        }
        for (const [fromKey, group] of froms) {
          const moduleIds = [...new Set(group.map((k) => k.moduleId))];
          const rows = await dataSource.getRepository(CourseSession).find({
            where: { moduleId: In(moduleIds), ...(fromKey ? { startsAt: MoreThanOrEqual(new Date(fromKey)) } : {}) },
            order: { startsAt: 'ASC', id: 'ASC' },
          });
          for (const row of rows) {
            const key = `${row.moduleId}|${fromKey}`;
            result.set(key, [...(result.get(key) ?? []), row]);
          }
        }
        return keys.map((k) => result.get(`${k.moduleId}|${k.from?.toISOString() ?? ''}`) ?? []);
      },
      { cacheKeyFn: (k) => `${k.moduleId}|${k.from?.toISOString() ?? ''}` },
    ),
    personaById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Persona).findBy({ id: In([...ids]) }), (p) => p.id),
    ),
    personaByJobTitle: new DataLoader(
      async (titles) => {
        const personae = await dataSource.getRepository(Persona).find({ order: { code: 'ASC' } });
        return titles.map((title) => suggestPersona(title, personae));
      },
      { cacheKeyFn: (title) => foldForSearch(title) },
    ),
    requirementsByPersonaId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(CompetencyRequirement)
          .find({ where: { personaId: In([...ids]) }, order: { competencyId: 'ASC' } }),
        (r) => r.personaId,
      ),
    ),
    pathById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(LearningPath).findBy({ id: In([...ids]) }), (p) => p.id),
    ),
    pathsByPersonaId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(LearningPath)
          .find({ where: { personaId: In([...ids]) }, order: { title: 'ASC', id: 'ASC' } }),
        (p) => p.personaId,
      ),
    ),
    stepsByPathId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(PathStep).find({ where: { pathId: In([...ids]) }, order: { order: 'ASC' } }),
        (s) => s.pathId,
      ),
    ),
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
    enrolmentById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Enrolment).findBy({ id: In([...ids]) }), (e) => e.id),
    ),
    enrolmentsByPerson: new DataLoader(
      async (keys) => {
        const rows = await dataSource.getRepository(Enrolment).find({
          where: { learnerId: In([...new Set(keys.map((k) => k.personId))]) },
          order: { enrolledAt: 'DESC', id: 'DESC' },
        });
        return keys.map((k) =>
          rows.filter((e) => e.learnerId === k.personId && (k.employerId === null || e.employerId === k.employerId)),
        );
      },
      { cacheKeyFn: (k) => `${k.personId}|${k.employerId ?? '*'}` },
    ),
    learningStatsByOrganizationId: new DataLoader(async (ids) => {
      const rows = (await dataSource
        .getRepository(Enrolment)
        .createQueryBuilder('e')
        .innerJoin(Module, 'm', 'm.id = e.moduleId')
        .select('e.employerId', 'employerId')
        .addSelect('m.domainId', 'domainId')
        .addSelect('COUNT(*)', 'enrolments')
        .addSelect('SUM(CASE WHEN e.status IN (:...completed) THEN 1 ELSE 0 END)', 'completions')
        .where('e.employerId IN (:...ids)', { ids: [...ids], completed: COMPLETED_STATUSES })
        .groupBy('e.employerId')
        .addGroupBy('m.domainId')
        .orderBy('m.domainId')
        .getRawMany()) as { employerId: string; domainId: string; enrolments: string | number; completions: string | number }[];
      return groupByKeys(ids, rows, (r) => r.employerId).map((group) =>
        group.map((r) => ({ domainId: r.domainId, enrolments: Number(r.enrolments), completions: Number(r.completions) })),
      );
    }),
    catalogueGraph: new DataLoader(async (keys) => {
      const published = await modules.find({ where: { status: PublicationStatus.PUBLISHED }, order: { code: 'ASC' } });
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

import { type Logger } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { CatalogueLock } from '../catalogue/catalogue-lock.entity';
import { Category } from '../catalogue/category.entity';
import { Domain } from '../catalogue/domain.entity';
import { Competency } from '../competency/competency.entity';
import { Enrolment } from '../enrolment/enrolment.entity';
import { ModuleCompetency } from '../module/module-competency.entity';
import { ModuleFormat } from '../module/module-format.entity';
import { ModulePrerequisite } from '../module/module-prerequisite.entity';
import { ModuleProvider } from '../module/module-provider.entity';
import { Module } from '../module/module.entity';
import { LearningPath } from '../path/learning-path.entity';
import { PathStep } from '../path/path-step.entity';
import { CompetencyRequirement } from '../persona/competency-requirement.entity';
import { Persona } from '../persona/persona.entity';
import { CourseSession } from '../session/course-session.entity';
import { insertChunks } from './catalogue-rows';
import { demoTrainingRows } from './demo-rows';

/**
 * Seeds the academy when the database has no module yet: the catalogue (4 categories, 17 domains,
 * 61 modules), 120 competencies, 150 personae and their matrix, a path per persona, 300 sessions
 * and 20,000 enrolments, in multi-row INSERTs inside one transaction.
 */
export async function seedTrainingDemo(dataSource: DataSource, logger: Logger, now: Date = new Date()): Promise<boolean> {
  if ((await dataSource.getRepository(Module).count()) > 0) return false;
  const rows = demoTrainingRows(now);
  await dataSource.transaction(async (manager) => {
    await insertChunks(manager, Category, rows.categories);
    await insertChunks(manager, Domain, rows.domains);
    await insertChunks(manager, Module, rows.modules.map((m) => m.module), 100);
    await insertChunks(
      manager,
      ModuleFormat,
      rows.modules.flatMap((m) => m.module.formats.map((format) => ({ moduleId: m.module.id, format }))),
    );
    await insertChunks(
      manager,
      ModuleProvider,
      rows.modules.flatMap((m) => m.providerIds.map((organizationId) => ({ moduleId: m.module.id, organizationId }))),
    );
    await insertChunks(manager, Competency, rows.competencies);
    await insertChunks(manager, ModuleCompetency, rows.teaches);
    await insertChunks(manager, ModulePrerequisite, rows.prerequisites);
    await insertChunks(manager, CatalogueLock, [{ name: 'prerequisites', revision: 0 }]);
    await insertChunks(manager, Persona, rows.personae, 200);
    await insertChunks(manager, CompetencyRequirement, rows.requirements);
    await insertChunks(manager, LearningPath, rows.paths);
    await insertChunks(manager, PathStep, rows.steps);
    await insertChunks(manager, CourseSession, rows.sessions, 200);
    await insertChunks(manager, Enrolment, rows.enrolments, 500);
  });
  logger.info(
    {
      modules: rows.modules.length,
      competencies: rows.competencies.length,
      personae: rows.personae.length,
      requirements: rows.requirements.length,
      paths: rows.paths.length,
      sessions: rows.sessions.length,
      enrolments: rows.enrolments.length,
    },
    'training demo data',
  );
  return true;
}

import { SeedWriter, type Logger } from '@ecosystem/shared';
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
import { LearningPath } from '../path/path.entity';
import { PathStep } from '../path/path-step.entity';
import { CompetencyRequirement } from '../persona/competency-requirement.entity';
import { Persona } from '../persona/persona.entity';
import { CourseSession } from '../session/session.entity';
import { demoTrainingRows } from './demo-rows';

/**
 * Seeds the academy when the database has no module yet: the catalogue (4 categories, 17 domains,
 * 61 modules), 120 competencies, 150 personae and their matrix, a path per persona, 300 sessions
 * and 20,000 enrolments, in multi-row INSERTs inside one transaction (SeedWriter).
 */
export async function seedTrainingDemo(dataSource: DataSource, logger: Logger, now: Date = new Date()): Promise<boolean> {
  if ((await dataSource.getRepository(Module).count()) > 0) return false;
  const rows = demoTrainingRows(now);
  const seed = new SeedWriter();
  seed.add(Category, rows.categories);
  seed.add(Domain, rows.domains);
  seed.add(Module, rows.modules.map((m) => m.module), 100);
  seed.add(
    ModuleFormat,
    rows.modules.flatMap((m) => m.module.formats.map((format) => ({ moduleId: m.module.id, format }))),
  );
  seed.add(
    ModuleProvider,
    rows.modules.flatMap((m) => m.providerIds.map((organizationId) => ({ moduleId: m.module.id, organizationId }))),
  );
  seed.add(Competency, rows.competencies);
  seed.add(ModuleCompetency, rows.teaches);
  seed.add(ModulePrerequisite, rows.prerequisites);
  seed.add(CatalogueLock, [{ name: 'prerequisites', revision: 0 }]);
  seed.add(Persona, rows.personae, 200);
  seed.add(CompetencyRequirement, rows.requirements);
  seed.add(LearningPath, rows.paths);
  seed.add(PathStep, rows.steps);
  seed.add(CourseSession, rows.sessions, 200);
  seed.add(Enrolment, rows.enrolments, 500);
  await seed.write(dataSource, logger);
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

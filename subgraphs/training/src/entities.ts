import { CatalogueLock } from './catalogue/catalogue-lock.entity';
import { Category } from './catalogue/category.entity';
import { Domain } from './catalogue/domain.entity';
import { Competency } from './competency/competency.entity';
import { Enrolment } from './enrolment/enrolment.entity';
import { ModuleCompetency } from './module/module-competency.entity';
import { ModuleFormat } from './module/module-format.entity';
import { ModulePrerequisite } from './module/module-prerequisite.entity';
import { ModuleProvider } from './module/module-provider.entity';
import { Module } from './module/module.entity';
import { LearningPath } from './path/path.entity';
import { PathStep } from './path/path-step.entity';
import { CompetencyRequirement } from './persona/competency-requirement.entity';
import { Persona } from './persona/persona.entity';
import { CourseSession } from './session/session.entity';

export const trainingEntities = [
  Category,
  Domain,
  Module,
  ModuleFormat,
  ModuleProvider,
  ModuleCompetency,
  ModulePrerequisite,
  CatalogueLock,
  Competency,
  Persona,
  CompetencyRequirement,
  LearningPath,
  PathStep,
  CourseSession,
  Enrolment,
];

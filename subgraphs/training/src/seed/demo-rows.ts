import { demoId, demoOrganization, demoPeople, type DemoPerson, foldForSearch, seededFaker } from '@ecosystem/shared';
import { Format, Level, LEVELS, levelRank } from '../catalogue/catalogue.enums';
import { type Category } from '../catalogue/category.entity';
import { type Domain } from '../catalogue/domain.entity';
import { SkillType } from '../competency/competency.enums';
import { Competency } from '../competency/competency.entity';
import { COMPLETED_STATUSES, EnrolmentStatus, OPEN_STATUSES, SEAT_STATUSES } from '../enrolment/enrolment.enums';
import { Enrolment } from '../enrolment/enrolment.entity';
import { type ModuleCompetency } from '../module/module-competency.entity';
import { type ModulePrerequisite } from '../module/module-prerequisite.entity';
import { type Module } from '../module/module.entity';
import { LearningPath } from '../path/path.entity';
import { planSteps } from '../path/path-planner';
import { type PathStep } from '../path/path-step.entity';
import { type CompetencyRequirement } from '../persona/competency-requirement.entity';
import { Persona } from '../persona/persona.entity';
import { suggestPersona } from '../persona/persona-matcher';
import { Priority } from '../persona/persona.enums';
import { CourseSession } from '../session/session.entity';
import { ADS_PARTNERS } from './catalogue-data';
import { demoCatalogueRows, type DemoModuleRow } from './catalogue-rows';
import { DEMO_COMPETENCIES, SHARED_COMPETENCY } from './competency-data';
import { DEMO_FAMILIES, DEMO_INDUSTRIES, EXTRA_JOBS, type DemoFamily, type DemoJob } from './persona-data';

/** Sizes of the demo (DOMAIN.md §3). */
export const DEMO_SESSION_COUNT = 300;
export const DEMO_ENROLMENT_COUNT = 20_000;

/** Cross-domain prerequisites (module code -> prerequisite code); each goes down in level, so no cycle. */
const CROSS_PREREQUISITES: [string, string][] = [
  ['DATA-AI-3', 'DATA-HEALTH-2'],
  ['LEG-GDPR-2', 'DATA-HEALTH-1'],
  ['JOB-CLIN-3', 'LEG-GDPR-1'],
  ['DATA-RWD-3', 'DATA-AI-2'],
  ['LEG-ACCESS-3', 'DATA-RWD-2'],
  ['CUL-DTX-3', 'LEG-MDR-1'],
  ['DATA-INTEROP-3', 'DATA-HEALTH-2'],
];

/** Competency indexes (0-6) a module teaches, by its rank in a domain of 3 or 4 modules. */
const TAUGHT_BY_RANK: Record<number, number[][]> = {
  3: [[0, 1, 2], [2, 3, 4], [4, 5, 6]],
  4: [[0, 1, 2], [1, 2, 3], [3, 4, 5], [4, 5, 6]],
};

const SKILL_TYPES: Record<string, SkillType> = { K: SkillType.KNOWLEDGE, S: SkillType.SKILL_COMPETENCE, T: SkillType.TRANSVERSAL };

export interface DemoTrainingRows {
  categories: Category[];
  domains: Domain[];
  modules: DemoModuleRow[];
  competencies: Competency[];
  teaches: ModuleCompetency[];
  prerequisites: ModulePrerequisite[];
  personae: Persona[];
  requirements: CompetencyRequirement[];
  paths: LearningPath[];
  steps: PathStep[];
  sessions: CourseSession[];
  enrolments: Enrolment[];
}

const DAY = 24 * 3600 * 1000;

function isSenior(title: string): boolean {
  return /^(Directeur|Responsable|Chef|Pharmacien responsable|Architecte)/.test(title);
}

function venueOf(providerKey: string): Pick<CourseSession, 'placeStreet' | 'placePostalCode' | 'placeCity' | 'placeRegion' | 'placeCountry'> {
  if (providerKey === 'telecom-paris') {
    return { placeStreet: '19 place Marguerite Perey', placePostalCode: '91120', placeCity: 'Palaiseau', placeRegion: 'Île-de-France', placeCountry: 'FR' };
  }
  if (providerKey === 'uclille-law') {
    return { placeStreet: '60 boulevard Vauban', placePostalCode: '59000', placeCity: 'Lille', placeRegion: 'Hauts-de-France', placeCountry: 'FR' };
  }
  // The academy's own rooms at Leem.
  return { placeStreet: '58 boulevard Gouvion-Saint-Cyr', placePostalCode: '75017', placeCity: 'Paris', placeRegion: 'Île-de-France', placeCountry: 'FR' };
}

/**
 * Every demo row of the training subgraph, deterministic except for the statuses of enrolments,
 * which follow `now` (past sessions are completed, future ones are booked or waitlisted).
 */
export function demoTrainingRows(now: Date = new Date()): DemoTrainingRows {
  const faker = seededFaker(2022);
  const { categories, domains, modules } = demoCatalogueRows();
  const domainByCode = new Map(domains.map((d) => [d.code, d]));
  const moduleByCode = new Map(modules.map((m) => [m.module.code, m]));

  // Competencies: 7 per domain + one shared transversal competency.
  const competencies: Competency[] = [];
  const competencyIdsByDomain = new Map<string, string[]>();
  for (const [domainCode, titles] of Object.entries(DEMO_COMPETENCIES)) {
    const domain = domainByCode.get(domainCode) as Domain;
    const ids: string[] = [];
    titles.forEach((entry, index) => {
      const [kind, title] = entry.split(':') as [string, string];
      const code = `${domainCode}-C${index + 1}`;
      const id = demoId('competency', code);
      const competency = Object.assign(new Competency(), {
        id,
        code,
        title,
        type: SKILL_TYPES[kind] ?? SkillType.KNOWLEDGE,
        escoSkill: null,
        caseItemUri: `https://academie-digital-sante.example/case/items/${id}`,
        broaderId: index === 0 ? null : (ids[0] as string),
        domainId: domain.id,
      });
      competency.fold();
      competencies.push(competency);
      ids.push(id);
    });
    competencyIdsByDomain.set(domainCode, ids);
  }
  const shared = Object.assign(new Competency(), {
    id: demoId('competency', SHARED_COMPETENCY.code),
    code: SHARED_COMPETENCY.code,
    title: SHARED_COMPETENCY.title,
    type: SkillType.TRANSVERSAL,
    escoSkill: null,
    caseItemUri: `https://academie-digital-sante.example/case/items/${demoId('competency', SHARED_COMPETENCY.code)}`,
    broaderId: null,
    domainId: domainByCode.get('CUL-TRANSFO')?.id ?? null,
  });
  shared.fold();
  competencies.push(shared);

  // What each module teaches; the highest level at which each competency is taught.
  const teaches: ModuleCompetency[] = [];
  const maxTaught = new Map<string, Level>();
  const taughtByModule = new Map<string, string[]>();
  for (const row of modules) {
    const ids = competencyIdsByDomain.get(row.domainCode) as string[];
    const count = modules.filter((m) => m.domainCode === row.domainCode).length;
    const taught = (TAUGHT_BY_RANK[count]?.[row.rank] ?? []).map((i) => ids[i] as string);
    if (row.module.code === 'CUL-TRANSFO-1') taught.push(shared.id);
    taughtByModule.set(row.module.id, taught);
    for (const competencyId of taught) {
      teaches.push({ moduleId: row.module.id, competencyId });
      const before = maxTaught.get(competencyId);
      if (!before || levelRank(row.module.level) > levelRank(before)) maxTaught.set(competencyId, row.module.level);
    }
  }

  // Prerequisites: each module requires the previous level of its domain, plus a few across domains.
  const prerequisites: ModulePrerequisite[] = [];
  for (const row of modules) {
    if (row.rank > 0) {
      const previous = moduleByCode.get(`${row.domainCode}-${row.rank}`) as DemoModuleRow;
      prerequisites.push({ moduleId: row.module.id, prerequisiteId: previous.module.id });
    }
  }
  for (const [code, prerequisiteCode] of CROSS_PREREQUISITES) {
    const module = moduleByCode.get(code);
    const prerequisite = moduleByCode.get(prerequisiteCode);
    if (module && prerequisite) prerequisites.push({ moduleId: module.module.id, prerequisiteId: prerequisite.module.id });
  }

  // Personae: family x industry, plus a few cross-industry jobs.
  const personae: Persona[] = [];
  const familyOf = new Map<string, DemoFamily>();
  const addPersona = (family: DemoFamily, job: DemoJob, code: string, suffix: string): void => {
    const persona = Object.assign(new Persona(), {
      id: demoId('persona', code),
      code,
      title: `${job.title}${suffix}`,
      jobFamily: family.family,
      escoOccupation: `http://data.europa.eu/esco/isco/C${job.isco}`,
      iscoCode: job.isco,
      romeCode: job.rome,
      maxSessionMinutes: family.constraints.maxSessionMinutes,
      needsFlexibility: family.constraints.needsFlexibility,
      preferredFormats: family.constraints.preferredFormats,
      aliases: suffix ? (job.aliases ?? []).map((a) => `${a}${suffix}`) : (job.aliases ?? []),
    });
    persona.fold();
    personae.push(persona);
    familyOf.set(persona.id, family);
  };
  for (const family of DEMO_FAMILIES) {
    for (const industry of DEMO_INDUSTRIES) {
      family.jobs.forEach((job, index) => {
        addPersona(family, job, `P-${family.family.replace('_', '-')}-${industry.key}-${index + 1}`, industry.suffix);
      });
    }
  }
  EXTRA_JOBS.forEach((job, index) => {
    addPersona(DEMO_FAMILIES.find((f) => f.family === job.family) as DemoFamily, job, `P-X-${index + 1}`, '');
  });

  // The matrix: core domains (4 competencies each, essential), two more domains (2 each, optional).
  const requirements: CompetencyRequirement[] = [];
  for (const persona of personae) {
    const family = familyOf.get(persona.id) as DemoFamily;
    const senior = isSenior(persona.title);
    const add = (competencyId: string, wanted: Level, priority: Priority): void => {
      const ceiling = maxTaught.get(competencyId) ?? Level.ACCULTURATION;
      const requiredLevel = levelRank(wanted) > levelRank(ceiling) ? ceiling : wanted;
      requirements.push({ personaId: persona.id, competencyId, requiredLevel, priority });
    };
    add(shared.id, Level.ACCULTURATION, Priority.ESSENTIAL);
    const [core1, core2, ...others] = family.domains;
    for (const [position, domainCode] of [core1, core2].entries()) {
      const ids = competencyIdsByDomain.get(domainCode as string) as string[];
      const picked = faker.helpers.arrayElements(ids.slice(1), 4);
      for (const id of picked) {
        const top = position === 0 ? (senior ? Level.EXPERT : Level.ADVANCED) : senior ? Level.ADVANCED : Level.FOUNDATION;
        add(id, faker.helpers.arrayElement([top, LEVELS[Math.max(0, levelRank(top) - 1)] as Level]), Priority.ESSENTIAL);
      }
    }
    const optional = faker.helpers
      .arrayElements(others, 2)
      .flatMap((domainCode) => faker.helpers.arrayElements((competencyIdsByDomain.get(domainCode) as string[]).slice(0, 4), 2));
    for (const id of optional.slice(0, 3)) {
      add(id, faker.helpers.arrayElement([Level.ACCULTURATION, Level.FOUNDATION]), Priority.OPTIONAL);
    }
  }

  // A learning path per persona, planned from its requirements.
  const graph = new Map<string, string[]>();
  for (const p of prerequisites) graph.set(p.moduleId, [...(graph.get(p.moduleId) ?? []), p.prerequisiteId]);
  const plannerModules = modules.map((m) => ({
    id: m.module.id,
    code: m.module.code,
    level: m.module.level,
    teaches: taughtByModule.get(m.module.id) ?? [],
  }));
  const requirementsByPersona = new Map<string, CompetencyRequirement[]>();
  for (const r of requirements) requirementsByPersona.set(r.personaId, [...(requirementsByPersona.get(r.personaId) ?? []), r]);
  const paths: LearningPath[] = [];
  const steps: PathStep[] = [];
  const pathModules = new Map<string, Set<string>>();
  for (const persona of personae) {
    const own = requirementsByPersona.get(persona.id) ?? [];
    const targetLevel = own
      .filter((r) => r.priority === Priority.ESSENTIAL)
      .reduce((top, r) => (levelRank(r.requiredLevel) > levelRank(top) ? r.requiredLevel : top), Level.ACCULTURATION);
    const path = Object.assign(new LearningPath(), {
      id: demoId('learning-path', persona.code),
      personaId: persona.id,
      title: `Parcours ${persona.title}`,
      targetLevel,
    });
    paths.push(path);
    const planned = planSteps({ modules: plannerModules, graph, requirements: own });
    planned.forEach((step, index) => steps.push({ pathId: path.id, order: index + 1, moduleId: step.moduleId, optional: step.optional }));
    pathModules.set(path.id, new Set(planned.map((s) => s.moduleId)));
  }

  // Sessions: spread from the academy's first in-person courses (May 2022) to mid-2027.
  const sessions: CourseSession[] = [];
  const first = Date.UTC(2022, 4, 2, 7, 0);
  const span = Date.UTC(2027, 5, 30) - first;
  const people = demoPeople();
  for (let k = 0; k < DEMO_SESSION_COUNT; k += 1) {
    const row = modules[k % modules.length] as DemoModuleRow;
    const module = row.module;
    const courseMode = module.formats[Math.floor(k / modules.length) % module.formats.length] as Format;
    const startsAt = new Date(first + Math.floor((k * span) / DEMO_SESSION_COUNT / DAY) * DAY);
    let endsAt: Date;
    if (courseMode === Format.E_LEARNING) endsAt = new Date(startsAt.getTime() + 28 * DAY);
    else if (courseMode === Format.VIRTUAL_CLASS) {
      endsAt = new Date(startsAt.getTime() + (Math.ceil(module.durationMinutes / 210) - 1) * DAY + 3.5 * 3600 * 1000);
    } else endsAt = new Date(startsAt.getTime() + (Math.ceil(module.durationMinutes / 420) - 1) * DAY + 8 * 3600 * 1000);
    const providerId = row.providerIds[k % row.providerIds.length] as string;
    const providerKey = ADS_PARTNERS.find((key) => demoOrganization(key).id === providerId) as string;
    const inRoom = courseMode === Format.IN_PERSON || courseMode === Format.BLENDED;
    const instructors = people.filter((p) => p.organization.id === providerId).slice(k % 2, (k % 2) + 2);
    const id = demoId('course-session', `${module.code}#${k}`);
    sessions.push(
      Object.assign(new CourseSession(), {
        id,
        moduleId: module.id,
        courseMode,
        startsAt,
        endsAt,
        ...(inRoom ? venueOf(providerKey) : { placeStreet: null, placePostalCode: null, placeCity: null, placeRegion: null, placeCountry: null }),
        virtualUrl: inRoom ? null : `https://academie-digital-sante.example/classes/${id}`,
        instructorIds: instructors.map((p) => p.id),
        providerId,
        capacity: { [Format.E_LEARNING]: 200, [Format.VIRTUAL_CLASS]: 40, [Format.BLENDED]: 25, [Format.IN_PERSON]: 20 }[courseMode],
        seatsTaken: 0,
        eventId: null,
        createdAt: new Date(startsAt.getTime() - 90 * DAY),
      }),
    );
  }

  // Enrolments: people whose persona's path has the module first, one enrolment per person and module.
  const pathByPersona = new Map(paths.map((p) => [p.personaId, p]));
  const personaOfPerson = new Map<string, Persona | null>();
  const titleCache = new Map<string, Persona | null>();
  for (const person of people) {
    const key = foldForSearch(person.jobTitle);
    if (!titleCache.has(key)) titleCache.set(key, suggestPersona(person.jobTitle, personae));
    personaOfPerson.set(person.id, titleCache.get(key) ?? null);
  }
  const pathOf = (person: DemoPerson, moduleId: string): string | null => {
    const persona = personaOfPerson.get(person.id);
    const path = persona ? pathByPersona.get(persona.id) : undefined;
    return path && pathModules.get(path.id)?.has(moduleId) ? path.id : null;
  };
  const taken = new Set<string>();
  const enrolments: Enrolment[] = [];
  const levelOf = new Map(modules.map((m) => [m.module.id, m.module]));
  const makeEnrolment = (
    person: DemoPerson,
    module: Module,
    session: CourseSession | null,
    status: EnrolmentStatus,
    enrolledAt: Date,
    completedAt: Date | null,
  ): void => {
    taken.add(`${person.id}|${module.id}`);
    const closed = !OPEN_STATUSES.includes(status);
    const assessed = levelRank(module.level) >= 2;
    let score: number | null = null;
    if (status === EnrolmentStatus.PASSED) score = faker.number.int({ min: 50, max: 100 });
    if (status === EnrolmentStatus.FAILED) score = faker.number.int({ min: 20, max: 49 });
    const done = COMPLETED_STATUSES.includes(status);
    enrolments.push(
      Object.assign(new Enrolment(), {
        id: demoId('enrolment', `${person.key}|${module.code}`),
        learnerId: person.id,
        employerId: person.organization.id,
        moduleId: module.id,
        openModuleId: closed ? null : module.id,
        pathId: pathOf(person, module.id),
        sessionId: session?.id ?? null,
        status,
        progress:
          status === EnrolmentStatus.IN_PROGRESS
            ? faker.number.float({ min: 0.05, max: 0.95, fractionDigits: 2 })
            : done
              ? 1
              : status === EnrolmentStatus.FAILED
                ? faker.number.float({ min: 0.6, max: 1, fractionDigits: 2 })
                : null,
        score: assessed ? score : null,
        satisfaction: done || status === EnrolmentStatus.FAILED ? faker.number.int({ min: 2, max: 5 }) : null,
        enrolledAt,
        completedAt,
        credentialUrl: done && module.credential ? `https://academie-digital-sante.example/credentials/${demoId('enrolment', `${person.key}|${module.code}`)}` : null,
      }),
    );
  };
  const outcome = (module: Module): EnrolmentStatus => {
    const roll = faker.number.float();
    if (roll < 0.08) return EnrolmentStatus.WITHDRAWN;
    if (levelRank(module.level) < 2) return EnrolmentStatus.COMPLETED;
    return roll < 0.2 ? EnrolmentStatus.FAILED : EnrolmentStatus.PASSED;
  };
  const candidatesFor = (moduleId: string): DemoPerson[] => {
    const onPath = people.filter((p) => pathOf(p, moduleId) !== null);
    const others = people.filter((p) => pathOf(p, moduleId) === null);
    return [...faker.helpers.shuffle(onPath), ...faker.helpers.shuffle(others)];
  };
  const nowMs = now.getTime();
  for (const session of sessions) {
    const module = levelOf.get(session.moduleId) as Module;
    const capacity = session.capacity as number;
    const past = session.endsAt.getTime() < nowMs;
    const running = !past && session.startsAt.getTime() <= nowMs;
    const fill = past || running ? faker.number.float({ min: 0.55, max: 1 }) : faker.number.float({ min: 0.5, max: 1.3 });
    const wanted = Math.round(capacity * fill * (session.courseMode === Format.E_LEARNING ? 0.6 : 1));
    const learners = candidatesFor(module.id).filter((p) => !taken.has(`${p.id}|${module.id}`)).slice(0, wanted);
    let seats = 0;
    learners.forEach((person, index) => {
      const enrolledAt = new Date(session.startsAt.getTime() - (60 - Math.floor((index * 55) / Math.max(1, learners.length))) * DAY);
      let status: EnrolmentStatus;
      if (past) status = outcome(module);
      else if (faker.number.float() < 0.05) status = EnrolmentStatus.WITHDRAWN;
      else if (seats >= capacity) status = EnrolmentStatus.WAITLISTED;
      else status = running ? EnrolmentStatus.IN_PROGRESS : EnrolmentStatus.ENROLLED;
      if (SEAT_STATUSES.includes(status)) seats += 1;
      const closedAt = past && status !== EnrolmentStatus.WITHDRAWN ? session.endsAt : null;
      makeEnrolment(person, module, session, status, enrolledAt, closedAt);
    });
    session.seatsTaken = seats;
  }
  // Self-paced e-learning, up to the target size.
  const selfPaced = modules.filter((m) => m.module.formats.includes(Format.E_LEARNING)).map((m) => m.module);
  const start = Date.UTC(2022, 3, 14);
  for (let i = 0; enrolments.length < DEMO_ENROLMENT_COUNT && i < DEMO_ENROLMENT_COUNT * 3; i += 1) {
    const module = selfPaced[i % selfPaced.length] as Module;
    const person = people[faker.number.int({ min: 0, max: people.length - 1 })] as DemoPerson;
    if (taken.has(`${person.id}|${module.id}`)) continue;
    const enrolledAt = new Date(start + faker.number.int({ min: 0, max: Math.max(1, nowMs - start - 30 * DAY) }));
    const roll = faker.number.float();
    const status =
      roll < 0.55 ? EnrolmentStatus.COMPLETED : roll < 0.8 ? EnrolmentStatus.IN_PROGRESS : roll < 0.9 ? EnrolmentStatus.ENROLLED : EnrolmentStatus.WITHDRAWN;
    const completedAt = status === EnrolmentStatus.COMPLETED ? new Date(enrolledAt.getTime() + faker.number.int({ min: 1, max: 30 }) * DAY) : null;
    makeEnrolment(person, module, null, status, enrolledAt, completedAt);
  }

  return {
    categories,
    domains,
    modules,
    competencies,
    teaches,
    prerequisites,
    personae,
    requirements,
    paths,
    steps,
    sessions,
    enrolments,
  };
}

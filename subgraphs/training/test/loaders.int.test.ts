import { demoOrganizations, demoPeople } from '@ecosystem/shared';
import { type TrainingLoaders } from '../src/context';
import { startHarness, type Harness } from './helpers';

let h: Harness;
let moduleIds: string[];
let domainIds: string[];
let categoryIds: string[];

beforeAll(async () => {
  h = await startHarness('training-loaders');
  moduleIds = ((await h.db.dataSource.query('SELECT id FROM module ORDER BY code')) as { id: string }[]).map((r) => r.id);
  domainIds = ((await h.db.dataSource.query('SELECT id FROM domain ORDER BY code')) as { id: string }[]).map((r) => r.id);
  categoryIds = ((await h.db.dataSource.query('SELECT id FROM category ORDER BY code')) as { id: string }[]).map((r) => r.id);
});

afterAll(async () => {
  await h.close();
});

/** Loads every key through a fresh loader set and returns the number of SQL statements. */
async function statementsFor<K, V>(
  pick: (loaders: TrainingLoaders) => { load(key: K): Promise<V> },
  keys: K[],
): Promise<{ statements: number; values: V[] }> {
  const loader = pick(h.context().loaders);
  h.db.counter.reset();
  const values = await Promise.all(keys.map((key) => loader.load(key)));
  return { statements: h.db.counter.total, values };
}

describe('loaders: N loads = 1 statement', () => {
  it('categoryById', async () => {
    const { statements, values } = await statementsFor((l) => l.categoryById, categoryIds);
    expect(statements).toBe(1);
    expect(values.every(Boolean)).toBe(true);
  });

  it('domainById and domainsByCategoryId', async () => {
    expect((await statementsFor((l) => l.domainById, domainIds)).statements).toBe(1);
    const { statements, values } = await statementsFor((l) => l.domainsByCategoryId, categoryIds);
    expect(statements).toBe(1);
    expect(values.flat()).toHaveLength(17);
  });

  it('moduleById, modulesByDomainId and providerIdsByModuleId', async () => {
    expect((await statementsFor((l) => l.moduleById, moduleIds)).statements).toBe(1);
    const byDomain = await statementsFor((l) => l.modulesByDomainId, domainIds);
    expect(byDomain.statements).toBe(1);
    expect(byDomain.values.flat()).toHaveLength(moduleIds.length);
    const providers = await statementsFor((l) => l.providerIdsByModuleId, moduleIds);
    expect(providers.statements).toBe(1);
    expect(providers.values.every((ids) => ids.length > 0)).toBe(true);
  });

  it('modulesByProviderId, over every demo organisation', async () => {
    const orgIds = demoOrganizations().map((o) => o.id);
    const { statements, values } = await statementsFor((l) => l.modulesByProviderId, orgIds);
    expect(statements).toBe(1);
    expect(values.filter((list) => list.length > 0)).toHaveLength(7);
  });

  it('competencyById, competenciesByModuleId, modulesByCompetencyId, prerequisitesByModuleId', async () => {
    const competencyIds = ((await h.db.dataSource.query('SELECT id FROM competency')) as { id: string }[]).map((r) => r.id);
    expect((await statementsFor((l) => l.competencyById, competencyIds)).statements).toBe(1);
    const taught = await statementsFor((l) => l.competenciesByModuleId, moduleIds);
    expect(taught.statements).toBe(1);
    expect(taught.values.every((list) => list.length > 0)).toBe(true);
    expect((await statementsFor((l) => l.modulesByCompetencyId, competencyIds)).statements).toBe(1);
    const prerequisites = await statementsFor((l) => l.prerequisitesByModuleId, moduleIds);
    expect(prerequisites.statements).toBe(1);
    expect(prerequisites.values.flat().length).toBeGreaterThan(40);
  });

  it('sessionById and sessionsByModule (keyed on module and from)', async () => {
    const sessionIds = ((await h.db.dataSource.query('SELECT id FROM course_session')) as { id: string }[]).map((r) => r.id);
    expect((await statementsFor((l) => l.sessionById, sessionIds)).statements).toBe(1);
    const from = new Date();
    const upcoming = await statementsFor((l) => l.sessionsByModule, moduleIds.map((moduleId) => ({ moduleId, from })));
    expect(upcoming.statements).toBe(1);
    expect(upcoming.values.flat().every((s) => s.startsAt.getTime() >= from.getTime())).toBe(true);
    const all = await statementsFor((l) => l.sessionsByModule, moduleIds.map((moduleId) => ({ moduleId, from: null })));
    expect(all.values.flat()).toHaveLength(300);
  });

  it('personaById, personaByJobTitle, requirementsByPersonaId, pathsByPersonaId', async () => {
    const personaIds = ((await h.db.dataSource.query('SELECT id FROM persona')) as { id: string }[]).map((r) => r.id);
    expect((await statementsFor((l) => l.personaById, personaIds)).statements).toBe(1);
    expect((await statementsFor((l) => l.personaByJobTitle, ['Data scientist', 'Chercheur', 'Juriste', 'x'])).statements).toBe(1);
    const requirements = await statementsFor((l) => l.requirementsByPersonaId, personaIds);
    expect(requirements.statements).toBe(1);
    expect(requirements.values.flat()).toHaveLength(1800);
    const paths = await statementsFor((l) => l.pathsByPersonaId, personaIds);
    expect(paths.statements).toBe(1);
    expect(paths.values.every((list) => list.length === 1)).toBe(true);
  });

  it('pathById, stepsByPathId, totalMinutesByPathId', async () => {
    const pathIds = ((await h.db.dataSource.query('SELECT id FROM learning_path')) as { id: string }[]).map((r) => r.id);
    expect((await statementsFor((l) => l.pathById, pathIds)).statements).toBe(1);
    expect((await statementsFor((l) => l.stepsByPathId, pathIds)).statements).toBe(1);
    const totals = await statementsFor((l) => l.totalMinutesByPathId, pathIds);
    expect(totals.statements).toBe(1);
    expect(totals.values.every((minutes) => minutes > 0)).toBe(true);
  });

  it('enrolmentById, enrolmentsByPerson (keyed on person and employer), learningStatsByOrganizationId', async () => {
    const enrolmentIds = ((await h.db.dataSource.query('SELECT id FROM enrolment LIMIT 500')) as { id: string }[]).map((r) => r.id);
    expect((await statementsFor((l) => l.enrolmentById, enrolmentIds)).statements).toBe(1);
    const people = demoPeople().slice(0, 100);
    const keys = people.flatMap((p) => [
      { personId: p.id, employerId: null },
      { personId: p.id, employerId: p.organization.id },
    ]);
    const enrolments = await statementsFor((l) => l.enrolmentsByPerson, keys);
    expect(enrolments.statements).toBe(1);
    expect(enrolments.values.flat().length).toBeGreaterThan(100);
    const orgIds = [...new Set(people.map((p) => p.organization.id))];
    const stats = await statementsFor((l) => l.learningStatsByOrganizationId, orgIds);
    expect(stats.statements).toBe(1);
    expect(stats.values.some((list) => list.length > 0)).toBe(true);
  });

  it('catalogueGraph: one load per request, three statements', async () => {
    const { statements, values } = await statementsFor((l) => l.catalogueGraph, ['all', 'all', 'all'] as const);
    expect(statements).toBe(3);
    expect(values[0]!.modules).toHaveLength(61);
  });
});

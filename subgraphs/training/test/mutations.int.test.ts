import { demoOrganization, Role, type Viewer } from '@ecosystem/shared';
import { startHarness, type Harness } from './helpers';

let h: Harness;
const manager: Viewer = { sub: 'tm', org: demoOrganization('leem').id, roles: [Role.TRAINING_MANAGER] };
const member: Viewer = { sub: 'member', roles: [Role.MEMBER] };
const telecom = demoOrganization('telecom-paris').id;

beforeAll(async () => {
  h = await startHarness('training-mutations');
});

afterAll(async () => {
  await h.close();
});

async function count(table: string): Promise<number> {
  return Number(((await h.db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: number | string }[])[0]!.n);
}

async function idOf(table: string, code: string): Promise<string> {
  return ((await h.db.dataSource.query(`SELECT id FROM ${table} WHERE code = ?`, [code])) as { id: string }[])[0]!.id;
}

const CREATE = /* GraphQL */ `mutation ($input: CreateModuleInput!) { createModule(input: $input) { id code status price { amount currency } teaches { code } prerequisites { code } providers { id } } }`;
const SET_PREREQUISITES = /* GraphQL */ `mutation ($m: ID!, $p: [ID!]!) { setModulePrerequisites(moduleId: $m, prerequisiteIds: $p) { id prerequisites { code } } }`;

async function moduleInput(code: string): Promise<Record<string, unknown>> {
  return {
    code,
    title: 'Jumeaux numériques de patients',
    description: 'Modéliser un patient virtuel à partir de données cliniques et de vie réelle.',
    domainId: await idOf('domain', 'DATA-AI'),
    level: 'EXPERT',
    learningObjectives: ['Construire un jumeau numérique de patient'],
    formats: ['BLENDED'],
    durationMinutes: 840,
    price: { amount: '1800.50', currency: 'EUR' },
    providerIds: [telecom],
    competencyIds: [await idOf('competency', 'DATA-AI-C6')],
    prerequisiteIds: [await idOf('module', 'DATA-AI-3')],
  };
}

describe('createModule', () => {
  it('is for training managers only, and writes nothing otherwise', async () => {
    const before = await count('module');
    expect((await h.run(CREATE, { input: await moduleInput('DATA-AI-9') })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.run(CREATE, { input: await moduleInput('DATA-AI-9') }, member)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count('module')).toBe(before);
  });

  it('validates every field before writing', async () => {
    const before = [await count('module'), await count('module_provider'), await count('module_format')];
    const cases: [Record<string, unknown>, string, string][] = [
      [{ code: 'bad code' }, 'input.code', 'BAD_USER_INPUT'],
      [{ code: 'DATA-AI-1' }, 'input.code', 'CONFLICT'],
      [{ formats: [] }, 'input.formats', 'BAD_USER_INPUT'],
      [{ durationMinutes: 5 }, 'input.durationMinutes', 'BAD_USER_INPUT'],
      [{ providerIds: [] }, 'input.providerIds', 'BAD_USER_INPUT'],
      [{ price: { amount: 'ten', currency: 'EUR' } }, 'input.price.amount', 'BAD_USER_INPUT'],
      [{ domainId: '00000000-0000-4000-8000-000000000000' }, 'input.domainId', 'BAD_USER_INPUT'],
      [{ prerequisiteIds: ['00000000-0000-4000-8000-000000000000'] }, 'input.prerequisiteIds', 'BAD_USER_INPUT'],
      [{ titleEn: 'x' }, 'input.titleEn', 'BAD_USER_INPUT'],
    ];
    for (const [change, field, code] of cases) {
      const { errors } = await h.run(CREATE, { input: { ...(await moduleInput('DATA-AI-9')), ...change } }, manager);
      expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    expect([await count('module'), await count('module_provider'), await count('module_format')]).toEqual(before);
  });

  it('stores an English title, which text search matches once the module is published', async () => {
    const created = await h.run<{ createModule: { id: string; title: string; titleEn: string | null } }>(
      /* GraphQL */ `mutation ($input: CreateModuleInput!) { createModule(input: $input) { id title titleEn } }`,
      { input: { ...(await moduleInput('DATA-AI-8')), title: 'Données de vie réelle en cancérologie', titleEn: '  Real-world data in oncology ' } },
      manager,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data!.createModule.titleEn).toBe('Real-world data in oncology');
    const found = async (): Promise<string[]> =>
      ((await h.run<{ modules: { edges: { node: { code: string } }[] } }>(`{ modules(filter: { text: "oncology" }) { edges { node { code } } } }`)).data!.modules.edges.map((e) => e.node.code));
    expect(await found()).toEqual([]);
    const published = await h.run(`mutation ($id: ID!) { publishModule(id: $id) { status } }`, { id: created.data!.createModule.id }, manager);
    expect(published.errors).toBeUndefined();
    expect(await found()).toEqual(['DATA-AI-8']);
  });

  it('creates a DRAFT with its competencies, prerequisites, providers and price; publishes it', async () => {
    const { data, errors } = await h.run<{
      createModule: { id: string; status: string; price: { amount: string }; teaches: { code: string }[]; prerequisites: { code: string }[] };
    }>(CREATE, { input: await moduleInput('DATA-AI-5') }, manager);
    expect(errors).toBeUndefined();
    expect(data!.createModule).toMatchObject({
      status: 'DRAFT',
      price: { amount: '1800.50' },
      teaches: [{ code: 'DATA-AI-C6' }],
      prerequisites: [{ code: 'DATA-AI-3' }],
    });
    const id = data!.createModule.id;
    // A draft is hidden from the public catalogue.
    expect((await h.run<{ module: unknown }>(/* GraphQL */ `query ($id: ID!) { module(id: $id) { id } }`, { id })).data!.module).toBeNull();
    const published = await h.run<{ publishModule: { status: string } }>(/* GraphQL */ `mutation ($id: ID!) { publishModule(id: $id) { status } }`, { id }, manager);
    expect(published.data!.publishModule.status).toBe('PUBLISHED');
    const again = await h.run(/* GraphQL */ `mutation ($id: ID!) { publishModule(id: $id) { status } }`, { id }, manager);
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('does not publish a module whose prerequisite is still a draft', async () => {
    const draft = await h.run<{ createModule: { id: string } }>(CREATE, { input: await moduleInput('DATA-AI-6') }, manager);
    const dependant = await h.run<{ createModule: { id: string } }>(
      CREATE,
      { input: { ...(await moduleInput('DATA-AI-7')), prerequisiteIds: [draft.data!.createModule.id] } },
      manager,
    );
    const refused = await h.run(/* GraphQL */ `mutation ($id: ID!) { publishModule(id: $id) { status } }`, { id: dependant.data!.createModule.id }, manager);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

describe('prerequisites never form a cycle', () => {
  it('refuses a write that would close a cycle, with PREREQUISITE_CYCLE and the cycle, and writes nothing', async () => {
    const first = await idOf('module', 'DATA-AI-1');
    const before = (await h.db.dataSource.query('SELECT moduleId, prerequisiteId FROM module_prerequisite ORDER BY moduleId, prerequisiteId')) as unknown[];
    // DATA-AI-4 requires DATA-AI-3 requires DATA-AI-2 requires DATA-AI-1: DATA-AI-1 cannot require DATA-AI-4.
    const { errors } = await h.run(SET_PREREQUISITES, { m: first, p: [await idOf('module', 'DATA-AI-4')] }, manager);
    expect(errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'prerequisiteIds',
      reason: 'PREREQUISITE_CYCLE',
      cycle: ['DATA-AI-1', 'DATA-AI-4', 'DATA-AI-3', 'DATA-AI-2', 'DATA-AI-1'],
    });
    const self = await h.run(SET_PREREQUISITES, { m: first, p: [first] }, manager);
    expect(self.errors?.[0]?.extensions).toMatchObject({ reason: 'PREREQUISITE_CYCLE' });
    // Across domains: DATA-HEALTH-2 is a prerequisite of DATA-AI-3.
    const across = await h.run(SET_PREREQUISITES, { m: await idOf('module', 'DATA-HEALTH-1'), p: [await idOf('module', 'DATA-AI-3')] }, manager);
    expect(across.errors?.[0]?.extensions).toMatchObject({ reason: 'PREREQUISITE_CYCLE' });
    expect(await h.db.dataSource.query('SELECT moduleId, prerequisiteId FROM module_prerequisite ORDER BY moduleId, prerequisiteId')).toEqual(before);
  });

  it('accepts acyclic changes, and refuses two concurrent writes that would together close a cycle', async () => {
    const a = await idOf('module', 'JOB-MED-1');
    const b = await idOf('module', 'JOB-MKT-1');
    const ok = await h.run<{ setModulePrerequisites: { prerequisites: { code: string }[] } }>(SET_PREREQUISITES, { m: a, p: [] }, manager);
    expect(ok.errors).toBeUndefined();
    // a -> b and b -> a at the same time: exactly one wins.
    const results = await Promise.all([
      h.run(SET_PREREQUISITES, { m: a, p: [b] }, manager),
      h.run(SET_PREREQUISITES, { m: b, p: [a] }, manager),
    ]);
    const refused = results.filter((r) => r.errors);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.errors![0]!.extensions).toMatchObject({ reason: 'PREREQUISITE_CYCLE' });
  });
});

describe('scheduleSession', () => {
  const SCHEDULE = /* GraphQL */ `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { id capacity seatsLeft courseMode place { city } provider { id } } }`;
  const soon = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString();

  it('checks format, dates, place, capacity and provider before writing', async () => {
    const moduleId = await idOf('module', 'DATA-AI-4'); // IN_PERSON, by Télécom Paris
    const base = { moduleId, courseMode: 'IN_PERSON', startsAt: soon(10), endsAt: soon(12), providerId: telecom, capacity: 12, place: { city: 'Palaiseau', country: 'FR' } };
    const before = await count('course_session');
    const cases: [Record<string, unknown>, string][] = [
      [{ courseMode: 'E_LEARNING' }, 'input.courseMode'],
      [{ startsAt: soon(-1) }, 'input.startsAt'],
      [{ endsAt: soon(9) }, 'input.endsAt'],
      [{ place: null }, 'input.place'],
      [{ capacity: null }, 'input.capacity'],
      [{ capacity: 0 }, 'input.capacity'],
      [{ providerId: demoOrganization('isip').id }, 'input.providerId'],
    ];
    for (const [change, field] of cases) {
      const { errors } = await h.run(SCHEDULE, { input: { ...base, ...change } }, manager);
      expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect((await h.run(SCHEDULE, { input: base }, member)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count('course_session')).toBe(before);
    const { data, errors } = await h.run<{ scheduleSession: { capacity: number; seatsLeft: number; place: { city: string } } }>(SCHEDULE, { input: base }, manager);
    expect(errors).toBeUndefined();
    expect(data!.scheduleSession).toMatchObject({ capacity: 12, seatsLeft: 12, place: { city: 'Palaiseau' } });
  });
});

describe('personae and the matrix', () => {
  const UPSERT = /* GraphQL */ `mutation ($input: UpsertPersonaInput!) { upsertPersona(input: $input) { id code title romeCode constraints { maxSessionMinutes preferredFormats } } }`;
  const SET = /* GraphQL */ `mutation ($input: SetRequirementInput!) { setRequirement(input: $input) { requiredLevel priority persona { code } competency { code } } }`;

  it('creates and updates a persona, validating ROME/ISCO/ESCO codes', async () => {
    const input = {
      code: 'P-NEW-1',
      title: 'Responsable de la donnée clinique',
      jobFamily: 'CLINICAL',
      romeCode: 'M1403',
      iscoCode: '2120',
      escoOccupation: 'http://data.europa.eu/esco/isco/C2120',
      constraints: { maxSessionMinutes: 180, needsFlexibility: true, preferredFormats: ['E_LEARNING'] },
    };
    const bad = await h.run(UPSERT, { input: { ...input, romeCode: 'Z99' } }, manager);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.romeCode' });
    const duplicate = await h.run(UPSERT, { input: { ...input, code: 'P-X-1' } }, manager);
    expect(duplicate.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code' });
    const created = await h.run<{ upsertPersona: { id: string; constraints: { maxSessionMinutes: number } } }>(UPSERT, { input }, manager);
    expect(created.errors).toBeUndefined();
    expect(created.data!.upsertPersona.constraints.maxSessionMinutes).toBe(180);
    const updated = await h.run<{ upsertPersona: { id: string; title: string } }>(
      UPSERT,
      { input: { ...input, id: created.data!.upsertPersona.id, title: 'Responsable data clinique' } },
      manager,
    );
    expect(updated.data!.upsertPersona).toMatchObject({ id: created.data!.upsertPersona.id, title: 'Responsable data clinique' });
    expect((await h.run(UPSERT, { input }, member)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('sets and overwrites a cell of the matrix', async () => {
    const personaId = await idOf('persona', 'P-X-1');
    const competencyId = await idOf('competency', 'LEG-GDPR-C5');
    const first = await h.run<{ setRequirement: { requiredLevel: string } }>(SET, { input: { personaId, competencyId, requiredLevel: 'ADVANCED', priority: 'ESSENTIAL' } }, manager);
    expect(first.errors).toBeUndefined();
    const second = await h.run<{ setRequirement: { requiredLevel: string; priority: string } }>(
      SET,
      { input: { personaId, competencyId, requiredLevel: 'FOUNDATION', priority: 'OPTIONAL' } },
      manager,
    );
    expect(second.data!.setRequirement).toMatchObject({ requiredLevel: 'FOUNDATION', priority: 'OPTIONAL' });
    const rows = await h.db.dataSource.query('SELECT COUNT(*) AS n FROM competency_requirement WHERE personaId = ? AND competencyId = ?', [personaId, competencyId]);
    expect(Number((rows as { n: string }[])[0]!.n)).toBe(1);
    const unknown = await h.run(SET, { input: { personaId, competencyId: '00000000-0000-4000-8000-000000000000', requiredLevel: 'EXPERT', priority: 'ESSENTIAL' } }, manager);
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.competencyId' });
  });
});

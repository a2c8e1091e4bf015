import { demoOrganization, demoPeople, newId, Role, type Viewer } from '@ecosystem/shared';
import { LessThan } from 'typeorm';
import { Format } from '../src/catalogue/catalogue.enums';
import { CourseSession } from '../src/session/session.entity';
import { startHarness, type Harness } from './helpers';

let h: Harness;
const people = demoPeople();
const employer = demoOrganization('servier').id;
const manager: Viewer = { sub: 'manager-servier', org: employer, roles: [Role.TRAINING_MANAGER] };
const admin: Viewer = { sub: 'admin', roles: [Role.ADMIN] };
const learnerViewer = (i: number): Viewer => ({ sub: people[2000 + i]!.id, org: employer, roles: [Role.MEMBER] });

beforeAll(async () => {
  h = await startHarness('training-enrolment');
});

afterAll(async () => {
  await h.close();
});

/** A fresh future session with `capacity` seats of a published module nobody in the 2000+ range took. */
async function newSession(capacity: number | null, moduleCode = 'JOB-MGMT-4'): Promise<{ sessionId: string; moduleId: string }> {
  const module = ((await h.db.dataSource.query('SELECT id, formats FROM module WHERE code = ?', [moduleCode])) as { id: string }[])[0]!;
  const provider = ((await h.db.dataSource.query('SELECT organizationId FROM module_provider WHERE moduleId = ?', [module.id])) as {
    organizationId: string;
  }[])[0]!;
  const session = Object.assign(new CourseSession(), {
    id: newId(),
    moduleId: module.id,
    courseMode: Format.IN_PERSON,
    startsAt: new Date(Date.now() + 30 * 86_400_000),
    endsAt: new Date(Date.now() + 31 * 86_400_000),
    placeStreet: null,
    placePostalCode: '75017',
    placeCity: 'Paris',
    placeRegion: null,
    placeCountry: 'FR',
    virtualUrl: null,
    instructorIds: [],
    providerId: provider.organizationId,
    capacity,
    seatsTaken: 0,
    eventId: null,
    createdAt: new Date(),
  });
  await h.db.dataSource.getRepository(CourseSession).insert(session);
  // Free the learners used by these tests from any seeded enrolment in this module.
  await h.db.dataSource.query('DELETE FROM enrolment WHERE moduleId = ? AND learnerId IN (?' + ',?'.repeat(59) + ')', [
    module.id,
    ...people.slice(2000, 2060).map((p) => p.id),
  ]);
  return { sessionId: session.id, moduleId: module.id };
}

const ENROL = /* GraphQL */ `mutation ($input: EnrolInput!) { enrol(input: $input) { id status enrolledAt } }`;
const WITHDRAW = /* GraphQL */ `mutation ($id: ID!) { withdraw(enrolmentId: $id) { id status } }`;

interface EnrolData {
  enrol: { id: string; status: string; enrolledAt: string };
}

async function statusesOf(sessionId: string): Promise<Record<string, number>> {
  const rows = (await h.db.dataSource.query('SELECT status, COUNT(*) AS n FROM enrolment WHERE sessionId = ? GROUP BY status', [sessionId])) as {
    status: string;
    n: number | string;
  }[];
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

async function seatsTaken(sessionId: string): Promise<number> {
  const rows = (await h.db.dataSource.query('SELECT seatsTaken FROM course_session WHERE id = ?', [sessionId])) as { seatsTaken: number }[];
  return Number(rows[0]!.seatsTaken);
}

describe('capacity under truly parallel enrolments', () => {
  it('confirms exactly N of many simultaneous enrolments in a session of N seats; the rest wait', async () => {
    const { sessionId } = await newSession(5);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => h.run<EnrolData>(ENROL, { input: { sessionId } }, learnerViewer(i))),
    );
    expect(results.map((r) => r.errors)).toEqual(Array(24).fill(undefined));
    const statuses = results.map((r) => r.data!.enrol.status);
    expect(statuses.filter((s) => s === 'ENROLLED')).toHaveLength(5);
    expect(statuses.filter((s) => s === 'WAITLISTED')).toHaveLength(19);
    expect(await statusesOf(sessionId)).toEqual({ ENROLLED: 5, WAITLISTED: 19 });
    expect(await seatsTaken(sessionId)).toBe(5);
  });

  it('lets a person enrol only once, even with simultaneous requests', async () => {
    const { sessionId } = await newSession(50);
    const before = await statusesOf(sessionId);
    const results = await Promise.all(Array.from({ length: 8 }, () => h.run<EnrolData>(ENROL, { input: { sessionId } }, learnerViewer(30))));
    const ok = results.filter((r) => !r.errors);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expect(r.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.moduleId' });
    expect(before).toEqual({});
    expect(await statusesOf(sessionId)).toEqual({ ENROLLED: 1 });
    expect(await seatsTaken(sessionId)).toBe(1);
  });

  it('promotes the waiting list in order on withdrawals, also on simultaneous withdrawals', async () => {
    const { sessionId } = await newSession(3);
    const enrolments: { id: string; status: string; i: number }[] = [];
    for (let i = 40; i < 50; i += 1) {
      const { data } = await h.run<EnrolData>(ENROL, { input: { sessionId } }, learnerViewer(i));
      enrolments.push({ ...data!.enrol, i });
    }
    expect(enrolments.map((e) => e.status)).toEqual(['ENROLLED', 'ENROLLED', 'ENROLLED', ...Array(7).fill('WAITLISTED')]);

    // One withdrawal: the first on the waiting list gets the seat.
    const first = await h.run<{ withdraw: { status: string } }>(WITHDRAW, { id: enrolments[0]!.id }, learnerViewer(40));
    expect(first.errors).toBeUndefined();
    expect(first.data!.withdraw.status).toBe('WITHDRAWN');
    const statusOf = async (id: string): Promise<string> =>
      ((await h.db.dataSource.query('SELECT status FROM enrolment WHERE id = ?', [id])) as { status: string }[])[0]!.status;
    expect(await statusOf(enrolments[3]!.id)).toBe('ENROLLED');
    expect(await statusOf(enrolments[4]!.id)).toBe('WAITLISTED');

    // Two simultaneous withdrawals of confirmed seats (by the employer's training manager): the next two in order.
    const both = await Promise.all([
      h.run(WITHDRAW, { id: enrolments[1]!.id }, manager),
      h.run(WITHDRAW, { id: enrolments[2]!.id }, manager),
    ]);
    expect(both.map((r) => r.errors)).toEqual([undefined, undefined]);
    expect(await statusOf(enrolments[4]!.id)).toBe('ENROLLED');
    expect(await statusOf(enrolments[5]!.id)).toBe('ENROLLED');
    expect(await statusOf(enrolments[6]!.id)).toBe('WAITLISTED');
    expect(await statusesOf(sessionId)).toEqual({ ENROLLED: 3, WAITLISTED: 4, WITHDRAWN: 3 });
    expect(await seatsTaken(sessionId)).toBe(3);

    // A waiting person who withdraws frees no seat; withdrawing twice is refused.
    await h.run(WITHDRAW, { id: enrolments[9]!.id }, learnerViewer(49));
    expect(await seatsTaken(sessionId)).toBe(3);
    const again = await h.run(WITHDRAW, { id: enrolments[9]!.id }, learnerViewer(49));
    expect(again.errors?.[0]?.extensions?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('frees the seat when nobody waits', async () => {
    const { sessionId } = await newSession(2);
    const { data } = await h.run<EnrolData>(ENROL, { input: { sessionId } }, learnerViewer(55));
    expect(await seatsTaken(sessionId)).toBe(1);
    await h.run(WITHDRAW, { id: data!.enrol.id }, learnerViewer(55));
    expect(await seatsTaken(sessionId)).toBe(0);
    // ...and the person may enrol again.
    const again = await h.run<EnrolData>(ENROL, { input: { sessionId } }, learnerViewer(55));
    expect(again.data!.enrol.status).toBe('ENROLLED');
  });
});

describe('authorisation and validation of enrolments', () => {
  it('refuses anonymous callers, members enrolling someone else and managers enrolling a stranger; managers may for a learner of their employer', async () => {
    const { sessionId } = await newSession(10);
    const count = async (): Promise<number> => Object.values(await statusesOf(sessionId)).reduce((a, b) => a + b, 0);
    const anonymous = await h.run(ENROL, { input: { sessionId } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const forOther = await h.run(ENROL, { input: { sessionId, learnerId: people[2051]!.id } }, learnerViewer(50));
    expect(forOther.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const otherEmployer = await h.run(
      ENROL,
      { input: { sessionId, learnerId: people[2051]!.id, employerId: demoOrganization('inserm').id } },
      manager,
    );
    expect(otherEmployer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    // Training knows nothing yet of people[2051] working for the employer: a manager cannot claim them.
    const unknown = await h.run(ENROL, { input: { sessionId, learnerId: people[2051]!.id } }, manager);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(0);
    // Nor can a learner declare an employer they do not act for.
    const claimed = await h.run(ENROL, { input: { sessionId, employerId: demoOrganization('inserm').id } }, learnerViewer(51));
    expect(claimed.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await count()).toBe(0);
    // Once the learner has enrolled as the employer's employee (elsewhere), its training managers may enrol them.
    const other = ((await h.db.dataSource.query("SELECT code FROM module WHERE status = 'PUBLISHED' AND code <> 'JOB-MGMT-4' ORDER BY code LIMIT 1")) as { code: string }[])[0]!;
    const elsewhere = await newSession(10, other.code);
    const own = await h.run<EnrolData>(ENROL, { input: { sessionId: elsewhere.sessionId } }, learnerViewer(51));
    expect(own.errors).toBeUndefined();
    const byManager = await h.run<EnrolData>(ENROL, { input: { sessionId, learnerId: people[2051]!.id } }, manager);
    expect(byManager.errors).toBeUndefined();
    expect(await count()).toBe(1);
  });

  it('names the offending field', async () => {
    const none = await h.run(ENROL, { input: {} }, learnerViewer(52));
    expect(none.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessionId' });
    const bad = await h.run(ENROL, { input: { sessionId: 'not-a-uuid' } }, learnerViewer(52));
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessionId' });
    const expertOnly = ((await h.db.dataSource.query("SELECT id FROM module WHERE code = 'JOB-MGMT-4'")) as { id: string }[])[0]!;
    const selfPaced = await h.run(ENROL, { input: { moduleId: expertOnly.id } }, learnerViewer(52));
    expect(selfPaced.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessionId' });
    const past = (await h.db.dataSource.getRepository(CourseSession).findOneBy({ startsAt: LessThan(new Date()) }))!;
    const started = await h.run(ENROL, { input: { sessionId: past.id } }, learnerViewer(52));
    expect(started.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.sessionId' });
  });
});

describe('enrolment lifecycle', () => {
  const PROGRESS = /* GraphQL */ `mutation ($input: RecordProgressInput!) { recordProgress(input: $input) { status progress } }`;
  const COMPLETE = /* GraphQL */ `mutation ($input: CompleteEnrolmentInput!) { completeEnrolment(input: $input) { status score completedAt credentialUrl } }`;

  it('goes ENROLLED -> IN_PROGRESS -> PASSED; the learner cannot grade themselves', async () => {
    const { sessionId } = await newSession(10);
    const viewer = learnerViewer(56);
    const { data } = await h.run<EnrolData>(ENROL, { input: { sessionId } }, viewer);
    const id = data!.enrol.id;
    const progress = await h.run<{ recordProgress: { status: string; progress: number } }>(PROGRESS, { input: { enrolmentId: id, progress: 0.4 } }, viewer);
    expect(progress.data!.recordProgress).toEqual({ status: 'IN_PROGRESS', progress: 0.4 });
    const tooMuch = await h.run(PROGRESS, { input: { enrolmentId: id, progress: 1.5 } }, viewer);
    expect(tooMuch.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.progress' });
    const self = await h.run(COMPLETE, { input: { enrolmentId: id, score: 100 } }, viewer);
    expect(self.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const done = await h.run<{ completeEnrolment: { status: string; score: number; credentialUrl: string | null } }>(
      COMPLETE,
      { input: { enrolmentId: id, score: 78, satisfaction: 5 } },
      manager,
    );
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeEnrolment).toMatchObject({ status: 'PASSED', score: 78 });
    expect(done.data!.completeEnrolment.credentialUrl).toMatch(/^https:\/\//);
    const twice = await h.run(COMPLETE, { input: { enrolmentId: id, score: 90 } }, manager);
    expect(twice.errors?.[0]?.extensions?.code).toBe('INVALID_STATE_TRANSITION');
    const withdrawAfter = await h.run(WITHDRAW, { id }, viewer);
    expect(withdrawAfter.errors?.[0]?.extensions?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('cannot record progress while waitlisted', async () => {
    const { sessionId } = await newSession(1);
    await h.run(ENROL, { input: { sessionId } }, learnerViewer(57));
    const { data } = await h.run<EnrolData>(ENROL, { input: { sessionId } }, learnerViewer(58));
    expect(data!.enrol.status).toBe('WAITLISTED');
    const refused = await h.run(PROGRESS, { input: { enrolmentId: data!.enrol.id, progress: 0.1 } }, learnerViewer(58));
    expect(refused.errors?.[0]?.extensions?.code).toBe('INVALID_STATE_TRANSITION');
  });
});

describe('recommendModules', () => {
  const RECOMMEND = /* GraphQL */ `query ($personId: ID!, $personaId: ID) {
    recommendModules(personId: $personId, personaId: $personaId) {
      order optional enrolled module { id code level prerequisites { id } } closes { id }
    }
  }`;
  interface RecommendData {
    recommendModules: { order: number; optional: boolean; module: { id: string; code: string; prerequisites: { id: string }[] }; closes: { id: string }[] }[];
  }

  it('closes the gaps of the persona, prerequisites first, skipping what the person completed', async () => {
    const person = people[2059]!;
    const viewer: Viewer = { sub: person.id, roles: [Role.MEMBER] };
    const persona = ((await h.db.dataSource.query("SELECT id FROM persona WHERE title = 'Data scientist'")) as { id: string }[])[0]!;
    await h.db.dataSource.query('DELETE FROM enrolment WHERE learnerId = ?', [person.id]);
    const before = await h.run<RecommendData>(RECOMMEND, { personId: person.id, personaId: persona.id }, viewer);
    expect(before.errors).toBeUndefined();
    const list = before.data!.recommendModules;
    expect(list.length).toBeGreaterThan(3);
    const position = new Map(list.map((r) => [r.module.id, r.order]));
    for (const r of list) for (const p of r.module.prerequisites) expect(position.get(p.id)).toBeLessThan(r.order);
    expect(list.filter((r) => !r.optional).length).toBeGreaterThan(0);

    // Complete the first recommended module: it disappears, the rest still follows prerequisite order.
    const firstModule = list[0]!.module;
    const { data } = await h.run<EnrolData>(ENROL, { input: { moduleId: firstModule.id } }, viewer);
    await h.run(/* GraphQL */ `mutation ($id: ID!) { completeEnrolment(input: { enrolmentId: $id }) { status } }`, { id: data!.enrol.id }, admin);
    const after = await h.run<RecommendData>(RECOMMEND, { personId: person.id, personaId: persona.id }, viewer);
    expect(after.data!.recommendModules.map((r) => r.module.id)).not.toContain(firstModule.id);
    expect(after.data!.recommendModules.length).toBe(list.length - 1);
  });

  it('infers the persona from the person’s path enrolments', async () => {
    const row = ((await h.db.dataSource.query(
      'SELECT learnerId FROM enrolment WHERE pathId IS NOT NULL ORDER BY learnerId LIMIT 1',
    )) as { learnerId: string }[])[0]!;
    const { data, errors } = await h.run<RecommendData>(RECOMMEND, { personId: row.learnerId }, admin);
    expect(errors).toBeUndefined();
    expect(Array.isArray(data!.recommendModules)).toBe(true);
  });

  it('is personal: refused to anonymous callers and other members', async () => {
    const person = people[2059]!;
    expect((await h.run(RECOMMEND, { personId: person.id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const other = await h.run(RECOMMEND, { personId: person.id }, { sub: people[5]!.id, roles: [Role.MEMBER] });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

import { demoId, demoOrganization, demoPeople, MUTATION_POLICIES, type MutationPolicy, Role, type Viewer } from '@ecosystem/shared';
import { startGraph, type GraphQLResponse, type RunningGraph } from '../helpers/graph';

/*
 * The authorisation model through the real gateway and the four subgraphs on their databases:
 * the six cross-organisation writes that were once accepted, then a matrix of every mutation of the
 * composed schema × {anonymous, a member of A, each role of A, an admin} × {a target of A, a target
 * of B}, each verdict expected from the shared table (MUTATION_POLICIES) and every refusal checked
 * to leave every table of the owning subgraph as it was.
 */
let graph: RunningGraph;

const A = demoOrganization('ans').id;
const B = demoOrganization('doctolib').id;
const peopleOf = (key: string): string[] => demoPeople().filter((p) => p.organization.key === key).map((p) => p.id);
const [personA] = peopleOf('ans') as [string];
const [personB] = peopleOf('doctolib') as [string];

const ofA = (...roles: Role[]): Viewer => ({ sub: personA, org: A, roles: [Role.MEMBER, ...roles] });
const admin: Viewer = { sub: 'matrix-admin', roles: [Role.ADMIN] };
const personOf = (org: 'A' | 'B'): Viewer => (org === 'A' ? { sub: personA, org: A, roles: [Role.MEMBER] } : { sub: personB, org: B, roles: [Role.MEMBER] });

/** The viewers of the matrix, in the order they call (admins last: they pass nearly everything). */
const VIEWERS: [label: string, viewer: Viewer | null][] = [
  ['anonymous', null],
  ['member of A', ofA()],
  ['data steward of A', ofA(Role.DATA_STEWARD)],
  ['training manager of A', ofA(Role.TRAINING_MANAGER)],
  ['event organiser of A', ofA(Role.EVENT_ORGANISER)],
  ['admin', admin],
];

type Org = 'A' | 'B';
const orgId = (org: Org): string => (org === 'A' ? A : B);

let serial = 0;
const unique = (): string => `${Date.now().toString(36)}${(serial += 1)}`;
const inDays = (days: number, hours = 0): string => new Date(Date.now() + days * 86_400_000 + hours * 3_600_000).toISOString();

function errorsOf(response: GraphQLResponse<unknown>): string {
  return JSON.stringify(response.errors?.map((e) => ({ message: e.message, ...e.extensions, stacktrace: undefined })));
}

/** A call that must succeed: the fixtures are made by the people entitled to make them. */
async function must<T = Record<string, unknown>>(viewer: Viewer, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await graph.query<T>(query, variables, { viewer });
  if (response.errors?.length || !response.data) throw new Error(`fixture call failed: ${query}\n${errorsOf(response)}`);
  return response.data;
}

async function sql<T>(subgraph: string, statement: string, params: unknown[] = []): Promise<T[]> {
  return (await graph.subgraphs[subgraph]!.database.dataSource.query(statement, params)) as T[];
}
async function one(subgraph: string, statement: string, params: unknown[] = []): Promise<string> {
  const row = (await sql<{ id: string }>(subgraph, statement, params))[0];
  if (!row) throw new Error(`no row for ${statement}`);
  return row.id;
}

/* ------------------------------------------------------------------------------------------------
 * Row accounting: the row count of every table of a subgraph, and on MySQL/MariaDB a checksum of
 * each, so an UPDATE by a refused call shows too. One statement each.
 */
const tablesOf = new Map<string, string[]>();
async function tables(subgraph: string): Promise<string[]> {
  let names = tablesOf.get(subgraph);
  if (!names) {
    const kind = graph.subgraphs[subgraph]!.database.kind;
    const rows =
      kind === 'mysql'
        ? await sql<Record<string, string>>(subgraph, 'SHOW TABLES')
        : await sql<Record<string, string>>(subgraph, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
    names = rows.map((r) => String(Object.values(r)[0])).filter((n) => n !== 'migrations');
    tablesOf.set(subgraph, names);
  }
  return names;
}
interface Snapshot {
  rows: number;
  checksum: string;
}
async function snapshot(subgraph: string): Promise<Snapshot> {
  const names = await tables(subgraph);
  const counts = await sql<Record<string, string | number>>(
    subgraph,
    `SELECT ${names.map((t, i) => `(SELECT COUNT(*) FROM \`${t}\`) AS c${i}`).join(', ')}`,
  );
  const rows = Object.values(counts[0] ?? {}).reduce<number>((sum, n) => sum + Number(n), 0);
  if (graph.subgraphs[subgraph]!.database.kind !== 'mysql') return { rows, checksum: '' };
  const sums = await sql<{ Checksum: string | number | null }>(subgraph, `CHECKSUM TABLE ${names.map((t) => `\`${t}\``).join(', ')}`);
  return { rows, checksum: sums.map((s) => String(s.Checksum)).join(',') };
}

/* ------------------------------------------------------------------------------------------------
 * Fixtures: for each mutation, a target owned by A and one owned by B, prepared by those entitled
 * to (admins, or the person concerned), and the call to make on it.
 */
interface Call {
  query: string;
  variables: () => Record<string, unknown>;
}
interface Fixture {
  /**
   * Whose relation decides, for a viewer of A: `target` (the target's owner: A or B), `viewer` (the
   * viewer's own organisation whatever the target, e.g. an access request is always the
   * requester's own) or `neither` (a shared catalogue that neither A nor B owns).
   */
  owner?: 'target' | 'viewer' | 'neither';
  /** On A's target, the viewers of A are the person concerned. */
  selfOnA?: boolean;
  /** A call consumes its target (an erasure, a one-way transition): prepare a new one for each viewer. */
  perCall?: boolean;
  prepare(org: Org): Promise<Call>;
}

const ids: Record<string, string> = {};
const call = (query: string, variables: () => Record<string, unknown>): Call => ({ query, variables });

async function createDataset(org: Org, accessRights = 'RESTRICTED'): Promise<string> {
  const data = await must<{ createDataset: { id: string } }>(
    admin,
    /* GraphQL */ `mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`,
    {
      input: {
        identifier: `https://data.example.org/matrix/${unique()}`,
        titleFr: `Jeu de la matrice ${unique()}`,
        descriptionFr: 'Décrit pour la matrice des droits.',
        catalogueId: ids.catalogue,
        publisherId: orgId(org),
        typology: 'COHORT',
        accessRights,
        healthCategories: ['RMMD'],
        contactName: 'Bureau des données',
      },
    },
  );
  return data.createDataset.id;
}

async function createAccessRequest(requester: Viewer, datasetId: string, submit: boolean): Promise<string> {
  const data = await must<{ createAccessRequest: { id: string } }>(
    requester,
    /* GraphQL */ `mutation ($input: CreateAccessRequestInput!) { createAccessRequest(input: $input) { id } }`,
    { input: { datasetIds: [datasetId], purpose: 'Étude de la matrice des droits' } },
  );
  const id = data.createAccessRequest.id;
  if (submit) await must(requester, /* GraphQL */ `mutation ($id: ID!) { submitAccessRequest(id: $id) { id } }`, { id });
  return id;
}

function moduleInput(org: Org, formats = ['E_LEARNING']): Record<string, unknown> {
  const code = `MTX-${unique()}`.toUpperCase();
  return {
    code,
    title: `Module de la matrice ${code}`,
    description: 'Un module pour vérifier les droits.',
    domainId: ids.domain,
    level: 'ACCULTURATION',
    learningObjectives: ['Comprendre les droits'],
    formats,
    durationMinutes: 60,
    providerIds: [orgId(org)],
  };
}
async function createModule(org: Org, publish: boolean): Promise<string> {
  const data = await must<{ createModule: { id: string } }>(
    admin,
    /* GraphQL */ `mutation ($input: CreateModuleInput!) { createModule(input: $input) { id } }`,
    { input: moduleInput(org) },
  );
  const id = data.createModule.id;
  if (publish) await must(admin, /* GraphQL */ `mutation ($id: ID!) { publishModule(id: $id) { id } }`, { id });
  return id;
}
/** An enrolment of the person of `org` (the viewer for A), made by themself with their own organisation as employer. */
async function createEnrolment(org: Org): Promise<string> {
  const moduleId = await createModule(org, true);
  const data = await must<{ enrol: { id: string } }>(
    personOf(org),
    /* GraphQL */ `mutation ($input: EnrolInput!) { enrol(input: $input) { id } }`,
    { input: { moduleId } },
  );
  return data.enrol.id;
}

function eventInput(org: Org): Record<string, unknown> {
  return {
    title: `Atelier de la matrice ${unique()}`,
    kind: 'WORKSHOP',
    attendanceMode: 'ONLINE',
    start: inDays(10),
    end: inDays(10, 2),
    virtualLocation: { url: 'https://live.example.org/matrice' },
    organizerIds: [orgId(org)],
    maxCapacity: 100,
  };
}
async function createEvent(org: Org): Promise<string> {
  const data = await must<{ createEvent: { id: string } }>(
    admin,
    /* GraphQL */ `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`,
    { input: eventInput(org) },
  );
  return data.createEvent.id;
}
/** A registration of the person of `org` (the viewer for A) at an event that `org` organises. */
async function createRegistration(org: Org): Promise<string> {
  const eventId = await createEvent(org);
  const data = await must<{ register: { id: string } }>(
    personOf(org),
    /* GraphQL */ `mutation ($input: RegisterInput!) { register(input: $input) { id } }`,
    { input: { eventId } },
  );
  return data.register.id;
}
async function createProject(org: Org, status: 'SUBMITTED' | 'FUNDED'): Promise<string> {
  const data = await must<{ createProject: { id: string } }>(
    admin,
    /* GraphQL */ `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
    { input: { acronym: `MTX${unique()}`.toUpperCase().slice(0, 20), title: 'Projet de la matrice', coordinatorId: orgId(org) } },
  );
  const projectId = data.createProject.id;
  if (status === 'FUNDED') {
    for (const to of ['LABELLED', 'FUNDED']) {
      await must(admin, /* GraphQL */ `mutation ($input: TransitionProjectInput!) { transitionProject(input: $input) { id } }`, {
        input: { projectId, to },
      });
    }
  }
  return projectId;
}

/**
 * A write on an event that `org` organises (made fresh for the fixture), as one line:
 * `onOwnEvent('postponeEvent(id: $id, start: $start)', { start: ['DateTime!', () => inDays(15)] })`.
 * `$id` is the event's id; each other variable names its GraphQL type and how to make its value.
 */
function onOwnEvent(field: string, more: Record<string, [type: string, value: () => unknown]> = {}): Fixture {
  const declarations = ['$id: ID!', ...Object.entries(more).map(([name, [type]]) => `$${name}: ${type}`)].join(', ');
  return {
    prepare: async (org) => {
      const id = await createEvent(org);
      return call(`mutation (${declarations}) { ${field} { __typename } }`, () => ({
        id,
        ...Object.fromEntries(Object.entries(more).map(([name, [, value]]) => [name, value()])),
      }));
    },
  };
}

const FIXTURES: Record<string, Fixture> = {
  // members
  upsertOrganization: {
    prepare: async (org) => {
      const data = await must<{ organization: { name: string; kind: string } }>(
        admin,
        /* GraphQL */ `query ($id: ID!) { organization(id: $id) { name kind } }`,
        { id: orgId(org) },
      );
      return call(/* GraphQL */ `mutation ($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { __typename } }`, () => ({
        input: { id: orgId(org), name: data.organization.name, kind: data.organization.kind },
      }));
    },
  },
  addMembership: {
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: AddMembershipInput!) { addMembership(input: $input) { __typename } }`, () => ({
        input: { organizationId: orgId(org), ecosystemCode: 'ADS', role: 'MEMBER' },
      })),
  },
  endMembership: {
    prepare: async (org) => {
      await must(admin, /* GraphQL */ `mutation ($input: AddMembershipInput!) { addMembership(input: $input) { __typename } }`, {
        input: { organizationId: orgId(org), ecosystemCode: 'PSC', role: 'MEMBER' },
      }).catch(() => undefined);
      return call(/* GraphQL */ `mutation ($input: EndMembershipInput!) { endMembership(input: $input) { __typename } }`, () => ({
        input: { organizationId: orgId(org), ecosystemCode: 'PSC' },
      }));
    },
  },
  upsertPerson: {
    selfOnA: true,
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { __typename } }`, () => ({
        input: { id: org === 'A' ? personA : personB, givenName: 'Camille', familyName: `Matrice${unique()}` },
      })),
  },
  erasePerson: {
    perCall: true,
    prepare: async (org) => {
      const data = await must<{ upsertPerson: { id: string } }>(
        admin,
        /* GraphQL */ `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { id } }`,
        { input: { givenName: 'Dominique', familyName: `Effacé${unique()}`, affiliations: [{ organizationId: orgId(org), primary: true }] } },
      );
      const id = data.upsertPerson.id;
      return call(/* GraphQL */ `mutation ($id: ID!) { erasePerson(id: $id) { __typename } }`, () => ({ id }));
    },
  },
  createProject: {
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: CreateProjectInput!) { createProject(input: $input) { __typename } }`, () => ({
        input: { acronym: `MTX${unique()}`.toUpperCase().slice(0, 20), title: 'Projet de la matrice', coordinatorId: orgId(org) },
      })),
  },
  transitionProject: {
    prepare: async (org) => {
      const projectId = await createProject(org, 'FUNDED');
      return call(/* GraphQL */ `mutation ($input: TransitionProjectInput!) { transitionProject(input: $input) { __typename } }`, () => ({
        input: { projectId, to: 'RUNNING' },
      }));
    },
  },
  addParticipant: {
    prepare: async (org) => {
      const projectId = await createProject(org, 'SUBMITTED');
      return call(/* GraphQL */ `mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { __typename } }`, () => ({
        input: { projectId, organizationId: demoOrganization('inserm').id, role: 'PARTNER' },
      }));
    },
  },
  // datasets
  createDataset: {
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { __typename } }`, () => ({
        input: {
          identifier: `https://data.example.org/matrix/${unique()}`,
          titleFr: 'Jeu de la matrice',
          descriptionFr: 'Décrit pour la matrice des droits.',
          catalogueId: org === 'A' ? ids.catalogueA : ids.catalogueB,
          publisherId: orgId(org),
          typology: 'COHORT',
          accessRights: 'RESTRICTED',
          healthCategories: ['RMMD'],
          contactName: 'Bureau des données',
        },
      })),
  },
  addDistribution: {
    prepare: async (org) => {
      const datasetId = await createDataset(org);
      return call(/* GraphQL */ `mutation ($input: AddDistributionInput!) { addDistribution(input: $input) { __typename } }`, () => ({
        input: { datasetId, accessURL: 'https://data.example.org/access', accessService: 'API', title: 'Accès', format: 'CSV' },
      }));
    },
  },
  createAccessRequest: {
    owner: 'viewer',
    prepare: async (org) => {
      const datasetId = await createDataset(org);
      return call(/* GraphQL */ `mutation ($input: CreateAccessRequestInput!) { createAccessRequest(input: $input) { __typename } }`, () => ({
        input: { datasetIds: [datasetId], purpose: 'Étude de la matrice des droits' },
      }));
    },
  },
  transitionAccessRequest: {
    prepare: async (org) => {
      // A request of a third organisation to a dataset that `org` publishes: the steward side acts.
      const requester: Viewer = { sub: demoPeople()[7]!.id, org: demoOrganization('inserm').id, roles: [Role.MEMBER] };
      const id = await createAccessRequest(requester, await createDataset(org), true);
      return call(
        /* GraphQL */ `mutation ($input: TransitionAccessRequestInput!) { transitionAccessRequest(input: $input) { __typename } }`,
        () => ({ input: { id, to: 'INCOMPLETE', note: 'Précisez la finalité' } }),
      );
    },
  },
  submitAccessRequest: {
    perCall: true,
    prepare: async (org) => {
      const id = await createAccessRequest(personOf(org), await createDataset(org === 'A' ? 'B' : 'A'), false);
      return call(/* GraphQL */ `mutation ($id: ID!) { submitAccessRequest(id: $id) { __typename } }`, () => ({ id }));
    },
  },
  withdrawAccessRequest: {
    perCall: true,
    prepare: async (org) => {
      const id = await createAccessRequest(personOf(org), await createDataset(org === 'A' ? 'B' : 'A'), false);
      return call(/* GraphQL */ `mutation ($id: ID!) { withdrawAccessRequest(id: $id) { __typename } }`, () => ({ id }));
    },
  },
  // training
  createModule: {
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: CreateModuleInput!) { createModule(input: $input) { __typename } }`, () => ({
        input: moduleInput(org),
      })),
  },
  publishModule: {
    prepare: async (org) => {
      const id = await createModule(org, false);
      return call(/* GraphQL */ `mutation ($id: ID!) { publishModule(id: $id) { __typename } }`, () => ({ id }));
    },
  },
  setModulePrerequisites: {
    prepare: async (org) => {
      const moduleId = await createModule(org, true);
      return call(
        /* GraphQL */ `mutation ($moduleId: ID!, $prerequisiteIds: [ID!]!) { setModulePrerequisites(moduleId: $moduleId, prerequisiteIds: $prerequisiteIds) { __typename } }`,
        () => ({ moduleId, prerequisiteIds: [] }),
      );
    },
  },
  scheduleSession: {
    prepare: async (org) => {
      const moduleId = await createModule(org, true);
      return call(/* GraphQL */ `mutation ($input: ScheduleSessionInput!) { scheduleSession(input: $input) { __typename } }`, () => ({
        input: { moduleId, providerId: orgId(org), courseMode: 'E_LEARNING', startsAt: inDays(20), endsAt: inDays(21), virtualUrl: 'https://learn.example.org/matrice' },
      }));
    },
  },
  upsertPersona: {
    owner: 'neither',
    prepare: async () => {
      const persona = (await sql<{ id: string; code: string; title: string; jobFamily: string }>('training', 'SELECT id, code, title, jobFamily FROM persona ORDER BY code LIMIT 1'))[0]!;
      return call(/* GraphQL */ `mutation ($input: UpsertPersonaInput!) { upsertPersona(input: $input) { __typename } }`, () => ({
        input: { id: persona.id, code: persona.code, title: persona.title, jobFamily: persona.jobFamily },
      }));
    },
  },
  setRequirement: {
    owner: 'neither',
    prepare: async () => {
      const personaId = await one('training', 'SELECT id FROM persona ORDER BY code LIMIT 1');
      const competencyId = await one('training', 'SELECT id FROM competency ORDER BY id LIMIT 1');
      return call(/* GraphQL */ `mutation ($input: SetRequirementInput!) { setRequirement(input: $input) { __typename } }`, () => ({
        input: { personaId, competencyId, requiredLevel: 'ACCULTURATION', priority: 'ESSENTIAL' },
      }));
    },
  },
  enrol: {
    selfOnA: true,
    prepare: async (org) => {
      const moduleId = await createModule(org, true);
      return call(/* GraphQL */ `mutation ($input: EnrolInput!) { enrol(input: $input) { __typename } }`, () => ({
        input: { moduleId, learnerId: org === 'A' ? personA : personB },
      }));
    },
  },
  withdraw: {
    selfOnA: true,
    prepare: async (org) => {
      const enrolmentId = await createEnrolment(org);
      return call(/* GraphQL */ `mutation ($enrolmentId: ID!) { withdraw(enrolmentId: $enrolmentId) { __typename } }`, () => ({ enrolmentId }));
    },
  },
  recordProgress: {
    selfOnA: true,
    prepare: async (org) => {
      const enrolmentId = await createEnrolment(org);
      return call(/* GraphQL */ `mutation ($input: RecordProgressInput!) { recordProgress(input: $input) { __typename } }`, () => ({
        input: { enrolmentId, progress: 0.5 },
      }));
    },
  },
  completeEnrolment: {
    prepare: async (org) => {
      const enrolmentId = await createEnrolment(org);
      return call(/* GraphQL */ `mutation ($input: CompleteEnrolmentInput!) { completeEnrolment(input: $input) { __typename } }`, () => ({
        input: { enrolmentId, score: 80 },
      }));
    },
  },
  // events
  createEvent: {
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: CreateEventInput!) { createEvent(input: $input) { __typename } }`, () => ({ input: eventInput(org) })),
  },
  rescheduleEvent: onOwnEvent('rescheduleEvent(id: $id, start: $start, end: $end)', { start: ['DateTime!', () => inDays(12)], end: ['DateTime!', () => inDays(12, 2)] }),
  postponeEvent: onOwnEvent('postponeEvent(id: $id)'),
  cancelEvent: onOwnEvent('cancelEvent(id: $id)'),
  addSpeaker: {
    prepare: async (org) => {
      const eventId = await createEvent(org);
      return call(/* GraphQL */ `mutation ($input: AddSpeakerInput!) { addSpeaker(input: $input) { __typename } }`, () => ({
        input: { eventId, personId: demoPeople()[serial % 100]!.id, role: 'SPEAKER' },
      }));
    },
  },
  linkDataset: {
    prepare: async (org) => {
      const eventId = await createEvent(org);
      const datasetId = await createDataset(org, 'PUBLIC');
      return call(/* GraphQL */ `mutation ($eventId: ID!, $datasetId: ID!) { linkDataset(eventId: $eventId, datasetId: $datasetId) { __typename } }`, () => ({
        eventId,
        datasetId,
      }));
    },
  },
  createSeries: {
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: CreateSeriesInput!) { createSeries(input: $input) { __typename } }`, () => ({
        input: {
          title: `Café de la matrice ${unique()}`,
          organizerId: orgId(org),
          dtstart: inDays(14),
          rrule: 'FREQ=WEEKLY;COUNT=2',
          durationMinutes: 60,
          virtualUrl: 'https://live.example.org/cafe',
        },
      })),
  },
  publishCall: {
    prepare: async (org) =>
      call(/* GraphQL */ `mutation ($input: PublishCallInput!) { publishCall(input: $input) { __typename } }`, () => ({
        input: { title: `AMI de la matrice ${unique()}`, theme: 'matrix', publisherId: orgId(org), deadline: inDays(30) },
      })),
  },
  submitExpressionOfInterest: {
    prepare: async (org) => {
      const data = await must<{ publishCall: { id: string } }>(
        admin,
        /* GraphQL */ `mutation ($input: PublishCallInput!) { publishCall(input: $input) { id } }`,
        { input: { title: `AMI ouvert ${unique()}`, theme: 'matrix-open', publisherId: demoOrganization('medicen').id, deadline: inDays(30) } },
      );
      const datasetId = await createDataset(org, 'PUBLIC');
      return call(
        /* GraphQL */ `mutation ($input: ExpressionOfInterestInput!) { submitExpressionOfInterest(input: $input) { __typename } }`,
        () => ({ input: { callId: data.publishCall.id, organizationId: orgId(org), datasetIds: [datasetId] } }),
      );
    },
  },
  register: {
    selfOnA: true,
    prepare: async (org) => {
      const eventId = await createEvent(org);
      return call(/* GraphQL */ `mutation ($input: RegisterInput!) { register(input: $input) { __typename } }`, () => ({
        input: { eventId, personId: org === 'A' ? personA : personB },
      }));
    },
  },
  cancelRegistration: {
    selfOnA: true,
    prepare: async (org) => {
      const id = await createRegistration(org);
      return call(/* GraphQL */ `mutation ($id: ID!) { cancelRegistration(id: $id) { __typename } }`, () => ({ id }));
    },
  },
  checkIn: {
    prepare: async (org) => {
      const id = await createRegistration(org);
      return call(/* GraphQL */ `mutation ($id: ID!) { checkIn(id: $id) { __typename } }`, () => ({ id }));
    },
  },
  createCalendarFeed: {
    owner: 'viewer',
    prepare: async () => call(/* GraphQL */ `mutation { createCalendarFeed { __typename } }`, () => ({})),
  },
  revokeCalendarFeed: {
    selfOnA: true,
    prepare: async (org) => {
      const data = await must<{ createCalendarFeed: { feed: { id: string } } }>(
        personOf(org),
        /* GraphQL */ `mutation { createCalendarFeed { feed { id } } }`,
      );
      const id = data.createCalendarFeed.feed.id;
      return call(/* GraphQL */ `mutation ($id: ID!) { revokeCalendarFeed(id: $id) { __typename } }`, () => ({ id }));
    },
  },
};

/* ------------------------------------------------------------------------------------------------
 * The expected verdict, from the table's entry, in the terms of the matrix: a viewer of A, and a
 * target whose owner is A, B, the viewer's own organisation, or neither.
 */
type Verdict = 'ALLOWED' | 'UNAUTHENTICATED' | 'REFUSED';
function expectedVerdict(policy: MutationPolicy, fixture: Fixture, viewer: Viewer | null, target: Org): Verdict {
  if (!viewer) return 'UNAUTHENTICATED';
  if (viewer.roles.includes(Role.ADMIN)) return policy.adminsExcluded ? 'REFUSED' : 'ALLOWED';
  const owner = fixture.owner ?? 'target';
  const ownsTarget = owner === 'viewer' || (owner === 'target' && target === 'A');
  const self = Boolean(fixture.selfOnA) && target === 'A';
  const role = policy.roles.length === 0 || policy.roles.some((r) => viewer.roles.includes(r));
  const verdicts: Record<MutationPolicy['relation'], boolean> = {
    none: role,
    self,
    org: role && ownsTarget,
    everyOrg: role && ownsTarget,
    selfOrOrg: self || (role && ownsTarget),
    admin: false,
  };
  return verdicts[policy.relation] ? 'ALLOWED' : 'REFUSED';
}

beforeAll(async () => {
  graph = await startGraph('authz');
  ids.catalogue = await one('datasets', 'SELECT id FROM catalogue ORDER BY id LIMIT 1');
  // A catalogue of each organisation: listing a dataset in a catalogue needs its publisher's consent.
  for (const [key, org] of [['catalogueA', A], ['catalogueB', B]] as const) {
    ids[key] = demoId('catalogue', `matrix-${key}`);
    await sql('datasets', 'INSERT INTO catalogue (id, title, publisherId) VALUES (?, ?, ?)', [ids[key], `Catalogue ${key}`, org]);
  }
  ids.domain = await one('training', 'SELECT id FROM domain ORDER BY id LIMIT 1');
}, 240_000);

afterAll(async () => {
  await graph?.stop();
});

/* ------------------------------------------------------------------------------------------------ */

describe('the six cross-organisation writes that were once accepted are refused with FORBIDDEN', () => {
  // A person of A holding every non-admin role, as in the report.
  const everyRoleOfA: Viewer = { sub: personA, org: A, roles: [Role.MEMBER, Role.DATA_STEWARD, Role.TRAINING_MANAGER, Role.EVENT_ORGANISER] };

  async function refused(subgraph: string, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse<unknown>> {
    const before = await snapshot(subgraph);
    const response = await graph.query(query, variables, { viewer: everyRoleOfA });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot(subgraph)).toEqual(before);
    return response;
  }

  it('enrol of a learner of another organisation', async () => {
    const moduleId = await createModule('B', true);
    await refused('training', /* GraphQL */ `mutation ($input: EnrolInput!) { enrol(input: $input) { id } }`, { input: { moduleId, learnerId: personB } });
    // Naming B as the employer does not help either.
    await refused('training', /* GraphQL */ `mutation ($input: EnrolInput!) { enrol(input: $input) { id } }`, {
      input: { moduleId, learnerId: personB, employerId: B },
    });
  });

  it('createModule with providers of another organisation', async () => {
    await refused('training', /* GraphQL */ `mutation ($input: CreateModuleInput!) { createModule(input: $input) { id } }`, { input: moduleInput('B') });
    await refused('training', /* GraphQL */ `mutation ($input: CreateModuleInput!) { createModule(input: $input) { id } }`, {
      input: { ...moduleInput('A'), providerIds: [A, B] },
    });
  });

  it('setModulePrerequisites on a module the viewer’s organisation does not provide', async () => {
    const moduleId = await createModule('B', true);
    const prerequisite = await createModule('A', true);
    await refused(
      'training',
      /* GraphQL */ `mutation ($m: ID!, $p: [ID!]!) { setModulePrerequisites(moduleId: $m, prerequisiteIds: $p) { id } }`,
      { m: moduleId, p: [prerequisite] },
    );
  });

  it('upsertPersona overwriting a persona of the shared catalogue, and creating one', async () => {
    const persona = (await sql<{ id: string; code: string; jobFamily: string }>('training', 'SELECT id, code, jobFamily FROM persona ORDER BY code LIMIT 1'))[0]!;
    const UPSERT = /* GraphQL */ `mutation ($input: UpsertPersonaInput!) { upsertPersona(input: $input) { id } }`;
    await refused('training', UPSERT, { input: { id: persona.id, code: persona.code, title: 'Écrasé', jobFamily: persona.jobFamily } });
    await refused('training', UPSERT, { input: { code: `P-MTX-${unique()}`.toUpperCase(), title: 'Nouveau', jobFamily: persona.jobFamily } });
    // The academy's training managers curate it.
    const academy: Viewer = { sub: 'academy-tm', org: demoOrganization('leem').id, roles: [Role.TRAINING_MANAGER] };
    const title = (await sql<{ title: string }>('training', 'SELECT title FROM persona WHERE id = ?', [persona.id]))[0]!.title;
    await must(academy, UPSERT, { input: { id: persona.id, code: persona.code, title, jobFamily: persona.jobFamily } });
  });

  it('setRequirement on the shared competency matrix', async () => {
    const personaId = await one('training', 'SELECT id FROM persona ORDER BY code LIMIT 1');
    const competencyId = await one('training', 'SELECT id FROM competency ORDER BY id DESC LIMIT 1');
    await refused('training', /* GraphQL */ `mutation ($input: SetRequirementInput!) { setRequirement(input: $input) { requiredLevel } }`, {
      input: { personaId, competencyId, requiredLevel: 'EXPERT', priority: 'ESSENTIAL' },
    });
  });

  it('upsertPerson of oneself with an affiliation to another organisation', async () => {
    const response = await refused('members', /* GraphQL */ `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { id } }`, {
      input: { id: personA, givenName: 'Camille', familyName: 'Transfuge', affiliations: [{ organizationId: A }, { organizationId: B, primary: true }] },
    });
    expect(response.errors?.[0]?.extensions?.field).toBe('input.affiliations.1.organizationId');
    // Keeping one's own organisation is fine; B's own people may affiliate someone to B.
    await must(everyRoleOfA, /* GraphQL */ `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { id } }`, {
      input: { id: personA, givenName: 'Camille', familyName: 'Matrice', affiliations: [{ organizationId: A, primary: true }] },
    });
  });
});

describe('writes that name other organisations as owners', () => {
  it('createEvent naming another organisation as co-organiser is refused; naming one’s own is not', async () => {
    const organiser: Viewer = { sub: personA, org: A, roles: [Role.MEMBER, Role.EVENT_ORGANISER] };
    const CREATE = /* GraphQL */ `mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }`;
    const before = await snapshot('events');
    const response = await graph.query(CREATE, { input: { ...eventInput('A'), organizerIds: [A, B] } }, { viewer: organiser });
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot('events')).toEqual(before);
    await must(organiser, CREATE, { input: eventInput('A') });
  });
});

describe('references to what another organisation owns need its consent', () => {
  const stewardOfA: Viewer = { sub: personA, org: A, roles: [Role.MEMBER, Role.DATA_STEWARD] };

  async function refusedAt(subgraph: string, viewer: Viewer, query: string, variables: Record<string, unknown>, field: string): Promise<void> {
    const before = await snapshot(subgraph);
    const response = await graph.query(query, variables, { viewer });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', field });
    expect(await snapshot(subgraph)).toEqual(before);
  }

  it('createDataset of A listed in a catalogue of B is refused; in A\u2019s own catalogue it is not', async () => {
    const CREATE = /* GraphQL */ `mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id } }`;
    const input = (catalogueId: string): Record<string, unknown> => ({
      identifier: `https://data.example.org/matrix/${unique()}`,
      titleFr: 'Jeu dans le catalogue d\u2019autrui',
      descriptionFr: 'Décrit pour la matrice des droits.',
      catalogueId,
      publisherId: A,
      typology: 'COHORT',
      accessRights: 'RESTRICTED',
      healthCategories: ['RMMD'],
      contactName: 'Bureau des données',
    });
    await refusedAt('datasets', stewardOfA, CREATE, { input: input(ids.catalogueB!) }, 'input.catalogueId');
    await must(stewardOfA, CREATE, { input: input(ids.catalogueA!) });
  });

  it('register on behalf of another organisation, or of another person, is refused; of oneself for one\u2019s own it is not', async () => {
    const REGISTER = /* GraphQL */ `mutation ($input: RegisterInput!) { register(input: $input) { id } }`;
    const organiserOfA: Viewer = { sub: personA, org: A, roles: [Role.MEMBER, Role.EVENT_ORGANISER] };
    const eventId = await createEvent('A');
    await refusedAt('events', organiserOfA, REGISTER, { input: { eventId, organizationId: B } }, 'input.organizationId');
    // Registering someone else needs their consent: not even the event's organisers may.
    const someoneElse = await graph.query(REGISTER, { input: { eventId, personId: personB } }, { viewer: organiserOfA });
    expect(someoneElse.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    await must(organiserOfA, REGISTER, { input: { eventId, organizationId: A } });
    await must(admin, REGISTER, { input: { eventId, personId: personB } });
  });
});

describe('the authorisation matrix: every mutation of the composed schema', () => {
  it('has an entry in the table and a fixture for every mutation, and no entry for a mutation that does not exist', async () => {
    const { data } = await graph.query<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      /* GraphQL */ `{ __schema { mutationType { fields { name } } } }`,
    );
    const mutations = data!.__schema.mutationType.fields.map((f) => f.name).sort();
    expect(mutations.length).toBeGreaterThan(30);
    expect(mutations.filter((m) => !MUTATION_POLICIES[m])).toEqual([]);
    expect(mutations.filter((m) => !FIXTURES[m])).toEqual([]);
    expect(Object.keys(MUTATION_POLICIES).filter((m) => !mutations.includes(m))).toEqual([]);
  });

  it('gives every viewer the verdict of the table, and every refusal leaves the tables as they were', async () => {
    const { data } = await graph.query<{ __schema: { mutationType: { fields: { name: string }[] } } }>(
      /* GraphQL */ `{ __schema { mutationType { fields { name } } } }`,
    );
    const mutations = data!.__schema.mutationType.fields.map((f) => f.name).sort();
    const figures = { calls: 0, allowed: 0, allowedAndWritten: 0, refusedByCode: {} as Record<string, number>, rowsWrittenByRefusals: 0, changedByRefusals: 0 };
    const mismatches: string[] = [];
    for (const mutation of mutations) {
      const policy = MUTATION_POLICIES[mutation];
      const fixture = FIXTURES[mutation];
      if (!policy || !fixture) continue; // reported by the test above
      for (const target of ['A', 'B'] as const) {
        // The last snapshot taken after a refusal stands for the next call's "before", as long as
        // nothing was allowed or prepared in between.
        const known = new Map<string, Snapshot>();
        let prepared = await fixture.prepare(target);
        // The first allowed call on a fresh target must succeed outright (later ones may find it moved on).
        let fresh = true;
        for (const [label, viewer] of VIEWERS) {
          if (fixture.perCall && label !== VIEWERS[0]![0]) {
            prepared = await fixture.prepare(target);
            known.clear();
            fresh = true;
          }
          const expected = expectedVerdict(policy, fixture, viewer, target);
          const before = expected === 'ALLOWED' ? null : (known.get(policy.subgraph) ?? (await snapshot(policy.subgraph)));
          const response = await graph.query(prepared.query, prepared.variables(), viewer ? { viewer } : {});
          figures.calls += 1;
          const code = response.errors?.[0]?.extensions?.code as string | undefined;
          const where = `${mutation} on a target of ${target} by ${label}`;
          if (code === 'INTERNAL_SERVER_ERROR' || response.status >= 500) mismatches.push(`${where}: ${errorsOf(response)}`);
          if (expected === 'ALLOWED') {
            known.clear();
            figures.allowed += 1;
            if (!code) figures.allowedAndWritten += 1;
            // Allowed: past the authorisation check; the target may since have moved on (CONFLICT, a state transition).
            if (code === 'UNAUTHENTICATED' || code === 'FORBIDDEN' || (code === 'NOT_FOUND' && policy.hidesTarget)) {
              mismatches.push(`${where}: expected to be allowed, got ${errorsOf(response)}`);
            } else if (fresh && code) {
              mismatches.push(`${where}: the first allowed call on a fresh target failed: ${errorsOf(response)}`);
            }
            fresh = false;
            continue;
          }
          figures.refusedByCode[code ?? 'none'] = (figures.refusedByCode[code ?? 'none'] ?? 0) + 1;
          const accepted = expected === 'UNAUTHENTICATED' ? ['UNAUTHENTICATED'] : policy.hidesTarget ? ['FORBIDDEN', 'NOT_FOUND'] : ['FORBIDDEN'];
          if (!code || !accepted.includes(code)) mismatches.push(`${where}: expected ${accepted.join(' or ')}, got ${code ? errorsOf(response) : 'success'}`);
          const after = await snapshot(policy.subgraph);
          known.set(policy.subgraph, after);
          figures.rowsWrittenByRefusals += Math.abs(after.rows - before!.rows);
          if (after.checksum !== before!.checksum) {
            figures.changedByRefusals += 1;
            mismatches.push(`${where}: a refused call changed the ${policy.subgraph} tables`);
          }
        }
      }
    }
    console.log(`authorisation matrix: ${JSON.stringify(figures)}`);
    expect(mismatches).toEqual([]);
    expect(figures.rowsWrittenByRefusals).toBe(0);
    expect(figures.calls).toBe(mutations.length * 2 * VIEWERS.length);
    // The matrix is not vacuous: it refuses by role, by relation and anonymously, and allows some of each.
    expect(figures.refusedByCode.FORBIDDEN).toBeGreaterThan(100);
    expect(figures.refusedByCode.UNAUTHENTICATED).toBe(mutations.length * 2);
    expect(figures.allowedAndWritten).toBeGreaterThan(40);
  }, 240_000);
});

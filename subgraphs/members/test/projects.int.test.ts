import { DEMO_CALLS, demoOrganization, demoProjectIds } from '@ecosystem/shared';
import { ADMIN, createHarness, managerOf, MEMBER, statements, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await createHarness('members-projects');
});
afterAll(async () => h.close());

interface ProjectsData {
  projects: {
    totalCount: number;
    budgetTotals: { amount: string; currency: string }[];
    edges: { cursor: string; node: { id: string; acronym: string; status: string; international: boolean; totalBudget: { amount: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const PROJECTS = /* GraphQL */ `
  query ($filter: ProjectFilter, $first: Int, $after: String) {
    projects(filter: $filter, first: $first, after: $after) {
      totalCount
      budgetTotals { amount currency }
      edges { cursor node { id acronym status international totalBudget { amount } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const FUNDED = ['FUNDED', 'RUNNING', 'COMPLETED'];

describe('demo projects', () => {
  it('seeds 200 projects with the shared ids', async () => {
    expect(await h.count('project')).toBe(200);
    const { data } = await h.run<ProjectsData>(PROJECTS, { first: 200 });
    expect(new Set(data?.projects.edges.map((e) => e.node.id))).toEqual(new Set(demoProjectIds()));
  });

  it('has 40 labelled and funded projects for more than 150 M EUR, as an exact decimal total', async () => {
    const { data, errors } = await h.run<ProjectsData>(PROJECTS, { filter: { status: FUNDED, ecosystem: 'MEDICEN' }, first: 5 });
    expect(errors).toBeUndefined();
    expect(data?.projects.totalCount).toBe(40);
    expect(data?.projects.edges).toHaveLength(5);
    expect(data?.projects.budgetTotals).toEqual([{ amount: '159000000.00', currency: 'EUR' }]);
  });

  it('has 11 EU/international projects', async () => {
    const { data } = await h.run<ProjectsData>(PROJECTS, { filter: { international: true } });
    expect(data?.projects.totalCount).toBe(11);
    const eu = await h.run<ProjectsData>(PROJECTS, { filter: { fundingScheme: ['HORIZON_EUROPE', 'EU4HEALTH'] } });
    expect(eu.data?.projects.totalCount).toBe(11);
  });

  it('filters by partner, minimum budget and text', async () => {
    const dassault = demoOrganization('dassault-systemes').id;
    const { data } = await h.run<ProjectsData>(PROJECTS, { filter: { partnerId: dassault, text: 'meditwin', minBudget: '2999999.99' } });
    expect(data?.projects.edges.map((e) => e.node.acronym)).toEqual(['MEDITWIN']);
    const none = await h.run<ProjectsData>(PROJECTS, { filter: { minBudget: '99999999999' } });
    expect(none.data?.projects).toMatchObject({ totalCount: 0, budgetTotals: [] });
    const bad = await h.run<ProjectsData>(PROJECTS, { filter: { minBudget: '12,5' } });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.minBudget' });
  });

  it('contributes Call.resultingProjects and Project.call stubs', async () => {
    const cardio = DEMO_CALLS[0]!;
    const { data, errors } = await h.run<{ _entities: { id: string; resultingProjects: { therapeuticAreas: string[]; call: { id: string } }[] }[] }>(
      /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Call { id resultingProjects { therapeuticAreas call { id } } } } }`,
      { reps: [{ __typename: 'Call', id: cardio.id }] },
    );
    expect(errors).toBeUndefined();
    const projects = data!._entities[0]!.resultingProjects;
    expect(projects.length).toBe(10);
    expect(projects.every((p) => p.therapeuticAreas.includes('cardiovascular') && p.call.id === cardio.id)).toBe(true);
  });

  it('shows participants with roles and exact budget shares, and Organization.projects(role)', async () => {
    const { data, errors } = await h.run<{
      organization: { projects: { role: string; project: { acronym: string; participants: { role: string; budgetShare: { amount: string; currency: string } }[] } }[] };
    }>(/* GraphQL */ `query ($id: ID!) { organization(id: $id) { projects(role: COORDINATOR) { role project { acronym participants { role budgetShare { amount currency } } } } } }`, {
      id: demoOrganization('dassault-systemes').id,
    });
    expect(errors).toBeUndefined();
    const meditwin = data?.organization.projects.find((p) => p.project.acronym === 'MEDITWIN');
    expect(meditwin?.project.participants).toEqual([
      { role: 'CLINICAL_SITE', budgetShare: { amount: '450000.00', currency: 'EUR' } },
      { role: 'COORDINATOR', budgetShare: { amount: '1200000.00', currency: 'EUR' } },
      { role: 'DATA_PROVIDER', budgetShare: { amount: '600000.00', currency: 'EUR' } },
      { role: 'PARTNER', budgetShare: { amount: '750000.00', currency: 'EUR' } },
    ]);
  });
});

describe('pagination', () => {
  it('keeps cursors valid when projects are inserted between two page requests', async () => {
    const page1 = await h.run<ProjectsData>(PROJECTS, { first: 10 });
    const expectedNext = await h.run<ProjectsData>(PROJECTS, { first: 10, after: page1.data!.projects.pageInfo.endCursor });
    // Insert projects that sort before, inside and after the first page.
    for (const acronym of ['AAAA-NEW', page1.data!.projects.edges[3]!.node.acronym + '-B', 'ZZZZ-NEW']) {
      const created = await h.run(
        /* GraphQL */ `mutation ($input: CreateProjectInput!) { createProject(input: $input) { id } }`,
        { input: { acronym, title: 'Inserted between pages', coordinatorId: demoOrganization('inserm').id } },
        ADMIN,
      );
      expect(created.errors).toBeUndefined();
    }
    const page2 = await h.run<ProjectsData>(PROJECTS, { first: 10, after: page1.data!.projects.pageInfo.endCursor });
    expect(page2.data?.projects.edges.map((e) => e.node.id)).toEqual(expectedNext.data?.projects.edges.map((e) => e.node.id));
    expect(page2.data?.projects.totalCount).toBe(expectedNext.data!.projects.totalCount + 3);
  });
});

const CREATE = /* GraphQL */ `
  mutation ($input: CreateProjectInput!) {
    createProject(input: $input) { id status totalBudget { amount currency } publicFunding { amount } fundingScheme period { start end } participants { role organization { id } } }
  }
`;
const TRANSITION = /* GraphQL */ `
  mutation ($input: TransitionProjectInput!) { transitionProject(input: $input) { id status labelDate labelledBy { code } } }
`;
const ADD = /* GraphQL */ `
  mutation ($input: AddParticipantInput!) { addParticipant(input: $input) { role budgetShare { amount currency } organization { id } } }
`;

describe('project lifecycle', () => {
  const coordinator = demoOrganization('ad-scientiam').id;
  const valid = {
    acronym: 'SENSE-MS',
    title: 'Suivi numérique de la sclérose en plaques',
    coordinatorId: coordinator,
    fundingScheme: ['BPIFRANCE'],
    totalBudget: { amount: '1000000.10', currency: 'EUR' },
    publicFunding: { amount: '450000', currency: 'EUR' },
    startDate: '2025-01-01',
    endDate: '2027-12-31',
    trl: 5,
  };

  it.each([
    [{ acronym: '!!' }, 'BAD_USER_INPUT', 'input.acronym'],
    [{ trl: 12 }, 'BAD_USER_INPUT', 'input.trl'],
    [{ totalBudget: { amount: '10.123', currency: 'EUR' } }, 'BAD_USER_INPUT', 'input.totalBudget.amount'],
    [{ totalBudget: { amount: '10', currency: 'EURO' } }, 'BAD_USER_INPUT', 'input.totalBudget.currency'],
    [{ publicFunding: { amount: '450000', currency: 'USD' } }, 'BAD_USER_INPUT', 'input.publicFunding.currency'],
    [{ publicFunding: { amount: '2000000', currency: 'EUR' } }, 'BAD_USER_INPUT', 'input.publicFunding.amount'],
    [{ endDate: '2024-01-01' }, 'BAD_USER_INPUT', 'input.endDate'],
    [{ startDate: '2025-02-30x' }, 'BAD_USER_INPUT', 'input.startDate'],
    [{ coordinatorId: 'missing' }, 'BAD_USER_INPUT', 'input.coordinatorId'],
  ])('createProject refuses %j with %s on %s, writing nothing', async (patch, code, field) => {
    const before = [await h.count('project'), await h.count('project_participation'), await h.count('project_funding')];
    const { errors } = await h.run(CREATE, { input: { ...valid, ...patch } }, ADMIN);
    expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    expect([await h.count('project'), await h.count('project_participation'), await h.count('project_funding')]).toEqual(before);
  });

  it('createProject is for admins or the coordinator\'s managers', async () => {
    const before = await h.count('project');
    expect((await h.run(CREATE, { input: valid })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await h.run(CREATE, { input: valid }, MEMBER)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await h.count('project')).toBe(before);
  });

  let projectId = '';

  it('creates a SUBMITTED project with exact money and its coordinator', async () => {
    const { data, errors } = await h.run<{ createProject: Record<string, unknown> & { id: string } }>(CREATE, { input: valid }, managerOf(coordinator));
    expect(errors).toBeUndefined();
    expect(data?.createProject).toMatchObject({
      status: 'SUBMITTED',
      totalBudget: { amount: '1000000.10', currency: 'EUR' },
      publicFunding: { amount: '450000.00' },
      fundingScheme: ['BPIFRANCE'],
      period: { start: new Date('2025-01-01T00:00:00.000Z'), end: new Date('2027-12-31T00:00:00.000Z') },
      participants: [{ role: 'COORDINATOR', organization: { id: coordinator } }],
    });
    projectId = data!.createProject.id;
  });

  it('adds participants with budget shares that cannot exceed the budget', async () => {
    const partner = demoOrganization('inria').id;
    const before = await h.count('project_participation');
    const refusals: [unknown, string, string][] = [
      [{ organizationId: partner, role: 'PARTNER', budgetShare: { amount: '1000000.11', currency: 'EUR' } }, 'BAD_USER_INPUT', 'input.budgetShare.amount'],
      [{ organizationId: partner, role: 'PARTNER', budgetShare: { amount: '10', currency: 'USD' } }, 'BAD_USER_INPUT', 'input.budgetShare.currency'],
      [{ organizationId: partner, role: 'COORDINATOR' }, 'CONFLICT', 'input.role'],
      [{ organizationId: coordinator, role: 'PARTNER' }, 'CONFLICT', 'input.organizationId'],
      [{ organizationId: 'missing', role: 'PARTNER' }, 'BAD_USER_INPUT', 'input.organizationId'],
    ];
    for (const [patch, code, field] of refusals) {
      const { errors } = await h.run(ADD, { input: { projectId, ...(patch as object) } }, ADMIN);
      expect(errors?.[0]?.extensions).toMatchObject({ code, field });
    }
    expect((await h.run(ADD, { input: { projectId, organizationId: partner, role: 'PARTNER' } }, managerOf(partner))).errors?.[0]?.extensions?.code).toBe(
      'FORBIDDEN',
    );
    expect(await h.count('project_participation')).toBe(before);
    const { data, errors } = await h.run(ADD, { input: { projectId, organizationId: partner, role: 'PARTNER', budgetShare: { amount: '400000.05', currency: 'EUR' } } }, managerOf(coordinator));
    expect(errors).toBeUndefined();
    expect(data).toEqual({ addParticipant: { role: 'PARTNER', budgetShare: { amount: '400000.05', currency: 'EUR' }, organization: { id: partner } } });
  });

  it('never lets concurrent budget shares exceed the budget together', async () => {
    // 1,000,000.10 EUR budget, 400,000.05 already allocated: each 400,000 share fits alone, not both.
    const candidates = ['psl', 'health-data-hub', 'ans'].map((k) => demoOrganization(k).id);
    const results = await Promise.all(
      candidates.map((organizationId) =>
        h.run(ADD, { input: { projectId, organizationId, role: 'PARTNER', budgetShare: { amount: '400000', currency: 'EUR' } } }, ADMIN),
      ),
    );
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    for (const refused of results.filter((r) => r.errors)) {
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.budgetShare.amount' });
    }
    const rows = (await h.db.dataSource.query(`SELECT budgetShareCents FROM project_participation WHERE projectId = '${projectId}'`)) as { budgetShareCents: string | number | null }[];
    const total = rows.reduce((sum, r) => sum + BigInt(r.budgetShareCents ?? 0), 0n);
    expect(total).toBe(80000005n);
  });

  it('refuses illegal transitions with INVALID_STATE_TRANSITION and non-admin labelling with FORBIDDEN', async () => {
    const funded = await h.run(TRANSITION, { input: { projectId, to: 'FUNDED' } }, ADMIN);
    expect(funded.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE_TRANSITION', from: 'SUBMITTED', to: 'FUNDED' });
    const byManager = await h.run(TRANSITION, { input: { projectId, to: 'LABELLED' } }, managerOf(coordinator));
    expect(byManager.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const badCode = await h.run(TRANSITION, { input: { projectId, to: 'LABELLED', labelledBy: ['MEDICEN', 'NOPE'] } }, ADMIN);
    expect(badCode.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.labelledBy.1' });
    const { data } = await h.run<{ project: { status: string } }>(`query ($id: ID!) { project(id: $id) { status } }`, { id: projectId });
    expect(data?.project.status).toBe('SUBMITTED');
  });

  it('lets exactly one of two concurrent identical transitions win', async () => {
    const results = await Promise.all([
      h.run(TRANSITION, { input: { projectId, to: 'LABELLED', labelledBy: ['MEDICEN'] } }, ADMIN),
      h.run(TRANSITION, { input: { projectId, to: 'LABELLED', labelledBy: ['MEDICEN'] } }, ADMIN),
    ]);
    const won = results.filter((r) => !r.errors);
    expect(won).toHaveLength(1);
    expect(won[0]?.data).toMatchObject({ transitionProject: { status: 'LABELLED', labelledBy: [{ code: 'MEDICEN' }] } });
    expect(results.find((r) => r.errors)?.errors?.[0]?.extensions?.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('goes LABELLED -> FUNDED -> RUNNING -> COMPLETED, then refuses anything else', async () => {
    expect((await h.run(TRANSITION, { input: { projectId, to: 'FUNDED' } }, ADMIN)).errors).toBeUndefined();
    expect((await h.run(TRANSITION, { input: { projectId, to: 'RUNNING' } }, managerOf(coordinator))).errors).toBeUndefined();
    expect((await h.run(TRANSITION, { input: { projectId, to: 'COMPLETED' } }, managerOf(coordinator))).errors).toBeUndefined();
    const again = await h.run(TRANSITION, { input: { projectId, to: 'REJECTED' } }, ADMIN);
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_STATE_TRANSITION', from: 'COMPLETED', to: 'REJECTED' });
    const late = await h.run(ADD, { input: { projectId, organizationId: demoOrganization('psl').id, role: 'PARTNER' } }, ADMIN);
    expect(late.errors?.[0]?.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.projectId' });
  });
});

describe('loaders: N loads make one SQL statement', () => {
  const ids = demoProjectIds().slice(0, 60);
  const orgIds = ['inserm', 'inria', 'dassault-systemes', 'doctolib', 'servier'].map((k) => demoOrganization(k).id);
  const cases: [string, () => Promise<unknown>][] = [
    ['projectById', async () => { const l = h.loaders(); await Promise.all(ids.map((id) => l.projectById.load(id))); }],
    ['participationsByProjectId', async () => { const l = h.loaders(); await Promise.all(ids.map((id) => l.participationsByProjectId.load(id))); }],
    ['participationsByOrganizationId', async () => { const l = h.loaders(); await Promise.all(orgIds.map((id) => l.participationsByOrganizationId.load(id))); }],
    ['fundingSchemesByProjectId', async () => { const l = h.loaders(); await Promise.all(ids.map((id) => l.fundingSchemesByProjectId.load(id))); }],
    ['labelEcosystemIdsByProjectId', async () => { const l = h.loaders(); await Promise.all(ids.map((id) => l.labelEcosystemIdsByProjectId.load(id))); }],
    ['projectsByCallId', async () => { const l = h.loaders(); await Promise.all(DEMO_CALLS.map((c) => l.projectsByCallId.load(c.id))); }],
  ];
  it.each(cases)('%s', async (_name, fn) => {
    expect(await statements(h.db, fn)).toBe(1);
  });

  it('a page of projects with everything: a fixed number of statements', async () => {
    const query = /* GraphQL */ `{ projects(first: 100) { totalCount budgetTotals { amount } edges { node { id labelledBy { code } fundingScheme participants { role organization { name } } } } } }`;
    const n = await statements(h.db, async () => expect((await h.run(query)).errors).toBeUndefined());
    // count, page, totals, labels, ecosystems, schemes, participations, organisations
    expect(n).toBe(8);
  });

  it('Project references through _entities', async () => {
    const reps = ids.map((id) => ({ __typename: 'Project', id }));
    const n = await statements(h.db, async () => {
      const { errors } = await h.run(/* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Project { id acronym } } }`, {
        reps: [...reps, ...reps],
      });
      expect(errors).toBeUndefined();
    });
    expect(n).toBe(1);
  });
});

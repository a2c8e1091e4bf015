import { demoOrganization, demoPeople, DEMO_JOB_TITLES, Role, type Viewer } from '@ecosystem/shared';
import { startHarness, type Harness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('training-queries');
});

afterAll(async () => {
  await h.close();
});

const admin: Viewer = { sub: 'admin', roles: [Role.ADMIN] };

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  return ((await h.db.dataSource.query(sql, params)) as T[])[0] as T;
}

describe('competency matrix', () => {
  it('is shaped for a heatmap: rows, columns and cells that point into them', async () => {
    const { data, errors } = await h.run<{
      competencyMatrix: {
        rows: { id: string; code: string }[];
        columns: { id: string; domain: { code: string } | null }[];
        cells: { row: number; column: number; personaId: string; competencyId: string; requiredLevel: string; priority: string; value: number }[];
        maxValue: number;
      };
    }>(/* GraphQL */ `
      {
        competencyMatrix {
          rows { id code }
          columns { id domain { code } }
          cells { row column personaId competencyId requiredLevel priority value }
          maxValue
        }
      }
    `);
    expect(errors).toBeUndefined();
    const matrix = data!.competencyMatrix;
    expect(matrix.rows).toHaveLength(150);
    expect(matrix.columns.length).toBeGreaterThan(90);
    expect(matrix.cells.length).toBeGreaterThanOrEqual(1700);
    for (const cell of matrix.cells) {
      expect(matrix.rows[cell.row]?.id).toBe(cell.personaId);
      expect(matrix.columns[cell.column]?.id).toBe(cell.competencyId);
      expect(cell.value).toBeGreaterThan(0);
      expect(cell.value).toBeLessThanOrEqual(matrix.maxValue);
    }
  });

  it('restricts rows to the given personae and columns to the given domains', async () => {
    const personae = (await h.db.dataSource.query("SELECT id FROM persona WHERE code LIKE 'P-DATA-IT-MED-%' ORDER BY code")) as { id: string }[];
    const domain = await one<{ id: string }>("SELECT id FROM domain WHERE code = 'DATA-AI'");
    h.db.counter.reset();
    const { data, errors } = await h.run<{
      competencyMatrix: { rows: { id: string }[]; columns: { domain: { id: string } }[]; cells: { priority: string }[] };
    }>(
      /* GraphQL */ `query ($p: [ID!], $d: [ID!]) { competencyMatrix(personaIds: $p, domainIds: $d) { rows { id } columns { domain { id } } cells { priority } } }`,
      { p: personae.map((p) => p.id), d: [domain.id] },
    );
    expect(errors).toBeUndefined();
    expect(data!.competencyMatrix.rows).toHaveLength(8);
    expect(data!.competencyMatrix.columns).toHaveLength(7);
    expect(data!.competencyMatrix.columns.every((c) => c.domain.id === domain.id)).toBe(true);
    // Data jobs have DATA-AI as a core domain: essential cells.
    expect(data!.competencyMatrix.cells.some((c) => c.priority === 'ESSENTIAL')).toBe(true);
    expect(h.db.counter.total).toBeLessThanOrEqual(4);
  });
});

interface PathData {
  learningPath: {
    title: string;
    totalMinutes: number;
    persona: { code: string };
    steps: { order: number; optional: boolean; module: { id: string; durationMinutes: number; prerequisites: { id: string }[] } }[];
  } | null;
}

const LEARNING_PATH = /* GraphQL */ `
  query ($personaId: ID!) {
    learningPath(personaId: $personaId) {
      title totalMinutes persona { code }
      steps { order optional module { id durationMinutes prerequisites { id } } }
    }
  }
`;

describe('learning paths', () => {
  it('every persona has a path whose steps come after their prerequisites, with a derived total', async () => {
    const personae = (await h.db.dataSource.query('SELECT id FROM persona ORDER BY code')) as { id: string }[];
    expect(personae).toHaveLength(150);
    for (const { id } of personae.filter((_, i) => i % 10 === 0)) {
      const { data, errors } = await h.run<PathData>(LEARNING_PATH, { personaId: id });
      expect(errors).toBeUndefined();
      const path = data!.learningPath!;
      expect(path.steps.length).toBeGreaterThan(2);
      const position = new Map(path.steps.map((s) => [s.module.id, s.order]));
      for (const step of path.steps) {
        for (const prerequisite of step.module.prerequisites) {
          // Every prerequisite of a step is in the path, earlier.
          expect(position.get(prerequisite.id)).toBeLessThan(step.order);
        }
      }
      expect(path.steps.map((s) => s.order)).toEqual(path.steps.map((_, i) => i + 1));
      expect(path.totalMinutes).toBe(path.steps.reduce((sum, s) => sum + s.module.durationMinutes, 0));
    }
  });

  it('the total is derived, not stored: no column holds it', async () => {
    const columns = h.db.dataSource.getMetadata('learning_path').columns.map((c) => c.propertyName);
    expect(columns).not.toContain('totalMinutes');
  });
});

describe('modules: persona and competency filters, facets', () => {
  it('lists the modules that teach what a persona needs, with facets over the filter', async () => {
    const persona = await one<{ id: string }>("SELECT id FROM persona WHERE title = 'Data scientist'");
    const { data, errors } = await h.run<{
      modules: {
        totalCount: number;
        edges: { node: { teaches: { id: string }[] } }[];
        facets: {
          levels: { value: string; count: number }[];
          formats: { value: string; count: number }[];
          domains: { domain: { code: string }; count: number }[];
          providers: { value: string; organization: { id: string }; count: number }[];
        };
      };
    }>(
      /* GraphQL */ `query ($f: ModuleFilter) { modules(filter: $f, first: 200) {
        totalCount edges { node { teaches { id } } }
        facets { levels { value count } formats { value count } domains { value label domain { code } count } providers { value organization { id } count } }
      } }`,
      { f: { personaId: persona.id } },
    );
    expect(errors).toBeUndefined();
    const required = new Set(
      ((await h.db.dataSource.query('SELECT competencyId FROM competency_requirement WHERE personaId = ?', [persona.id])) as {
        competencyId: string;
      }[]).map((r) => r.competencyId),
    );
    const page = data!.modules;
    expect(page.totalCount).toBeGreaterThan(0);
    for (const edge of page.edges) expect(edge.node.teaches.some((c) => required.has(c.id))).toBe(true);
    expect(page.facets.levels.reduce((s, f) => s + f.count, 0)).toBe(page.totalCount);
    expect(page.facets.domains.reduce((s, f) => s + f.count, 0)).toBe(page.totalCount);
    expect(page.facets.formats.length).toBeGreaterThan(1);
    expect(page.facets.providers.length).toBeGreaterThan(1);
  });

  it('counts each facet without its own condition (choosing a level keeps the other levels)', async () => {
    const { data } = await h.run<{ modules: { totalCount: number; facets: { levels: { value: string; count: number }[] } } }>(
      /* GraphQL */ `{ modules(filter: { levels: [EXPERT] }) { totalCount facets { levels { value count } } } }`,
    );
    expect(data!.modules.facets.levels).toHaveLength(4);
    expect(data!.modules.facets.levels.find((l) => l.value === 'EXPERT')?.count).toBe(data!.modules.totalCount);
  });

  it('labels every domain of the domains facet in the language asked for (English titles, French by default)', async () => {
    type Labelled = { modules: { facets: { domains: { value: string; label: string; domain: { title: string } }[] } } };
    const QUERY = /* GraphQL */ `query ($lang: Language) { modules(first: 0) { facets { domains { value label(lang: $lang) domain { title } } } } }`;
    const fr = (await h.run<Labelled>(QUERY, {})).data!.modules.facets.domains;
    const en = (await h.run<Labelled>(QUERY, { lang: 'EN' })).data!.modules.facets.domains;
    expect(fr.length).toBeGreaterThan(10);
    for (const facet of fr) expect(facet.label).toBe(facet.domain.title);
    const english = new Map(en.map((f) => [f.value, f.label]));
    const same = fr.filter((f) => english.get(f.value) === f.label).map((f) => f.label);
    // Only a title spelt alike in both languages (Cybersécurité is not) may stay the same.
    expect(same).toEqual([]);
    expect(en.find((f) => f.domain.title === 'Données de vie réelle')?.label).toBe('Real-world data');
  });

  it('gives every demo module and domain an English title, and finds modules by English words as by French ones', async () => {
    type Page = { modules: { totalCount: number; edges: { node: { code: string; title: string; titleEn: string | null; domain: { titleEn: string | null } } }[] } };
    const QUERY = /* GraphQL */ `query ($text: String) { modules(filter: { text: $text }, first: 200) { totalCount edges { node { code title titleEn domain { titleEn } } } } }`;
    const all = (await h.run<Page>(QUERY, {})).data!.modules;
    expect(all.totalCount).toBeGreaterThan(50);
    for (const { node } of all.edges) {
      expect(node.titleEn).toBeTruthy();
      expect(node.titleEn).not.toBe(node.title);
      expect(node.domain.titleEn).toBeTruthy();
    }
    const codes = async (text: string): Promise<string[]> => (await h.run<Page>(QUERY, { text })).data!.modules.edges.map((e) => e.node.code).sort();
    // English words only in the English titles: "pharmaceutical", "monitoring", "machine learning".
    const pharmaceutical = await codes('pharmaceutical');
    expect(pharmaceutical.length).toBeGreaterThanOrEqual(3);
    expect(pharmaceutical).toEqual(await codes('pharmaceutique').then((fr) => [...new Set([...fr, ...pharmaceutical])].sort()));
    // "apprentissage automatique" is also in the French descriptions of the domain's other modules.
    expect(await codes('machine learning')).toEqual(['DATA-AI-2']);
    expect((await codes('Pharmacovigilance social media')).length).toBe(1);
    // Case and accents ignored in both languages; French still found.
    expect(await codes('DECENTRALISED trial')).toEqual(await codes('essai décentralisé'));
  });

  it('filters by competency', async () => {
    const c = await one<{ id: string }>("SELECT id FROM competency WHERE code = 'DATA-AI-C4'");
    const { data } = await h.run<{ modules: { edges: { node: { teaches: { id: string }[] } }[] } }>(
      /* GraphQL */ `query ($id: ID!) { modules(filter: { competencyId: $id }) { edges { node { teaches { id } } } } }`,
      { id: c.id },
    );
    expect(data!.modules.edges.length).toBeGreaterThan(0);
    for (const e of data!.modules.edges) expect(e.node.teaches.map((t) => t.id)).toContain(c.id);
  });
});

describe('personae', () => {
  it('lists ~150 personae with job families, ROME/ISCO codes and constraints', async () => {
    const { data, errors } = await h.run<{
      personae: { totalCount: number; edges: { node: { jobFamily: string; romeCode: string; iscoCode: string; escoOccupation: string; constraints: { preferredFormats: string[] } } }[] };
    }>(/* GraphQL */ `{ personae(first: 200) { totalCount edges { node { jobFamily romeCode iscoCode escoOccupation constraints { maxSessionMinutes needsFlexibility preferredFormats } } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.personae.totalCount).toBe(150);
    expect(new Set(data!.personae.edges.map((e) => e.node.jobFamily)).size).toBe(9);
    for (const { node } of data!.personae.edges) {
      expect(node.romeCode).toMatch(/^[A-N]\d{4}$/);
      expect(node.iscoCode).toMatch(/^\d{4}$/);
      expect(node.escoOccupation).toMatch(/^http:\/\/data\.europa\.eu\/esco\//);
      expect(node.constraints.preferredFormats.length).toBeGreaterThan(0);
    }
  });

  it('seeds codes that the write inputs accept (so every demo row can be updated)', async () => {
    const codes = (await h.db.dataSource.query('SELECT code FROM persona UNION ALL SELECT code FROM module')) as { code: string }[];
    for (const { code } of codes) expect(code).toMatch(/^[A-Z0-9][A-Z0-9-]{1,31}$/);
  });
});

describe('Person: suggestedPersona (@requires jobTitle) and enrolments', () => {
  const people = demoPeople();
  const learner = people[0]!;

  it('suggests a persona for every demo job title', async () => {
    const reps = DEMO_JOB_TITLES.map((jobTitle, i) => ({ __typename: 'Person', id: people[i]!.id, jobTitle }));
    h.db.counter.reset();
    const { data, errors } = await h.run<{ _entities: { suggestedPersona: { title: string } | null }[] }>(
      /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { suggestedPersona { title } } } }`,
      { reps },
    );
    expect(errors).toBeUndefined();
    expect(data!._entities.map((e) => e.suggestedPersona?.title)).toEqual(DEMO_JOB_TITLES);
    expect(h.db.counter.total).toBe(1);
  });

  it('matches job titles that are not exactly a persona title, and returns null without one', async () => {
    const { data } = await h.run<{ _entities: { suggestedPersona: { jobFamily: string } | null }[] }>(
      /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { suggestedPersona { jobFamily } } } }`,
      {
        reps: [
          { __typename: 'Person', id: 'a', jobTitle: 'Senior data scientist' },
          { __typename: 'Person', id: 'b', jobTitle: 'DÉLÉGUÉE MÉDICALE' },
          { __typename: 'Person', id: 'c', jobTitle: null },
        ],
      },
    );
    expect(data!._entities.map((e) => e.suggestedPersona?.jobFamily ?? null)).toEqual(['DATA_IT', 'SALES', null]);
  });

  const ENROLMENTS = /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { enrolments { id status employer { id } module { code } } } } }`;

  it('shows a person their own enrolments, and admins too', async () => {
    const own = await h.run<{ _entities: { enrolments: { id: string }[] }[] }>(ENROLMENTS, { reps: [{ __typename: 'Person', id: learner.id }] }, { sub: learner.id, roles: [Role.MEMBER] });
    expect(own.errors).toBeUndefined();
    const count = await one<{ n: number | string }>('SELECT COUNT(*) AS n FROM enrolment WHERE learnerId = ?', [learner.id]);
    expect(own.data!._entities[0]!.enrolments).toHaveLength(Number(count.n));
    expect(Number(count.n)).toBeGreaterThan(0);
    const byAdmin = await h.run<{ _entities: { enrolments: { id: string }[] }[] }>(ENROLMENTS, { reps: [{ __typename: 'Person', id: learner.id }] }, admin);
    expect(byAdmin.data!._entities[0]!.enrolments).toHaveLength(Number(count.n));
  });

  it('shows the employer’s training managers only the enrolments made with that employer', async () => {
    const manager: Viewer = { sub: 'manager', org: learner.organization.id, roles: [Role.TRAINING_MANAGER] };
    const { data } = await h.run<{ _entities: { enrolments: { employer: { id: string } }[] }[] }>(ENROLMENTS, { reps: [{ __typename: 'Person', id: learner.id }] }, manager);
    expect(data!._entities[0]!.enrolments.length).toBeGreaterThan(0);
    expect(data!._entities[0]!.enrolments.every((e) => e.employer.id === learner.organization.id)).toBe(true);
    const otherManager: Viewer = { sub: 'other', org: demoOrganization('inserm').id, roles: [Role.TRAINING_MANAGER] };
    const other = await h.run<{ _entities: { enrolments: unknown[] }[] }>(ENROLMENTS, { reps: [{ __typename: 'Person', id: learner.id }] }, otherManager);
    expect(other.data!._entities[0]!.enrolments).toEqual([]);
  });

  it('refuses anonymous callers and other members', async () => {
    const anonymous = await h.run(ENROLMENTS, { reps: [{ __typename: 'Person', id: learner.id }] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const someoneElse = await h.run(ENROLMENTS, { reps: [{ __typename: 'Person', id: learner.id }] }, { sub: people[1]!.id, roles: [Role.MEMBER] });
    expect(someoneElse.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('loads enrolments of many people in one statement', async () => {
    const reps = people.slice(0, 40).map((p) => ({ __typename: 'Person', id: p.id }));
    h.db.counter.reset();
    const { errors } = await h.run(/* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Person { enrolments { id } } } }`, { reps }, admin);
    expect(errors).toBeUndefined();
    expect(h.db.counter.total).toBe(1);
  });
});

describe('Organization.learningStats', () => {
  const employer = demoPeople()[0]!.organization.id;
  const STATS = /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id learningStats { enrolments completions byDomain { domain { code } enrolments completions } } } } }`;

  it('gives an organisation’s training managers its enrolments and completions by domain', async () => {
    const manager: Viewer = { sub: 'm', org: employer, roles: [Role.TRAINING_MANAGER] };
    const { data, errors } = await h.run<{
      _entities: { learningStats: { enrolments: number; completions: number; byDomain: { enrolments: number; completions: number }[] } }[];
    }>(STATS, { reps: [{ __typename: 'Organization', id: employer }] }, manager);
    expect(errors).toBeUndefined();
    const stats = data!._entities[0]!.learningStats;
    const expected = await one<{ n: number | string; done: number | string }>(
      "SELECT COUNT(*) AS n, SUM(CASE WHEN status IN ('COMPLETED','PASSED') THEN 1 ELSE 0 END) AS done FROM enrolment WHERE employerId = ?",
      [employer],
    );
    expect(stats.enrolments).toBe(Number(expected.n));
    expect(stats.completions).toBe(Number(expected.done));
    expect(stats.byDomain.reduce((s, d) => s + d.enrolments, 0)).toBe(stats.enrolments);
  });

  it('refuses other organisations’ training managers and members', async () => {
    const other: Viewer = { sub: 'm', org: demoOrganization('inserm').id, roles: [Role.TRAINING_MANAGER] };
    const refused = await h.run(STATS, { reps: [{ __typename: 'Organization', id: employer }] }, other);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const member = await h.run(STATS, { reps: [{ __typename: 'Organization', id: employer }] }, { sub: 'x', org: employer, roles: [Role.MEMBER] });
    expect(member.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('counts many organisations in one statement', async () => {
    const reps = demoPeople().slice(0, 30).map((p) => ({ __typename: 'Organization', id: p.organization.id }));
    h.db.counter.reset();
    await h.run(/* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { learningStats { enrolments byDomain { domain { code } } } } } }`, { reps }, admin);
    // stats (1) + domains (1)
    expect(h.db.counter.total).toBe(2);
  });
});

describe('the federated question', () => {
  it('for persona X: essential competencies, modules teaching them, providers, upcoming sessions with seats', async () => {
    const persona = await one<{ id: string }>("SELECT id FROM persona WHERE title = 'Data scientist'");
    h.db.counter.reset();
    const { data, errors } = await h.run<{
      persona: {
        requirements: {
          priority: string;
          competency: { title: string; taughtBy: { code: string; providers: { id: string }[]; sessions: { seatsLeft: number | null; period: { start: string } }[] }[] };
        }[];
      };
    }>(
      /* GraphQL */ `query ($id: ID!, $from: DateTime) {
        persona(id: $id) {
          requirements {
            priority
            competency { title taughtBy { code providers { id } sessions(from: $from) { seatsLeft period { start } } } }
          }
        }
      }`,
      { id: persona.id, from: new Date().toISOString() },
    );
    expect(errors).toBeUndefined();
    const essential = data!.persona.requirements.filter((r) => r.priority === 'ESSENTIAL');
    expect(essential.length).toBeGreaterThan(4);
    const modules = essential.flatMap((r) => r.competency.taughtBy);
    expect(modules.length).toBeGreaterThan(0);
    expect(modules.every((m) => m.providers.length > 0)).toBe(true);
    const upcoming = modules.flatMap((m) => m.sessions);
    expect(upcoming.length).toBeGreaterThan(0);
    expect(upcoming.every((s) => new Date(s.period.start).getTime() >= Date.now() - 60_000)).toBe(true);
    expect(upcoming.some((s) => s.seatsLeft === null || s.seatsLeft > 0)).toBe(true);
    // persona, requirements, competencies, taughtBy, providers, sessions: one statement each
    expect(h.db.counter.total).toBeLessThanOrEqual(6);
  });
});

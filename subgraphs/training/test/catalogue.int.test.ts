import { demoOrganization } from '@ecosystem/shared';
import { startHarness, type Harness } from './helpers';

let h: Harness;

beforeAll(async () => {
  h = await startHarness('training-catalogue');
});

afterAll(async () => {
  await h.close();
});

interface CatalogueData {
  catalogue: { code: string; title: string; domains: { code: string; category: { code: string }; modules: { code: string; level: string }[] }[] }[];
}

interface ModulesData {
  modules: {
    totalCount: number;
    edges: { cursor: string; node: { id: string; code: string; level: string; formats: string[]; providers: { id: string }[] } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

const MODULES = /* GraphQL */ `
  query Modules($filter: ModuleFilter, $first: Int, $after: String) {
    modules(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id code level formats providers { id } } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

describe('catalogue', () => {
  it('is a tree of 4 categories, 17 domains and ~60 modules from acculturation to expert', async () => {
    const { data, errors } = await h.run<CatalogueData>(/* GraphQL */ `
      { catalogue { code title domains { code category { code } modules { code level } } } }
    `);
    expect(errors).toBeUndefined();
    const categories = data?.catalogue ?? [];
    expect(categories).toHaveLength(4);
    const domains = categories.flatMap((c) => c.domains);
    expect(domains).toHaveLength(17);
    for (const category of categories) for (const d of category.domains) expect(d.category.code).toBe(category.code);
    const modules = domains.flatMap((d) => d.modules);
    expect(modules.length).toBeGreaterThanOrEqual(55);
    expect(modules.length).toBeLessThanOrEqual(65);
    expect(new Set(modules.map((m) => m.level))).toEqual(new Set(['ACCULTURATION', 'FOUNDATION', 'ADVANCED', 'EXPERT']));
  });

  it('answers the whole tree in a constant number of SQL statements', async () => {
    h.db.counter.reset();
    await h.run(/* GraphQL */ `{ catalogue { domains { category { title } modules { code domain { code } providers { id } } } } }`);
    // categories, domains, modules, providers (domain and category come from the loaders' caches or one batch each)
    expect(h.db.counter.total).toBeLessThanOrEqual(6);
  });
});

describe('modules', () => {
  it('pages over the whole catalogue by code without gaps or repeats', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const result: Awaited<ReturnType<typeof h.run<ModulesData>>> = await h.run<ModulesData>(MODULES, { first: 7, after });
      const page = result.data?.modules;
      if (!page) throw new Error(JSON.stringify(result.errors));
      total = page.totalCount;
      seen.push(...page.edges.map((e) => e.node.code));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort()).toEqual(seen);
  });

  it('filters by text (accents ignored), level, format and provider together', async () => {
    const telecom = demoOrganization('telecom-paris').id;
    const { data, errors } = await h.run<ModulesData>(MODULES, {
      filter: { text: 'donnees', levels: ['FOUNDATION', 'ADVANCED'], formats: ['VIRTUAL_CLASS'], providers: [telecom] },
      first: 50,
    });
    expect(errors).toBeUndefined();
    const nodes = data?.modules.edges.map((e) => e.node) ?? [];
    expect(nodes.length).toBeGreaterThan(0);
    expect(data?.modules.totalCount).toBe(nodes.length);
    for (const node of nodes) {
      expect(['FOUNDATION', 'ADVANCED']).toContain(node.level);
      expect(node.formats).toContain('VIRTUAL_CLASS');
      expect(node.providers.map((p) => p.id)).toContain(telecom);
    }
  });

  it('refuses a malformed filter id with BAD_USER_INPUT naming the field', async () => {
    const { errors } = await h.run(MODULES, { filter: { domains: ['nope'] } });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.domains.0' });
  });

  it('returns one module by id with its domain and price', async () => {
    const { data } = await h.run<ModulesData>(MODULES, { first: 1 });
    const id = data?.modules.edges[0]?.node.id;
    const one = await h.run<{ module: { id: string; domain: { title: string }; durationMinutes: number } }>(
      /* GraphQL */ `query ($id: ID!) { module(id: $id) { id domain { title } durationMinutes price { amount currency } } }`,
      { id },
    );
    expect(one.errors).toBeUndefined();
    expect(one.data?.module.id).toBe(id);
    expect(one.data?.module.durationMinutes).toBeGreaterThan(0);
  });
});

describe('federation', () => {
  it('contributes Organization.trainingOffers for the ADS partners', async () => {
    const isip = demoOrganization('isip').id;
    const telecom = demoOrganization('telecom-paris').id;
    const { data, errors } = await h.run<{ _entities: { id: string; trainingOffers: { code: string }[] }[] }>(
      /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { id trainingOffers { code } } } }`,
      { reps: [isip, telecom].map((id) => ({ __typename: 'Organization', id })) },
    );
    expect(errors).toBeUndefined();
    expect(data?._entities[0]?.trainingOffers.length).toBeGreaterThan(0);
    expect(data?._entities[1]?.trainingOffers.map((m) => m.code)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^DATA-AI-/)]),
    );
  });

  it('resolves Module references in one SQL statement, whatever their number', async () => {
    const ids = (await h.db.dataSource.query('SELECT id FROM module ORDER BY id')) as { id: string }[];
    const query = /* GraphQL */ `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Module { id code } } }`;
    const count = async (n: number): Promise<number> => {
      const reps = ids.slice(0, n).map(({ id }) => ({ __typename: 'Module', id }));
      h.db.counter.reset();
      const { data, errors } = await h.run<{ _entities: { id: string }[] }>(query, { reps: [...reps, ...reps] });
      expect(errors).toBeUndefined();
      expect(data?._entities.map((e) => e.id)).toEqual([...reps, ...reps].map((r) => r.id));
      return h.db.counter.total;
    };
    expect(await count(3)).toBe(1);
    expect(await count(50)).toBe(1);
  });
});

describe('schema.org JSON-LD export', () => {
  it('serves a module as a Course with its upcoming CourseInstances, and the catalogue as an ItemList', async () => {
    const running = await h.server.listen(0, '127.0.0.1');
    try {
      const module = ((await h.db.dataSource.query("SELECT id FROM module WHERE code = 'DATA-AI-2'")) as { id: string }[])[0]!;
      h.db.counter.reset();
      const response = await fetch(`${running.url}/jsonld/modules/${module.id}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/application\/ld\+json/);
      const course = (await response.json()) as Record<string, unknown> & { hasCourseInstance: Record<string, unknown>[] };
      expect(course).toMatchObject({
        '@context': 'https://schema.org',
        '@type': 'Course',
        '@id': `urn:uuid:${module.id}`,
        courseCode: 'DATA-AI-2',
        inLanguage: 'fr',
        educationalLevel: 'Fondamentaux',
        offers: { '@type': 'Offer', priceCurrency: 'EUR' },
      });
      expect(course.timeRequired).toMatch(/^PT\d+H(\d+M)?$/);
      expect((course.teaches as unknown[]).length).toBeGreaterThan(0);
      expect((course.coursePrerequisites as { courseCode: string }[]).map((p) => p.courseCode)).toEqual(['DATA-AI-1']);
      for (const instance of course.hasCourseInstance) {
        expect(instance['@type']).toBe('CourseInstance');
        expect(new Date(instance.startDate as string).getTime()).toBeGreaterThan(Date.now() - 60_000);
        expect(['online', 'onsite', 'blended']).toContain(instance.courseMode);
        // provider belongs to the Course; the session's organisation is its organizer.
        expect(instance.provider).toBeUndefined();
        expect(instance.organizer).toMatchObject({ '@type': 'Organization', '@id': expect.stringMatching(/^urn:uuid:/) });
        expect(instance.courseWorkload).toBe(course.timeRequired);
      }
      expect(h.db.counter.total).toBe(6);

      type Listed = { item: { offers?: { price: unknown }; hasCourseInstance: Record<string, unknown>[] } };
      const list = (await (await fetch(`${running.url}/jsonld/modules`)).json()) as { '@type': string; numberOfItems: number; itemListElement: Listed[] };
      expect(list['@type']).toBe('ItemList');
      expect(list.numberOfItems).toBeGreaterThanOrEqual(55);
      expect(list.itemListElement.filter((e) => e.item.offers === undefined)).toEqual([]);
      const instances = list.itemListElement.flatMap((e) => e.item.hasCourseInstance);
      for (const instance of instances) expect(instance.courseWorkload).toMatch(/^PT(\d+H)?(\d+M)?$/);
      // Classes held on several days at the same hours carry a daily schedule.
      const scheduled = instances.filter((i) => i.courseSchedule);
      expect(scheduled.length).toBeGreaterThan(0);
      for (const instance of scheduled) {
        expect(instance.courseSchedule).toMatchObject({ '@type': 'Schedule', repeatFrequency: 'P1D', repeatCount: expect.any(Number), scheduleTimezone: 'Europe/Paris' });
      }
      expect((await fetch(`${running.url}/jsonld/modules/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
      expect((await fetch(`${running.url}/jsonld/modules/nope`)).status).toBe(400);
    } finally {
      await running.close();
    }
  });
});

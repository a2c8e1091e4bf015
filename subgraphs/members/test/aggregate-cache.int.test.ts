// The aggregate cache in a real members database: totals are computed once per filter,
// and every write (mutation, repository write, transaction) shows at once.
import { attachAggregateCache, type AggregateCache, demoOrganization } from '@ecosystem/shared';
import { Person } from '../src/person/person.entity';
import { ADMIN, createHarness, statements, type Harness } from './harness';

let h: Harness;
let cache: AggregateCache;
beforeAll(async () => {
  h = await createHarness('members-aggregate-cache');
  cache = attachAggregateCache(h.db.dataSource, { ttlSeconds: 60 });
});
afterAll(async () => h.close());

// The organisation directory counts in memory (directory-index.ts) and no longer uses this cache;
// the people directory does (shared paginate: its totalCount).
interface Page {
  people: { totalCount: number; edges: { node: { id: string } }[] };
}
const PAGE = /* GraphQL */ `
  query ($filter: PersonFilter, $first: Int) {
    people(filter: $filter, first: $first) { totalCount edges { node { id } } }
  }
`;

async function page(filter: Record<string, unknown> = {}, first = 5): Promise<{ data: Page; statements: number }> {
  let data: Page | undefined;
  const n = await statements(h.db, async () => {
    const result = await h.run<Page>(PAGE, { filter, first });
    expect(result.errors).toBeUndefined();
    data = result.data!;
  });
  return { data: data!, statements: n };
}

describe('aggregate cache (totals)', () => {
  it('computes the total once per filter; the page rows are read every time', async () => {
    cache.clear();
    const first = await page({ text: 'ma' });
    const again = await page({ text: 'ma' });
    expect(first.statements).toBe(2); // count + rows
    expect(again.statements).toBe(1); // rows only
    expect(again.data).toEqual(first.data);
    // Another filter, another key; more rows of the same filter share the key of its aggregates.
    expect((await page({ text: 'mar' })).statements).toBe(2);
    expect((await page({ text: 'ma' }, 50)).statements).toBe(1);
  });

  it('shows a mutation at once', async () => {
    const before = (await page()).data;
    const created = await h.run<{ upsertPerson: { id: string } }>(
      /* GraphQL */ `mutation ($input: UpsertPersonInput!) { upsertPerson(input: $input) { id } }`,
      { input: { givenName: 'Cache', familyName: 'Probe', affiliations: [{ organizationId: demoOrganization('inserm').id, role: 'Researcher', primary: true }] } },
      ADMIN,
    );
    expect(created.errors).toBeUndefined();
    const after = await page();
    expect(after.statements).toBe(2);
    expect(after.data.people.totalCount).toBe(before.people.totalCount + 1);
  });

  it('shows a write made through a repository, outside a transaction, at once', async () => {
    const before = (await page({ text: 'probe' })).data;
    const repository = h.db.dataSource.getRepository(Person);
    const person = repository.create({ id: '00000000-0000-4000-8000-00000000cace', givenName: 'Cache', familyName: 'Probe Two', expertise: [] });
    await repository.save(person);
    const after = (await page({ text: 'probe' })).data;
    expect(after.people.totalCount).toBe(before.people.totalCount + 1);
    await repository.delete({ id: person.id });
    expect((await page({ text: 'probe' })).data.people.totalCount).toBe(before.people.totalCount);
  });

  it('does not keep an aggregate that was being computed while a write committed', async () => {
    cache.clear();
    const key = 'race';
    let release!: (n: number) => void;
    const slow = cache.get(key, () => new Promise<number>((resolve) => (release = resolve)));
    // A write commits while the count is computing: its result (pre-write) is returned but not kept.
    cache.clear();
    release(1);
    expect(await slow).toBe(1);
    expect(await cache.get(key, () => Promise.resolve(2))).toBe(2);
    // Concurrent misses share one computation.
    cache.clear();
    let computed = 0;
    const compute = async (): Promise<number> => {
      computed += 1;
      await new Promise((r) => setTimeout(r, 20));
      return 3;
    };
    expect(await Promise.all([cache.get('shared', compute), cache.get('shared', compute), cache.get('shared', compute)])).toEqual([3, 3, 3]);
    expect(computed).toBe(1);
    // Failures are not kept.
    await expect(cache.get('fails', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await cache.get('fails', () => Promise.resolve(4))).toBe(4);
  });
});

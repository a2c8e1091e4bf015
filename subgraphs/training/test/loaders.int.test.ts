import { demoOrganizations } from '@ecosystem/shared';
import { type TrainingLoaders } from '../src/loaders';
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
});

import { fieldSelections, recordStatements } from '@ecosystem/shared';
import { buildMembersSchema } from '../src/schema';
import { createHarness, type Harness, statements } from './harness';

// An entity fetch reads the columns its selection needs (ORGANIZATION_PROJECTION): every field of
// Organization, selected alone, must answer what the whole row answers (Query.organization reads
// whole rows), for every organisation of the demo directory.

let h: Harness;
let ids: string[];

beforeAll(async () => {
  h = await createHarness('members-projection');
  ids = ((await h.db.dataSource.query('SELECT id FROM organization ORDER BY id')) as { id: string }[]).map((row) => row.id);
  // The demo directory has no groups: a few organisations get a parent, so that `parent` has values to compare.
  for (let i = 0; i < 6; i += 2) await h.db.dataSource.query('UPDATE organization SET parentId = ? WHERE id = ?', [ids[i + 1], ids[i]]);
});

afterAll(async () => {
  await h?.close();
});

const ENTITIES = (selection: string): string =>
  `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Organization { ${selection} } } }`;
const reps = (list: readonly string[]): { __typename: string; id: string }[] => list.map((id) => ({ __typename: 'Organization', id }));

describe('Organization entity fetches read the columns they select', () => {
  it('answers every field alone as the whole row does', async () => {
    const fields = fieldSelections(await buildMembersSchema(), 'Organization');
    expect(fields.map(([name]) => name)).toEqual(expect.arrayContaining(['name', 'address', 'parent', 'sectors']));
    const whole = ids.map((id, i) => `o${i}: organization(id: "${id}") { ...F }`).join(' ');
    for (const [field, selection] of fields) {
      const fetched = await h.run<{ _entities: unknown[] }>(ENTITIES(selection), { reps: reps(ids) });
      const read = await h.run<Record<string, unknown>>(`query { ${whole} } fragment F on Organization { ${selection} }`);
      expect({ field, errors: fetched.errors ?? read.errors }).toEqual({ field, errors: undefined });
      expect({ field, value: fetched.data?._entities }).toEqual({ field, value: ids.map((_, i) => read.data?.[`o${i}`]) });
    }
    // Each field is two requests over the whole directory: longer than the default timeout on a busy machine.
  }, 240_000);

  it('reads only the selected columns, in one statement for the batch', async () => {
    const { statements: sql, restore } = recordStatements(h.db.dataSource);
    try {
      const count = await statements(h.db, async () => {
        const { errors } = await h.run(ENTITIES('name'), { reps: reps(ids.slice(0, 50)) });
        expect(errors).toBeUndefined();
      });
      expect(count).toBe(1);
      expect(sql).toHaveLength(1);
      expect(sql[0]).toMatch(/Organization\.name/);
      expect(sql[0]).not.toMatch(/website|siren|street/);
    } finally {
      restore();
    }
  });

  it('hands whole rows to the resolvers that read them when a fetch read some columns of the same rows', async () => {
    const child = { id: ids[0]!, parentId: ids[1]! };
    // The parent is fetched for `name` (a partial row), and read whole as the child's parent in the same request.
    const selection = 'id name parent { id name website siren kind address { city } }';
    const fetched = await h.run<{ _entities: unknown[] }>(ENTITIES(selection), { reps: reps([child.parentId, child.id]) });
    const read = await h.run<Record<string, unknown>>(
      `query { a: organization(id: "${child.parentId}") { ${selection} } b: organization(id: "${child.id}") { ${selection} } }`,
    );
    expect(fetched.errors).toBeUndefined();
    expect(fetched.data?._entities).toEqual([read.data?.a, read.data?.b]);
  });

  it('answers a projection from the whole row the request already holds, without a statement', async () => {
    const loaders = h.loaders();
    const whole = await loaders.organizationById.load(ids[0]!);
    const count = await statements(h.db, async () => {
      expect(await loaders.organizationColumnsById.load({ id: ids[0]!, window: 'id,name' })).toBe(whole);
    });
    expect(count).toBe(0);
    // A partial row is never a whole one.
    const partial = await loaders.organizationColumnsById.load({ id: ids[1]!, window: 'id,name' });
    expect(partial?.website).toBeUndefined();
    expect(await loaders.organizationById.load(ids[1]!)).not.toBe(partial);
  });
});

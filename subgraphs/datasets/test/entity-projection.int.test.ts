import { fieldSelections, recordStatements, Role, type Viewer } from '@ecosystem/shared';
import { createLoaders } from '../src/context';
import { buildDatasetsSchema } from '../src/schema';
import { type Harness, startHarness } from './helpers';

// An entity fetch reads the columns its selection needs (DATASET_PROJECTION): every field of
// Dataset, selected alone, must answer what the whole row answers (Query.dataset reads whole rows),
// for every dataset of the demo catalogue, for an anonymous caller (non-public datasets' distributions
// lose their URLs) as for an admin.

let h: Harness;
let ids: string[];

beforeAll(async () => {
  h = await startHarness('datasets-projection');
  ids = ((await h.db.dataSource.query('SELECT id FROM dataset ORDER BY id')) as { id: string }[]).map((row) => row.id);
});

afterAll(async () => {
  await h?.close();
});

const ENTITIES = (selection: string): string => `query ($reps: [_Any!]!) { _entities(representations: $reps) { ... on Dataset { ${selection} } } }`;
const reps = (list: readonly string[]): { __typename: string; id: string }[] => list.map((id) => ({ __typename: 'Dataset', id }));

describe('Dataset entity fetches read the columns they select', () => {
  // Each field is two requests over the whole catalogue: longer than the default timeout on a busy machine.
  it.each([
    ['an anonymous caller', null],
    ['an admin', { sub: 'admin-1', roles: [Role.ADMIN] }],
  ] as [string, Viewer | null][])('answers every field alone as the whole row does, for %s', async (_, viewer) => {
    const fields = fieldSelections(await buildDatasetsSchema(), 'Dataset');
    expect(fields.map(([name]) => name)).toEqual(expect.arrayContaining(['title', 'publisher', 'distributions', 'temporal', 'contactPoint']));
    const whole = ids.map((id, i) => `d${i}: dataset(id: "${id}") { ...F }`).join(' ');
    for (const [field, selection] of fields) {
      const fetched = await h.run<{ _entities: unknown[] }>(ENTITIES(selection), { reps: reps(ids) }, viewer);
      const read = await h.run<Record<string, unknown>>(`query { ${whole} } fragment F on Dataset { ${selection} }`, {}, viewer);
      expect({ field, errors: fetched.errors ?? read.errors }).toEqual({ field, errors: undefined });
      expect({ field, value: fetched.data?._entities }).toEqual({ field, value: ids.map((_, i) => read.data?.[`d${i}`]) });
    }
  }, 240_000);

  it("reads W3's fields (title, publisher) in one statement without the descriptions", async () => {
    const { statements, restore } = recordStatements(h.db.dataSource);
    try {
      h.db.counter.reset();
      const { errors } = await h.run(ENTITIES('title { fr } publisher { __typename id }'), { reps: reps(ids.slice(0, 30)) });
      expect(errors).toBeUndefined();
      expect(h.db.counter.total).toBe(1);
    } finally {
      restore();
    }
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/Dataset\.titleFr/);
    expect(statements[0]).toMatch(/Dataset\.publisherId/);
    expect(statements[0]).not.toMatch(/descriptionFr|searchText|keywords/);
  });

  it('never hands a partial row to datasetById, and answers a projection from a whole row already read', async () => {
    const loaders = createLoaders(h.db.dataSource);
    const partial = await loaders.datasetColumnsById.load({ id: ids[0]!, window: 'id,titleEn,titleFr' });
    expect(partial?.titleFr).toEqual(expect.any(String));
    expect(partial?.descriptionFr).toBeUndefined();
    const whole = await loaders.datasetById.load(ids[0]!);
    expect(whole?.descriptionFr).toEqual(expect.any(String));
    const again = await loaders.datasetById.load(ids[1]!);
    h.db.counter.reset();
    expect(await loaders.datasetColumnsById.load({ id: ids[1]!, window: 'id,titleEn,titleFr' })).toBe(again);
    expect(h.db.counter.total).toBe(0);
  });
});

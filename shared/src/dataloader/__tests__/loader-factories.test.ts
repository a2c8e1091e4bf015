import { Column, Entity, In, PrimaryColumn } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../database/test-database';
import { byId, inList, lazyLoaders, manyByKey, windowedList } from '../loader-factories';

@Entity('kit_shelf')
class Shelf {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  code!: string;
}

@Entity('kit_book')
class Book {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 36 })
  shelfId!: string;

  @Column({ type: 'varchar', length: 64 })
  title!: string;

  @Column({ type: 'int' })
  year!: number;
}

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('kit-loaders', [Shelf, Book]);
  await db.dataSource.getRepository(Shelf).insert([
    { id: 's1', code: 'A' },
    { id: 's2', code: 'B' },
    { id: 's3', code: 'C' },
  ]);
  await db.dataSource.getRepository(Book).insert([
    { id: 'b1', shelfId: 's1', title: 'Zola', year: 1885 },
    { id: 'b2', shelfId: 's1', title: 'Balzac', year: 1834 },
    { id: 'b3', shelfId: 's2', title: 'Hugo', year: 1862 },
    { id: 'b4', shelfId: 's1', title: 'Sand', year: 1832 },
  ]);
});

afterAll(async () => {
  await db?.close();
});

/** Statements `run` sends. */
async function statements(run: () => Promise<unknown>): Promise<number> {
  db.counter.reset();
  await run();
  return db.counter.total;
}

describe('byId', () => {
  it('answers each key with its row or null, in one statement', async () => {
    const loader = byId(db.dataSource, Shelf);
    let rows: (Shelf | null)[] = [];
    expect(await statements(async () => (rows = await Promise.all(['s2', 'nope', 's1'].map((id) => loader.load(id)))))).toBe(1);
    expect(rows.map((row) => row?.code ?? null)).toEqual(['B', null, 'A']);
  });

  it('keys on another unique column', async () => {
    const loader = byId(db.dataSource, Shelf, 'code');
    expect((await loader.load('C'))?.id).toBe('s3');
  });
});

describe('manyByKey', () => {
  it('answers each key with its rows in order, [] when none, in one statement', async () => {
    const loader = manyByKey(db.dataSource, Book, 'shelfId', { order: { year: 'ASC' } });
    let lists: Book[][] = [];
    expect(await statements(async () => (lists = await Promise.all(['s1', 's2', 's3'].map((id) => loader.load(id)))))).toBe(1);
    expect(lists.map((books) => books.map((b) => b.id))).toEqual([['b4', 'b2', 'b1'], ['b3'], []]);
  });

  it('filters with `where` and maps each list with `map`', async () => {
    const loader = manyByKey(db.dataSource, Book, 'shelfId', {
      where: { title: 'Zola' },
      map: (books) => books.map((b) => b.title),
    });
    expect(await loader.loadMany(['s1', 's2'])).toEqual([['Zola'], []]);
  });
});

describe('inList', () => {
  const build = (where: object): [string, unknown[], number] => {
    const query = db.dataSource.getRepository(Book).createQueryBuilder().setFindOptions({ where, order: { year: 'ASC' } });
    const [sql, parameters] = query.getQueryAndParameters();
    return [sql, parameters, Object.keys(query.getParameters()).length];
  };

  it("writes In's statement and parameters with ONE list parameter, whatever the number of values", () => {
    const many = Array.from({ length: 100 }, (_, i) => `s${i}`);
    for (const values of [[], ['s1'], ['s1', 's2', 's3'], many]) {
      const [sql, parameters, count] = build({ shelfId: inList(values), title: 'Zola' });
      const [inSql, inParameters] = build({ shelfId: In(values), title: 'Zola' });
      expect([values.length, sql, parameters]).toEqual([values.length, inSql, inParameters]);
      // The list (when there is one) and the title.
      expect([values.length, count]).toEqual([values.length, values.length ? 2 : 1]);
    }
  });

  it('keeps two lists of one statement apart', async () => {
    const [sql, parameters] = build({ shelfId: inList(['s1', 's2']), id: inList(['b1', 'b3', 'b4']) });
    expect([sql, parameters]).toEqual(build({ shelfId: In(['s1', 's2']), id: In(['b1', 'b3', 'b4']) }).slice(0, 2));
    const books = await db.dataSource.getRepository(Book).find({ where: { shelfId: inList(['s1', 's2']), id: inList(['b1', 'b3', 'b4']) }, order: { id: 'ASC' } });
    expect(books.map((b) => b.id)).toEqual(['b1', 'b3', 'b4']);
  });
});

describe('windowedList', () => {
  it('runs one load per distinct window and answers each key from its own window', async () => {
    const calls: { ids: string[]; window: { since: number } }[] = [];
    const loader = windowedList<{ since: number }, string[]>({
      load: async (ids, window) => {
        calls.push({ ids, window });
        const books = await db.dataSource.getRepository(Book).find({ order: { year: 'ASC' } });
        return ids.map((id) => books.filter((b) => b.shelfId === id && b.year >= window.since).map((b) => b.id));
      },
    });
    const [a, b, c, d] = await Promise.all([
      loader.load({ id: 's1', window: { since: 1800 } }),
      loader.load({ id: 's2', window: { since: 1800 } }),
      loader.load({ id: 's1', window: { since: 1850 } }),
      loader.load({ id: 's1', window: { since: 1800 } }),
    ]);
    expect(calls.map((call) => call.ids)).toEqual([['s1', 's2'], ['s1']]);
    expect([a, b, c, d]).toEqual([['b4', 'b2', 'b1'], ['b3'], ['b1'], ['b4', 'b2', 'b1']]);
  });

  it('groups by the given window key', async () => {
    let loads = 0;
    const loader = windowedList<{ from: Date }, number>({
      load: async (ids) => {
        loads += 1;
        return ids.map(() => 0);
      },
      windowKey: (window) => window.from.toISOString(),
    });
    await Promise.all(['s1', 's2'].map((id) => loader.load({ id, window: { from: new Date('2024-01-01T00:00:00Z') } })));
    expect(loads).toBe(1);
  });
});

describe('lazyLoaders', () => {
  it('makes a factory’s loaders on the first use of one of them, once per request, the last factory winning a shared name', async () => {
    const made: string[] = [];
    const shelves = (dataSource: typeof db.dataSource) => {
      made.push('shelves');
      return { shelfById: byId(dataSource, Shelf), shared: 'shelves' };
    };
    const books = (dataSource: typeof db.dataSource) => {
      made.push('books');
      return { bookById: byId(dataSource, Book), booksByShelfId: manyByKey(dataSource, Book, 'shelfId'), shared: 'books' };
    };
    const createLoaders = lazyLoaders(shelves, books);
    const first = createLoaders(db.dataSource);
    made.length = 0; // the names were learnt from one call of each
    expect((await first.bookById.load('b1'))?.title).toBe('Zola');
    expect(first.booksByShelfId).toBe(first.booksByShelfId);
    expect(made).toEqual(['books']);
    expect(first.shared).toBe('books');
    expect((await first.shelfById.load('s2'))?.code).toBe('B');
    expect(first.shared).toBe('books');
    expect(made).toEqual(['books', 'shelves']);
    const second = createLoaders(db.dataSource);
    expect(second.bookById).not.toBe(first.bookById);
    expect(Object.keys(first).sort()).toEqual(['bookById', 'booksByShelfId', 'shared', 'shelfById']);
  });
});

import { join } from 'node:path';
import { createTestDatabase, foldForSearch, searchWords, type TestDatabase } from '@ecosystem/shared';
import { membersEntities } from '@ecosystem/members';
import { Organization } from '../../subgraphs/members/src/organization/organization.entity';
import { OrganizationSearchTerm, organizationSearchTerms } from '../../subgraphs/members/src/organization/organization-search-term.entity';

/*
 * The benchmark's 10x data (bench/src/scale-data.ts) on a real members database: every row copied,
 * and the directory's names spelled in each copy's own alphabet, so that a search word matches as
 * many organisations at 10x as at 1x (result pages keep the seed's sizes) while the name, its folded
 * columns and its search terms stay consistent. MySQL only (the bench runs on MySQL).
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the harness is loaded at run time (bench/ is its own project)
type Module = any;
const load = (file: string): Promise<Module> => import(join(__dirname, '..', '..', 'bench', file));

const mysql = Boolean(process.env.DATABASE_URL);
const describeMysql = mysql ? describe : describe.skip;

const FIRST = ['Santé', 'Clinique', 'Données', 'Médical', 'Hôpital'];
const SECOND = ['Paris', 'Lyon', 'Connect', 'Numérique', 'Innovation', 'Atlantique', 'Provence', 'Alsace', 'Bretagne', 'Normandie', 'Loire', 'Savoie'];
const FACTOR = 3;

let db: TestDatabase;

beforeAll(async () => {
  if (!mysql) return;
  db = await createTestDatabase('bench_scale_members', membersEntities);
  await db.reset();
  const organizations = FIRST.flatMap((first, i) =>
    SECOND.map((second, j) =>
      Object.assign(new Organization(), {
        // Copies shift an id's first two hex digits (copyId): the seed's ids differ elsewhere, as UUIDs do.
        id: `10000000-0000-4000-8000-0000000000${i}${j.toString(16)}`,
        name: `${first} ${second}`,
        acronym: j % 3 === 0 ? `${first.slice(0, 2)}${second.slice(0, 2)}`.toUpperCase() : null,
        kind: 'COMPANY',
        // A unique, optional identifier: left empty in the copies.
        siren: String(100_000_000 + i * 100 + j),
      }),
    ),
  );
  await db.dataSource.getRepository(Organization).save(organizations);
  await db.dataSource.getRepository(OrganizationSearchTerm).insert(organizations.flatMap((o) => organizationSearchTerms(o)));
}, 60_000);

afterAll(async () => {
  await db?.close();
});

async function organizationsMatching(prefix: string): Promise<number> {
  const [row] = (await db.dataSource.query('SELECT COUNT(DISTINCT organizationId) AS n FROM organization_search_term WHERE term LIKE ?', [`${prefix}%`])) as { n: string }[];
  return Number(row!.n);
}

describeMysql('the benchmark 10x data (scale-data)', () => {
  it('copies every row; each copy names its organisations in its own alphabet, consistently', async () => {
    const { scaleDatabases, renameText }: Module = await load('src/scale-data');
    const seedNames = FIRST.flatMap((first) => SECOND.map((second) => `${first} ${second}`));
    const words = [...new Set(seedNames.flatMap((name) => searchWords(name)))];
    const before = new Map<string, number>();
    for (const word of words) before.set(word, await organizationsMatching(word.slice(0, 4)));
    const database = (db.dataSource.options as { database: string }).database;

    await scaleDatabases(process.env.DATABASE_URL, [database], FACTOR, () => undefined, 50);

    const organizations = await db.dataSource.getRepository(Organization).find();
    expect(organizations).toHaveLength(seedNames.length * FACTOR);
    const terms = await db.dataSource.getRepository(OrganizationSearchTerm).find();
    const termsOf = new Map<string, string[]>();
    for (const t of terms) termsOf.set(t.organizationId, [...(termsOf.get(t.organizationId) ?? []), t.term]);
    for (const o of organizations) {
      expect({ id: o.id, sortName: o.sortName, searchText: o.searchText }).toEqual({
        id: o.id,
        sortName: foldForSearch(o.name),
        searchText: foldForSearch(o.name, o.acronym),
      });
      expect({ id: o.id, terms: (termsOf.get(o.id) ?? []).sort() }).toEqual({ id: o.id, terms: searchWords(o.name, o.acronym).sort() });
    }
    // The copies' names are new ones, distinct per copy; optional unique identifiers are left empty.
    const copies = organizations.filter((o) => !seedNames.includes(o.name));
    expect(copies).toHaveLength(seedNames.length * (FACTOR - 1));
    expect(new Set(organizations.map((o) => o.name)).size).toBe(organizations.length);
    expect(copies.every((o) => o.siren === null)).toBe(true);

    // A search word matches as many organisations as in the seed; its spelling in a copy too.
    for (const word of words) {
      const prefix = word.slice(0, 4);
      expect({ word, seed: await organizationsMatching(prefix) }).toEqual({ word, seed: before.get(word) });
      for (let copy = 1; copy < FACTOR; copy++) {
        expect({ word, copy, matches: await organizationsMatching(renameText(prefix, copy)) }).toEqual({ word, copy, matches: before.get(word) });
      }
    }
  });
});

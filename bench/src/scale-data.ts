import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { rng } from './workloads';

/**
 * Grows the demo data of the four subgraphs' MySQL databases `factor` times, in place, with plain
 * SQL: every table of at least `minRows` rows gets `factor - 1` copies of its rows, in which every
 * id of a copied row (in any column, in any of the databases, so cross-subgraph references follow)
 * is rewritten the same way, unique text columns get a suffix, and the directory's names are
 * spelled in an alphabet of the copy's own (DIRECTORY_NAMES). Small reference tables
 * (ecosystems, categories, ...) keep their rows and are shared by the copies, as in real data.
 *
 * Used because the subgraphs' demo seeds have no scale knob; the result has the seed's shape
 * (same distributions, same cross-links per copy) at `factor` times the rows.
 */
export async function scaleDatabases(
  url: string,
  databases: string[],
  factor: number,
  log: (message: string) => void,
  minRows = 50,
  renamed: RenamedColumns = DIRECTORY_NAMES,
): Promise<Record<string, number>> {
  const connection = await createConnection({ uri: url, multipleStatements: false, dateStrings: false, supportBigNumbers: true, bigNumberStrings: true });
  const counts: Record<string, number> = {};
  try {
    await connection.query('SET SESSION foreign_key_checks = 0');
    const tables: TableInfo[] = [];
    for (const database of databases) tables.push(...(await tablesOf(connection, database)));
    const copied = tables.filter((t) => t.rows >= minRows);
    // Every id of a copied table (single-column `id` primary keys): the values to rewrite.
    const ids = new Set<string>();
    for (const table of copied) {
      if (!table.primary.includes('id') || table.primary.length !== 1) continue;
      const [rows] = await connection.query<RowDataPacket[]>(`SELECT id FROM ${table.ref}`);
      for (const row of rows) ids.add(String(row.id));
    }
    for (const table of copied) {
      const started = Date.now();
      const [rows] = await connection.query<RowDataPacket[]>(`SELECT * FROM ${table.ref}`);
      const columns = table.columns.filter((c) => !c.autoIncrement);
      const batch: unknown[][] = [];
      const flush = async (): Promise<void> => {
        if (batch.length === 0) return;
        await connection.query(`INSERT IGNORE INTO ${table.ref} (${columns.map((c) => `\`${c.name}\``).join(', ')}) VALUES ?`, [batch.splice(0)]);
      };
      for (let copy = 1; copy < factor; copy++) {
        for (const row of rows) {
          const renamedColumns = renamed[table.name];
          batch.push(columns.map((c) => (renamedColumns?.includes(c.name) ? renameValue(row[c.name], c, copy) : rewrite(row[c.name], c, copy, ids))));
          if (batch.length >= 1000) await flush();
        }
      }
      await flush();
      // Every copy must be there: a lost row would leave references to nothing (and null fields).
      const [[after]] = await connection.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${table.ref}`);
      if (Number(after?.n) !== rows.length * factor) {
        throw new Error(`${table.ref}: ${Number(after?.n)} rows after copying, expected ${rows.length * factor}`);
      }
      counts[table.ref] = rows.length * factor;
      log(`  ${table.ref}: ${rows.length} -> ${rows.length * factor} rows (${Date.now() - started} ms)`);
    }
    for (const table of copied) await connection.query(`ANALYZE TABLE ${table.ref}`);
  } finally {
    await connection.end();
  }
  return counts;
}

interface ColumnInfo {
  name: string;
  unique: boolean;
  nullable: boolean;
  maxLength: number | null;
  autoIncrement: boolean;
  json: boolean;
}

interface TableInfo {
  /** Table name, without its database. */
  name: string;
  ref: string;
  rows: number;
  primary: string[];
  columns: ColumnInfo[];
}

async function tablesOf(connection: Connection, database: string): Promise<TableInfo[]> {
  const [tables] = await connection.query<RowDataPacket[]>(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'`,
    [database],
  );
  const result: TableInfo[] = [];
  for (const { name } of tables as { name: string }[]) {
    if (name === 'migrations' || name === 'typeorm_metadata') continue;
    const ref = `\`${database}\`.\`${name}\``;
    const [[countRow]] = await connection.query<RowDataPacket[]>(`SELECT COUNT(*) AS n FROM ${ref}`);
    const [columns] = await connection.query<RowDataPacket[]>(
      `SELECT COLUMN_NAME AS name, CHARACTER_MAXIMUM_LENGTH AS maxLength, EXTRA AS extra, DATA_TYPE AS type, IS_NULLABLE AS nullable
       FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
      [database, name],
    );
    const [indexes] = await connection.query<RowDataPacket[]>(
      `SELECT INDEX_NAME AS indexName, COLUMN_NAME AS name, NON_UNIQUE AS nonUnique
       FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?`,
      [database, name],
    );
    const primary = indexes.filter((i) => i.indexName === 'PRIMARY').map((i) => String(i.name));
    // Unique, non-primary indexes: their text columns must differ between copies.
    const unique = new Set(indexes.filter((i) => i.indexName !== 'PRIMARY' && Number(i.nonUnique) === 0).map((i) => String(i.name)));
    result.push({
      name,
      ref,
      rows: Number(countRow?.n ?? 0),
      primary,
      columns: columns.map((c) => ({
        name: String(c.name),
        unique: unique.has(String(c.name)),
        nullable: String(c.nullable) === 'YES',
        maxLength: c.maxLength === null ? null : Number(c.maxLength),
        autoIncrement: String(c.extra).includes('auto_increment'),
        json: String(c.type) === 'json' || String(c.type) === 'longtext',
      })),
    });
  }
  return result;
}

/**
 * Text columns whose copies get a vocabulary of their own, by table name (all of a table's
 * columns that hold the same words, folded or not, so they stay consistent with each other).
 */
export type RenamedColumns = Record<string, readonly string[]>;

/**
 * The members directory's names: a copy of the seed with the same names would make every search
 * word match ten organisations at 10x where it matched one at 1x (a directory ten times larger has
 * ten times as many names, not ten organisations per name), so result pages would grow with the
 * data. Each copy spells its names with its own letters instead (see renameText): a word matches
 * as many organisations in a copy as it did in the seed, and pages have the seed's sizes.
 */
export const DIRECTORY_NAMES: RenamedColumns = {
  organization: ['name', 'acronym', 'sortName', 'searchText'],
  organization_search_term: ['term'],
};

/** A permutation of a-z per copy (the harness's seeded generator, from the copy number): the copy's alphabet. */
const alphabets = new Map<number, string>();
function alphabetOf(copy: number): string {
  const known = alphabets.get(copy);
  if (known) return known;
  const random = rng(copy * 2654435761);
  const letters = 'abcdefghijklmnopqrstuvwxyz'.split('');
  for (let i = letters.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [letters[i], letters[j]] = [letters[j]!, letters[i]!];
  }
  const alphabet = letters.join('');
  alphabets.set(copy, alphabet);
  return alphabet;
}

/**
 * `text` spelled in copy `copy`'s alphabet: accents dropped, each letter replaced by its image
 * (case kept), everything else kept. A bijection on words that commutes with the directory's
 * folding (lower case, accents off, punctuation to spaces) and with cutting words to a length, so a
 * copy's name, its folded columns and its search terms stay consistent, and two words are equal
 * (or one a prefix of the other) in a copy exactly when they were in the seed.
 */
export function renameText(text: string, copy: number): string {
  const alphabet = alphabetOf(copy);
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[a-zA-Z]/g, (c) => {
      const lower = c.toLowerCase();
      const image = alphabet[lower.charCodeAt(0) - 97]!;
      return c === lower ? image : image.toUpperCase();
    });
}

function renameValue(value: unknown, column: ColumnInfo, copy: number): unknown {
  if (typeof value !== 'string') return value;
  const renamed = renameText(value, copy);
  if (column.unique && renamed === value) throw new Error(`${column.name}: "${value}" has no letter to rename, its copies would collide`);
  return renamed;
}

/** The id of copy `copy` of an id: the first two hex digits shifted, so copies never collide. */
export function copyId(id: string, copy: number): string {
  const head = parseInt(id.slice(0, 2), 16);
  return ((head + copy) % 256).toString(16).padStart(2, '0') + id.slice(2);
}

function rewrite(value: unknown, column: ColumnInfo, copy: number, ids: Set<string>): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') {
    if (ids.has(value)) return copyId(value, copy);
    if (column.unique && !(column.name === 'id')) {
      // Optional identifiers (SIREN, FINESS...) are left empty in the copies: a suffix cut to the
      // column's length could make two copies collide, and INSERT IGNORE would drop one.
      if (column.nullable) return null;
      const suffix = `~${copy}`;
      const max = column.maxLength ?? 255;
      return value.slice(0, Math.max(0, max - suffix.length)) + suffix;
    }
    return value;
  }
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  if (typeof value === 'object') {
    // JSON columns come back parsed: ids inside (e.g. lists of references) are rewritten too.
    const text = JSON.stringify(value).replace(/"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"/g, (whole, id: string) =>
      ids.has(id) ? `"${copyId(id, copy)}"` : whole,
    );
    return text;
  }
  if (column.unique && typeof value === 'number') return value + copy * 1_000_000;
  return value;
}

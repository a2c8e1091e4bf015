import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';

/**
 * Grows the demo data of the four subgraphs' MySQL databases `factor` times, in place, with plain
 * SQL: every table of at least `minRows` rows gets `factor - 1` copies of its rows, in which every
 * id of a copied row (in any column, in any of the databases, so cross-subgraph references follow)
 * is rewritten the same way, and unique text columns get a suffix. Small reference tables
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
          batch.push(columns.map((c) => rewrite(row[c.name], c, copy, ids)));
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

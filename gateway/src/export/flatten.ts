/** A list found in a GraphQL result: where it is, its rows, and the connection it came from (if any). */
export interface FoundList {
  /** Dotted path from `data`, e.g. `organizations` or `ecosystem.members`. */
  path: string;
  rows: unknown[];
  /** The connection object (with `pageInfo` / `totalCount`) when the list is a connection's edges or nodes. */
  connection?: Record<string, unknown>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A Relay connection's rows: `edges[].node` (or `nodes`). */
function connectionRows(value: Record<string, unknown>): unknown[] | undefined {
  if (Array.isArray(value.edges)) {
    return value.edges.map((edge) => (isObject(edge) && 'node' in edge ? edge.node : edge));
  }
  if (Array.isArray(value.nodes)) return value.nodes;
  return undefined;
}

/**
 * The list to export: at `path` when given (dotted, from `data`), else the first list or connection
 * met walking the result in field order (depth first).
 */
export function findList(data: unknown, path?: string): FoundList | undefined {
  if (path) {
    let value: unknown = data;
    for (const key of path.split('.').filter(Boolean)) {
      if (!isObject(value)) return undefined;
      value = value[key];
    }
    if (Array.isArray(value)) return { path, rows: value };
    if (isObject(value)) {
      const rows = connectionRows(value);
      if (rows) return { path, rows, connection: value };
    }
    return undefined;
  }
  const walk = (value: unknown, at: string[]): FoundList | undefined => {
    if (Array.isArray(value)) return { path: at.join('.'), rows: value };
    if (!isObject(value)) return undefined;
    const rows = connectionRows(value);
    if (rows) return { path: at.join('.'), rows, connection: value };
    for (const [key, child] of Object.entries(value)) {
      const found = walk(child, [...at, key]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(data, []);
}

/** Joins the values of a list in one cell. */
export const LIST_SEPARATOR = '; ';

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/**
 * One row as cells: nested objects become dotted columns (`publisher.name`), lists of scalars are
 * joined, and lists of objects give one column per leaf whose cell joins the items' values
 * (`datasets.title.fr` = "A; B"); an empty list gives no cell. A connection nested in a row is read
 * through its edges' nodes.
 */
export function flattenRow(row: unknown): Map<string, string> {
  const cells = new Map<string, string[]>();
  const add = (key: string, value: string): void => {
    const list = cells.get(key);
    if (list) list.push(value);
    else cells.set(key, [value]);
  };
  const visit = (value: unknown, prefix: string): void => {
    // An empty list adds no cell: its leaves' columns come from the rows that have items, and a
    // list empty in every row adds no column (a column named after the list would stay empty).
    if (Array.isArray(value)) {
      for (const item of value) visit(item, prefix);
      return;
    }
    if (isObject(value)) {
      const rows = connectionRows(value);
      if (rows) {
        visit(rows, prefix);
        return;
      }
      for (const [key, child] of Object.entries(value)) visit(child, prefix ? `${prefix}.${key}` : key);
      return;
    }
    add(prefix || 'value', scalarText(value));
  };
  visit(row, '');
  const flat = new Map<string, string>();
  for (const [key, values] of cells) flat.set(key, values.filter((v) => v !== '').join(LIST_SEPARATOR));
  return flat;
}

/** Most rows one result row may expand into with `leafRows` (sibling lists multiply). */
export const MAX_LEAF_ROWS = 10_000;

/**
 * One row per leaf row: nested lists of objects become rows instead of joined cells, each row
 * repeating its parents' values (a dataset presented at 3 events gives 3 rows, each with the
 * dataset's columns and one event's). Sibling lists multiply, as a SQL join of both would; past
 * MAX_LEAF_ROWS rows for one result row, throws. Lists of scalars stay joined in one cell.
 */
export function leafRows(row: unknown): Map<string, string>[] {
  const join = (parts: Map<string, string>[][]): Map<string, string>[] => {
    let product: Map<string, string>[] = [new Map()];
    for (const part of parts) {
      if (product.length * part.length > MAX_LEAF_ROWS) throw new RangeError(`One row expands into more than ${MAX_LEAF_ROWS} leaf rows`);
      product = product.flatMap((left) => part.map((right) => new Map([...left, ...right])));
    }
    return product;
  };
  const expand = (value: unknown, prefix: string): Map<string, string>[] => {
    if (Array.isArray(value)) {
      // The parent row once, with no cell of its own (see flattenRow).
      if (value.length === 0) return [new Map()];
      if (value.every((item) => !Array.isArray(item) && !isObject(item))) {
        return [new Map([[prefix || 'value', value.map(scalarText).filter((v) => v !== '').join(LIST_SEPARATOR)]])];
      }
      return value.flatMap((item) => expand(item, prefix));
    }
    if (isObject(value)) {
      const rows = connectionRows(value);
      if (rows) return expand(rows, prefix);
      return join(Object.entries(value).map(([key, child]) => expand(child, prefix ? `${prefix}.${key}` : key)));
    }
    return [new Map([[prefix || 'value', scalarText(value)]])];
  };
  return expand(row, '');
}

/** The columns of a set of rows, in the order first met. */
export function columnsOf(rows: Map<string, string>[]): string[] {
  const columns = new Set<string>();
  for (const row of rows) for (const key of row.keys()) columns.add(key);
  return [...columns];
}

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a
 * spreadsheet would run as a formula (= + - @ tab CR first) is prefixed with a quote (OWASP CSV injection).
 */
export function csvField(value: string): string {
  let text = value;
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export function csvLine(fields: string[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

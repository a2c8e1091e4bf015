import { Kind, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode, type ValueNode } from 'graphql';

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

/** Whether `@skip` / `@include` leave a selection in, with the operation's variables. */
function included(node: { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: ValueNode }[] }[] }, variables: Record<string, unknown>): boolean {
  for (const directive of node.directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const argument = directive.arguments?.find((a) => a.name.value === 'if')?.value;
    const value = argument?.kind === Kind.BOOLEAN ? argument.value : argument?.kind === Kind.VARIABLE ? variables[argument.name.value] === true : false;
    if (name === 'skip' ? value : !value) return false;
  }
  return true;
}

/**
 * The fields of a selection set by response key, in selection order, with fragments (named and
 * inline, whatever their type condition) spread in place and fields of the same key merged, as
 * GraphQL execution orders the keys of a result.
 */
function fieldsOf(sets: readonly SelectionSetNode[], fragments: ReadonlyMap<string, FragmentDefinitionNode>, variables: Record<string, unknown>): Map<string, FieldNode[]> {
  const fields = new Map<string, FieldNode[]>();
  const seen = new Set<string>();
  const visit = (set: SelectionSetNode): void => {
    for (const selection of set.selections) {
      if (!included(selection, variables)) continue;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const list = fields.get(key);
        if (list) list.push(selection);
        else fields.set(key, [selection]);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          visit(fragment.selectionSet);
        }
      }
    }
  };
  for (const set of sets) visit(set);
  return fields;
}

function subSelections(fields: readonly FieldNode[]): SelectionSetNode[] {
  return fields.flatMap((field) => (field.selectionSet ? [field.selectionSet] : []));
}

/**
 * The columns of an exported list from the operation's selection set rather than from its data, so
 * that they are the same on every page and for every item (an empty or null nested list still has
 * its columns): the leaf fields of an item's selection in selection order, dotted as flattenRow
 * names cells; a nested connection gives its nodes' leaves (as flattenRow reads it through its
 * edges), never a column for the list itself. `undefined` when the path is not in the selection.
 *
 * @param connection whether the exported list is a connection (its rows are `edges.node` or `nodes`)
 */
export function selectionColumns(
  document: DocumentNode,
  operationName: string | undefined,
  path: string,
  connection: boolean,
  variables: Record<string, unknown> = {},
): string[] | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return undefined;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  let sets: SelectionSetNode[] = [operation.selectionSet];
  let fields: FieldNode[] = [];
  for (const key of path.split('.').filter(Boolean)) {
    fields = fieldsOf(sets, fragments, variables).get(key) ?? [];
    if (fields.length === 0) return undefined;
    sets = subSelections(fields);
  }
  if (fields.length === 0) return undefined;
  const columns = new Set<string>();
  // A connection's rows: edges { node { ... } } or nodes { ... }; its other fields are not rows.
  const rowsOfConnection = (connectionSets: SelectionSetNode[]): SelectionSetNode[] | undefined => {
    const inner = fieldsOf(connectionSets, fragments, variables);
    const edges = inner.get('edges');
    if (edges) {
      const node = fieldsOf(subSelections(edges), fragments, variables).get('node');
      return node ? subSelections(node) : subSelections(edges);
    }
    const nodes = inner.get('nodes');
    return nodes ? subSelections(nodes) : undefined;
  };
  const leaves = (itemSets: SelectionSetNode[], prefix: string): void => {
    if (itemSets.length === 0) {
      columns.add(prefix || 'value');
      return;
    }
    const rows = rowsOfConnection(itemSets);
    if (rows) {
      leaves(rows, prefix);
      return;
    }
    for (const [key, children] of fieldsOf(itemSets, fragments, variables)) leaves(subSelections(children), prefix ? `${prefix}.${key}` : key);
  };
  if (connection) {
    const rows = rowsOfConnection(sets);
    if (!rows) return undefined;
    leaves(rows, '');
  } else {
    leaves(sets, '');
  }
  return [...columns];
}

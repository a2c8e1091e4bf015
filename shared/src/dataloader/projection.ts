import type DataLoader from 'dataloader';
import {
  type FieldNode,
  type GraphQLResolveInfo,
  isAbstractType,
  isInterfaceType,
  isObjectType,
  Kind,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';
import { type DataSource, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { byId, type KeyColumn, windowedList, type WindowedKey } from './loader-factories';
import { orderByKeys } from './order-by-keys';

/*
 * Reading the columns a selection needs. Reading every column of every row (long texts included:
 * mysql2 decoding, TypeORM hydration and the garbage they leave) for a field or two was most of the
 * time of a large list and a fixed cost of every entity fetch (docs/performance.md, "Event lists read
 * the columns they select"). An entity declares what each of its GraphQL fields reads; a selection
 * made of declared fields only reads their columns, any other field reads the whole row.
 */

/** The column list of a selection that needs the whole row (a field not declared, or any doubt). */
export const ALL_COLUMNS = '*';

/** What the fields of one entity read, and the properties every read includes. */
export interface EntityProjection {
  /**
   * Per GraphQL field: the entity properties it reads (a column's property, or an embedded's name
   * for all its columns); `[]` for a field whose resolver reads nothing of the row but its id.
   */
  readonly fields: ReadonlyMap<string, readonly string[]>;
  /** Read whatever the selection: the key, and what the lists sort on. */
  readonly always: readonly string[];
  /** Every property a column list may name (never caller text: SQL is written from these only). */
  readonly projectable: ReadonlySet<string>;
  /** Column lists already computed for a field's nodes (per request; a list of 100 parents asks 100 times). */
  readonly memo: WeakMap<readonly FieldNode[], Map<string, string>>;
}

/**
 * `entityProjection(['id', 'name', ...], { parent: ['parentId'], sectors: [] })`: the fields read as
 * is (a GraphQL field and the property of the same name), then those whose resolver reads other
 * properties. `id` is always read, and so is any property of `always`.
 */
export function entityProjection(
  plain: readonly string[],
  computed: Readonly<Record<string, readonly string[]>>,
  always: readonly string[] = ['id'],
): EntityProjection {
  const fields = new Map<string, readonly string[]>([
    ...plain.map((field): [string, readonly string[]] => [field, [field]]),
    ...Object.entries(computed),
  ]);
  const reads = [...new Set(['id', ...always])];
  return {
    fields,
    always: reads,
    projectable: new Set([...fields.values()].flat().concat(reads)),
    memo: new WeakMap(),
  };
}

export interface ProjectionPlace {
  /** The fields from the resolved field down to the entities, e.g. `['edges', 'node']` for a page. */
  path?: readonly string[];
  /**
   * Only fragments that apply to this type (an entity fetch: `_entities { ... on Organization { name } }`
   * may hold other types' fragments). Without it, every fragment counts.
   */
  typeName?: string;
}

/**
 * The columns a read must include for the selection sets of `info`'s fields: `ALL_COLUMNS`, or a
 * sorted comma list of the projection's properties. A field the projection does not declare reads
 * the whole row.
 */
export function projectionColumns(info: GraphQLResolveInfo, projection: EntityProjection, place: ProjectionPlace = {}): string {
  const { path = [], typeName } = place;
  const memoKey = `${typeName ?? ''}\0${path.join('.')}`;
  let memo = projection.memo.get(info.fieldNodes);
  const known = memo?.get(memoKey);
  if (known !== undefined) return known;
  const applies = (condition: string | undefined): boolean => {
    if (typeName === undefined || condition === undefined || condition === typeName) return true;
    // A fragment on an interface or union the type belongs to applies too.
    const type = info.schema.getType(condition);
    const own = info.schema.getType(typeName);
    return isAbstractType(type) && (isObjectType(own) || isInterfaceType(own)) && info.schema.isSubType(type, own);
  };
  const fieldsOf = (selectionSet: SelectionSetNode | undefined): readonly SelectionNode[] =>
    (selectionSet?.selections ?? []).flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection];
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      return fragment && applies(fragment.typeCondition?.name.value) ? fieldsOf(fragment.selectionSet) : [];
    });
  // The entity's selection sets, found by following `path` (through fragments) from the resolved field.
  let selectionSets: (SelectionSetNode | undefined)[] = info.fieldNodes.map((node) => node.selectionSet);
  for (const name of path) {
    selectionSets = selectionSets.flatMap((selectionSet) =>
      fieldsOf(selectionSet).flatMap((selection) => (selection.kind === Kind.FIELD && selection.name.value === name ? [selection.selectionSet] : [])),
    );
  }
  const properties = new Set<string>(projection.always);
  let columns: string | undefined;
  for (const selectionSet of selectionSets) {
    for (const selection of fieldsOf(selectionSet)) {
      if (selection.kind !== Kind.FIELD || selection.name.value === '__typename') continue;
      const read = projection.fields.get(selection.name.value);
      if (!read) {
        columns = ALL_COLUMNS;
        break;
      }
      for (const property of read) properties.add(property);
    }
    if (columns) break;
  }
  columns ??= [...properties].sort().join(',');
  if (!memo) projection.memo.set(info.fieldNodes, (memo = new Map()));
  memo.set(memoKey, columns);
  return columns;
}

/**
 * Restricts a query of the entity (its main alias) to a column list of projectionColumns; all
 * columns for ALL_COLUMNS. An embedded's name selects every column of it.
 */
export function selectColumns<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, columns: string, projection: EntityProjection): SelectQueryBuilder<T> {
  if (columns === ALL_COLUMNS) return query;
  const { alias } = query;
  const metadata = query.expressionMap.mainAlias!.metadata;
  const properties = columns.split(',').filter((property) => projection.projectable.has(property));
  const paths = metadata.columns
    .map((column) => column.propertyPath)
    .filter((path) => properties.some((property) => path === property || path.startsWith(`${property}.`)));
  return query.select(paths.map((path) => `${alias}.${path}`));
}

/** A row by id read with a column list of projectionColumns (`window`): `{ id, window: columns }`. */
export type ColumnsKey = WindowedKey<string>;

/**
 * The loaders of rows by id of a request (`id`, which every projection reads): `whole` reads every
 * column (the row any resolver may take), `projected` reads a column list of projectionColumns for
 * the entities an entity fetch resolves. Keyed by id and column list (one statement per distinct
 * list in a batch); a list of ALL_COLUMNS, or a row `whole` already holds or is loading, is
 * answered by `whole`; a partial row never answers `whole`, so no resolver that expects the whole
 * row gets a partial one.
 */
export function byIdProjected<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  projection: EntityProjection,
): { whole: DataLoader<string, T | null>; projected: DataLoader<ColumnsKey, T | null, string> } {
  const wholeRows = new Map<string, Promise<T | null>>();
  const whole = byId(dataSource, entity, 'id' as KeyColumn<T>, { cacheMap: wholeRows });
  const projected = windowedList<string, T | null>({
    load: async (ids, columns) => {
      if (columns === ALL_COLUMNS) return Promise.all(ids.map((id) => whole.load(id)));
      const read = ids.filter((id) => !wholeRows.has(id));
      const repository = dataSource.getRepository(entity);
      const alias = repository.metadata.name;
      const rows = read.length
        ? await selectColumns(repository.createQueryBuilder(alias), columns, projection).where(`${alias}.id IN (:...keys)`, { keys: read }).getMany()
        : [];
      const found = orderByKeys(read, rows, (row) => row.id as string);
      const byKey = new Map(read.map((id, index) => [id, found[index] ?? null]));
      return Promise.all(ids.map((id) => (byKey.has(id) ? (byKey.get(id) ?? null) : whole.load(id))));
    },
    windowKey: (columns) => columns,
  });
  return { whole, projected };
}

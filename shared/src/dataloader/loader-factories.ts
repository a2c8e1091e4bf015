import DataLoader from 'dataloader';
import {
  type DataSource,
  type EntityTarget,
  type FindOptionsOrder,
  type FindOptionsRelations,
  type FindOptionsSelect,
  type FindOperator,
  type FindOptionsWhere,
  In,
  type ObjectLiteral,
  Raw,
} from 'typeorm';
import { groupByKeys, orderByKeys } from './order-by-keys';

/*
 * Typed factories for the loaders every subgraph writes: the batch function of each is ONE SQL
 * statement whatever the number of keys (a `WHERE key IN (...)`), and the loader's types follow
 * from the entity and the key column, so a resolver cannot load a row by the wrong column.
 * A fresh loader per request (the context's createLoaders), never a shared one: DataLoader caches.
 */

let listParameters = 0;

/**
 * `column IN (values)` in find options: TypeORM's `In`, with the values passed as ONE list
 * parameter. `In` gives every value a parameter of its own, and TypeORM checks each new parameter
 * name against a fresh copy of all the statement's parameters so far: building a statement grows
 * with the square of the number of keys (docs/performance.md, "Per-request costs of the
 * subgraphs"). The SQL text and its parameters are the same.
 */
export function inList<V>(values: readonly V[]): FindOperator<V> {
  // `IN ()` is not SQL: `In` writes the statement's always-false condition.
  if (values.length === 0) return In([]);
  // Unique within a statement that has several lists (the name never reaches the SQL text).
  const name = `inList${(listParameters = (listParameters + 1) % 1_000_000)}`;
  return Raw((column) => `${column} IN (:...${name})`, { [name]: values }) as FindOperator<V>;
}

/** A column of `T` whose value is a string key (an id, or a reference to another entity's id). */
export type KeyColumn<T> = { [P in keyof T]-?: NonNullable<T[P]> extends string ? P : never }[keyof T] & string;

/**
 * One row per key, or null when missing: `byId(dataSource, Organization)`. `column` is `id` by
 * default; another column must be unique (one row per key), e.g. a one-to-one table keyed on the
 * id of the entity it extends: `byId(dataSource, CampusProfile, 'organizationId')`. `cacheMap`: the
 * loader's cache, for a loader that reads it (byIdProjected).
 */
export function byId<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  column: KeyColumn<T> = 'id' as KeyColumn<T>,
  options: { cacheMap?: DataLoader.CacheMap<string, Promise<T | null>> } = {},
): DataLoader<string, T | null> {
  // A query builder rather than find options: the same statement, without TypeORM turning a
  // find-options object into it on every batch (a fixed cost of every entity fetch a subgraph answers).
  return new DataLoader<string, T | null>(async (keys) => {
    const repository = dataSource.getRepository(entity);
    // The alias find options would take (the entity's name): the statement is the one findBy wrote.
    const alias = repository.metadata.name;
    const rows = await repository.createQueryBuilder(alias).where(`${alias}.${column} IN (:...keys)`, { keys }).getMany();
    return orderByKeys(keys, rows, (row) => row[column] as string);
  }, options.cacheMap ? { cacheMap: options.cacheMap } : {});
}

export interface ManyByKeyOptions<T, V> {
  /** The order of each list (the same SQL order for every key). */
  order?: FindOptionsOrder<T>;
  /** Further conditions, e.g. `{ status: PUBLISHED }` or a condition on a relation. */
  where?: FindOptionsWhere<T>;
  /** Relations joined in the same statement, e.g. the entity a link row points at. */
  relations?: FindOptionsRelations<T>;
  /** Columns to read, when the lists need only some. */
  select?: FindOptionsSelect<T>;
  /** What each list is made of, from its rows in order: e.g. `(rows) => rows.map((r) => r.sector)`. */
  map?: (rows: T[]) => V[];
}

/**
 * Every row whose `column` is the key, per key (`[]` when none): a to-many relation,
 * `manyByKey(dataSource, Membership, 'organizationId', { order: { since: 'ASC', id: 'ASC' } })`.
 * With `map`, the lists are made of something else than rows (their ids, the entity a link points at).
 */
export function manyByKey<T extends ObjectLiteral, V = T>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  column: KeyColumn<T>,
  options: ManyByKeyOptions<T, V> = {},
): DataLoader<string, V[]> {
  const { order, where, relations, select, map } = options;
  return new DataLoader<string, V[]>(async (keys) => {
    const rows = await dataSource.getRepository(entity).find({
      where: { ...where, [column]: inList([...keys]) } as FindOptionsWhere<T>,
      ...(order ? { order } : {}),
      ...(relations ? { relations } : {}),
      ...(select ? { select } : {}),
    });
    const lists = groupByKeys(keys, rows, (row) => row[column] as string);
    return map ? lists.map(map) : (lists as unknown as V[][]);
  });
}

/** A key of a windowed list: whose list (`id`) and which part of it (`window`). */
export interface WindowedKey<W> {
  id: string;
  window: W;
}

export interface WindowedListOptions<W, V> {
  /**
   * The lists of `ids`, all in the same window, one per id in the order of `ids`: one statement
   * (or a fixed few) whatever the number of ids.
   */
  load: (ids: string[], window: W) => Promise<V[]>;
  /** The text of a window, for the cache and for grouping; JSON by default (give plain, sorted values). */
  windowKey?: (window: W) => string;
}

/**
 * A list per (parent, window): a page after a cursor, a date range, the first N, a filter. The
 * window is part of the key (every parent of a request usually asks for the same one), and the keys
 * of a batch are grouped by window: one `load` per distinct window, so a page of 100 parents costs
 * the statements of one. The value may be a list, a page or a count.
 *
 *     windowedList<MemberFilterValue, number>({ load: (ids, filter) => countMembers(ids, filter) })
 */
export function windowedList<W, V>(options: WindowedListOptions<W, V>): DataLoader<WindowedKey<W>, V, string> {
  const windowKey = options.windowKey ?? ((window: W): string => JSON.stringify(window ?? null));
  return new DataLoader<WindowedKey<W>, V, string>(
    async (keys) => {
      const groups = new Map<string, { window: W; indexes: number[] }>();
      keys.forEach((key, index) => {
        const text = windowKey(key.window);
        const group = groups.get(text);
        if (group) group.indexes.push(index);
        else groups.set(text, { window: key.window, indexes: [index] });
      });
      const results = new Array<V>(keys.length);
      for (const { window, indexes } of groups.values()) {
        const values = await options.load(
          indexes.map((index) => keys[index]!.id),
          window,
        );
        indexes.forEach((keyIndex, i) => {
          results[keyIndex] = values[i] as V;
        });
      }
      return results;
    },
    { cacheKeyFn: (key) => `${windowKey(key.window)}\u0000${key.id}` },
  );
}

/** One concept's loaders of a request: `createOrganizationLoaders(dataSource)`. */
export type LoaderFactory<T extends object> = (dataSource: DataSource) => T;

type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void ? I : never;

/** The loaders of every factory in `F`, as one object. */
export type LoadersOf<F extends LoaderFactory<object>[]> = Intersection<ReturnType<F[number]>>;

const DATA_SOURCE = Symbol('dataSource');

/**
 * A subgraph's per-request loaders from its concepts' factories, each factory called on the first
 * use of one of its loaders (then all of that factory's loaders are the request's, as when they
 * were made together). A request uses a few of a subgraph's dozens of loaders: making every one of
 * them, a DataLoader and its closures each, was a fixed cost of every request.
 *
 *     export const createLoaders = lazyLoaders(createOrganizationLoaders, createPersonLoaders);
 */
export function lazyLoaders<F extends LoaderFactory<object>[]>(...factories: F): (dataSource: DataSource) => LoadersOf<F> {
  // The loaders' names, learnt from the first request's data source (they do not depend on it).
  let prototype: object | undefined;
  const prototypeFor = (dataSource: DataSource): object => {
    // A name two factories give is the last one's, as when their loaders were spread into one object.
    const owner = new Map<string, LoaderFactory<object>>();
    for (const factory of factories) for (const name of Object.keys(factory(dataSource))) owner.set(name, factory);
    const shape: PropertyDescriptorMap = {};
    for (const [name, factory] of owner) {
      shape[name] = {
        enumerable: true,
        get(this: { [DATA_SOURCE]: DataSource }): unknown {
          const made = factory(this[DATA_SOURCE]) as Record<string, unknown>;
          for (const [key, loader] of Object.entries(made)) {
            if (owner.get(key) === factory) Object.defineProperty(this, key, { value: loader, enumerable: true });
          }
          return made[name];
        },
      };
    }
    return Object.defineProperties({}, shape);
  };
  return (dataSource) => {
    prototype ??= prototypeFor(dataSource);
    const loaders = Object.create(prototype) as { [DATA_SOURCE]: DataSource };
    loaders[DATA_SOURCE] = dataSource;
    return loaders as LoadersOf<F>;
  };
}

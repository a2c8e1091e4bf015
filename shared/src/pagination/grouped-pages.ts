import { decodeCursor, encodeCursor, pageSize, type PageInfo } from './connection';
import { type KeysetPageArgs } from './keyset';
import { type DataSource, type EntityTarget, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

/** A connection page whose `totalCount` is fetched only when asked for (through another loader). */
export interface LazyPage<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: PageInfo;
  readonly totalCount: Promise<number>;
}

/**
 * How to list the nodes of many parents at once. `base` adds FROM/JOIN/WHERE to a query builder and
 * must restrict `partition` to the `:...__keys` parameter; `partition`, `sort` and `id` are SQL
 * expressions over its aliases (parent key, sort value, node id).
 */
export interface GroupedListSpec {
  base: (query: SelectQueryBuilder<ObjectLiteral>) => SelectQueryBuilder<ObjectLiteral>;
  partition: string;
  sort: string;
  id: string;
}

/**
 * One page per parent key in ONE statement: a window function numbers each parent's rows after the
 * cursor (keyset, so cursors survive inserts), and the outer query keeps `first + 1` of them.
 * Every key of a call shares the same `first`/`after`: the `load` of a `windowedList`, whose window
 * is the page asked for.
 */
export async function pagesByKey<T extends ObjectLiteral & { id: string }>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  spec: GroupedListSpec,
  keys: readonly string[],
  args: KeysetPageArgs,
  countOf: (key: string) => Promise<number>,
): Promise<LazyPage<T>[]> {
  const limit = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after, 2) : null;
  const groups = new Map<string, { node: T; sort: string | number }[]>();
  if (limit > 0 && keys.length > 0) {
    const { entities, raw } = await dataSource
      .getRepository(target)
      .createQueryBuilder('n')
      .innerJoin(
        (sub) => {
          const inner = spec
            .base(sub as SelectQueryBuilder<ObjectLiteral>)
            .select(spec.partition, 'k')
            .addSelect(spec.id, 'id')
            .addSelect(spec.sort, 's')
            .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${spec.partition} ORDER BY ${spec.sort}, ${spec.id})`, 'rn');
          if (cursor) {
            inner.andWhere(`(${spec.sort} > :__after OR (${spec.sort} = :__after AND ${spec.id} > :__afterId))`);
          }
          return inner;
        },
        'w',
        'w.id = n.id',
      )
      .addSelect('w.k', 'w_k')
      .addSelect('w.rn', 'w_rn')
      .addSelect('w.s', 'w_s')
      .where('w.rn <= :__limit')
      .setParameters({ __keys: [...keys], __limit: limit + 1, __after: cursor?.[0], __afterId: cursor?.[1] })
      .orderBy('w_k')
      .addOrderBy('w_rn')
      .getRawAndEntities();
    const byId = new Map(entities.map((e) => [e.id, e]));
    for (const row of raw as Record<string, unknown>[]) {
      const node = byId.get(String(row.n_id));
      if (!node) continue;
      const key = String(row.w_k);
      const list = groups.get(key) ?? [];
      list.push({ node, sort: row.w_s as string | number });
      groups.set(key, list);
    }
  }
  return keys.map((key) => {
    const rows = groups.get(key) ?? [];
    const edges = rows.slice(0, limit).map(({ node, sort }) => ({ cursor: encodeCursor([sort, node.id]), node }));
    let total: Promise<number> | undefined;
    return {
      edges,
      pageInfo: {
        hasNextPage: rows.length > limit,
        hasPreviousPage: Boolean(cursor),
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
      get totalCount(): Promise<number> {
        total ??= countOf(key);
        return total;
      },
    };
  });
}

/** Number of nodes per parent key (no cursor), in one GROUP BY statement. */
export async function countsByKey(dataSource: DataSource, spec: GroupedListSpec, keys: readonly string[]): Promise<number[]> {
  const rows = await spec
    .base(dataSource.createQueryBuilder() as SelectQueryBuilder<ObjectLiteral>)
    .select(spec.partition, 'k')
    .addSelect(`COUNT(DISTINCT ${spec.id})`, 'c')
    .setParameters({ __keys: [...keys] })
    .groupBy(spec.partition)
    .getRawMany<{ k: string; c: string | number }>();
  const counts = new Map(rows.map((row) => [String(row.k), Number(row.c)]));
  return keys.map((key) => counts.get(key) ?? 0);
}

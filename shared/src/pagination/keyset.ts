import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { cachedAggregate } from '../database/aggregate-cache';
import { decodeCursor, encodeCursor, pageSize, toConnection, type Connection } from './connection';

export interface KeysetOrder<T> {
  /** SQL expression of the sort column, e.g. `org.sortName`. */
  column: string;
  /** The same value read from an entity. */
  valueOf: (row: T) => string | number;
  direction?: 'ASC' | 'DESC';
}

export interface KeysetPageArgs {
  first?: number | null;
  after?: string | null;
}

/**
 * Runs a filtered query builder as a keyset-paginated connection: a count over the filter, then
 * `first + 1` rows after the cursor ordered by (column, id). Two statements, whatever the page size
 * (one when the count is in the aggregate cache).
 * Filters must be EXISTS subqueries, not joins, so that LIMIT counts entities.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  alias: string,
  order: KeysetOrder<T>,
  args: KeysetPageArgs,
  /** Restricts the page's columns (the rows' query only; the count is keyed and run without it). */
  project?: (page: SelectQueryBuilder<T>) => SelectQueryBuilder<T>,
): Promise<Connection<T>> {
  const limit = pageSize(args.first);
  const direction = order.direction ?? 'ASC';
  // The count visits every matching row: kept a few seconds in the database's aggregate cache, if any.
  const [sql, parameters] = query.getQueryAndParameters();
  const totalCount = await cachedAggregate(query.connection, `count:${sql}`, parameters, () => query.clone().getCount());
  const page = project ? project(query.clone()) : query.clone();
  if (args.after) {
    const [value, id] = decodeCursor(args.after, 2);
    const cmp = direction === 'ASC' ? '>' : '<';
    page.andWhere(
      `(${order.column} ${cmp} :__keysetValue OR (${order.column} = :__keysetValue AND ${alias}.id ${cmp} :__keysetId))`,
      { __keysetValue: value, __keysetId: id },
    );
  }
  const rows =
    limit === 0
      ? []
      : await page
          .orderBy(order.column, direction)
          .addOrderBy(`${alias}.id`, direction)
          .limit(limit + 1)
          .getMany();
  return toConnection(rows, limit, totalCount, (row) => encodeCursor([order.valueOf(row), row.id]), Boolean(args.after));
}

import { type ClassType, Directive, Field, Int, ObjectType } from 'type-graphql';
import { BadUserInputError } from '../errors/app-error';

@ObjectType({ description: 'Relay page information.' })
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'More items follow the last edge of this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'Items precede the first edge of this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first edge.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last edge; pass it as `after`.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  totalCount: number;
}

/**
 * Relay connection and edge types for a node type: `<Name>Connection { edges pageInfo totalCount }`.
 * Extend the returned class to add fields such as `facets`.
 */
export function ConnectionType<T extends object>(nodeType: ClassType<T>, name: string) {
  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}.` })
  class EdgeClass implements Edge<T> {
    @Field({ description: 'Opaque cursor of this edge; stays valid when rows are inserted.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;
  }

  // Registered so the subclass inherits its fields; type-graphql 2 emits only reachable types.
  @ObjectType(`${name}ConnectionBase`)
  abstract class ConnectionClass implements Connection<T> {
    @Field(() => [EdgeClass], { description: 'The items of this page, in order.' })
    edges!: EdgeClass[];

    @Field(() => PageInfo, { description: 'Where this page sits in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, over all pages.' })
    totalCount!: number;
  }
  return ConnectionClass;
}

/** Page size bounds shared by every connection. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

export function pageSize(first: number | null | undefined): number {
  if (first === undefined || first === null) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw new BadUserInputError(`first must be between 0 and ${MAX_PAGE_SIZE}`, 'first');
  }
  return first;
}

/**
 * Keyset cursors: the sort values of the last row seen (e.g. `[name, id]`), so a cursor points
 * between two rows rather than at an offset and stays valid when rows are inserted before it.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number, field = 'after'): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the coded error
  }
  throw new BadUserInputError('Invalid cursor: pass an endCursor returned by this list', field);
}

/** Builds a connection from `limit + 1` fetched rows. */
export function toConnection<T>(
  rows: T[],
  limit: number,
  totalCount: number,
  cursorOf: (row: T) => string,
  hasPrevious: boolean,
): Connection<T> {
  const page = rows.slice(0, limit);
  const edges = page.map((node) => ({ cursor: cursorOf(node), node }));
  return {
    edges,
    totalCount,
    pageInfo: {
      hasNextPage: rows.length > limit,
      hasPreviousPage: hasPrevious,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}

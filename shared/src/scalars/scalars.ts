import { GraphQLBigInt, GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/**
 * One set of scalars for every subgraph, so the composed graph has one `DateTime` (ISO 8601 with
 * offset), one `Date` (calendar day) and one `BigInt` (counts beyond 2^53 without precision loss).
 */
export const DateTimeScalar = GraphQLDateTime;
export const BigIntScalar = GraphQLBigInt;
export const LocalDateScalar = GraphQLLocalDate;

export const scalarsMap = [{ type: Date, scalar: GraphQLDateTime }];

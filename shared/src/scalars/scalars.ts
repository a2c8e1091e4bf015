import { GraphQLError, GraphQLID, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { GraphQLBigInt, GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/** The zone in which a plain calendar day given for a DateTime is read. */
export const CALENDAR_DAY_ZONE = 'Europe/Paris';

const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The instants the database can store: a MySQL/MariaDB DATETIME holds 1000-01-01 00:00:00 to
 * 9999-12-31 23:59:59 (UTC, as the rows are written). Outside them MariaDB refuses the write, or a
 * comparison silently matches nothing, so every DateTime is checked here, once, for every path.
 */
export const EARLIEST_STORABLE_INSTANT = new Date('1000-01-01T00:00:00.000Z');
export const LATEST_STORABLE_INSTANT = new Date('9999-12-31T23:59:59.999Z');
const FIRST_DAY = '1000-01-01';
const LAST_DAY = '9999-12-31';
const RANGE_MESSAGE = `must be between ${FIRST_DAY}T00:00:00Z and ${LAST_DAY}T23:59:59Z (UTC)`;

/**
 * A DateTime given as a plain day (`2024-01-01`): the start of that day in Europe/Paris, which
 * remembers the day so that an upper bound can take the whole day (see `upperBound`).
 */
export class CalendarDayInstant extends Date {
  constructor(readonly day: string) {
    // Europe/Paris's local mean time was ahead of UTC: the first storable day starts before the range.
    super(Math.max(startOfDay(day).getTime(), EARLIEST_STORABLE_INSTANT.getTime()));
  }
}

/** Offset of `zone` from UTC at `instant`, in milliseconds. */
function zoneOffset(instant: number, zone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const local = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return local - Math.floor(instant / 1000) * 1000;
}

/** Midnight starting `day` (YYYY-MM-DD) in Europe/Paris, as an instant. */
function startOfDay(day: string, daysLater = 0): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  // Date.UTC carries an overflowing day into the next month and year; a text form would not parse past 9999.
  const midnightUtc = Date.UTC(year, month - 1, date + daysLater);
  // The offset at UTC midnight may differ from the one at Paris midnight on a DST change: take it twice.
  let instant = midnightUtc - zoneOffset(midnightUtc, CALENDAR_DAY_ZONE);
  instant = midnightUtc - zoneOffset(instant, CALENDAR_DAY_ZONE);
  return new Date(instant);
}

/**
 * The exclusive upper bound an instant filter means: for a plain day (`to: "2024-01-31"`), the
 * start of the next day in Europe/Paris, so that the whole day is included; else the instant itself.
 */
export function upperBound<T extends Date | null | undefined>(value: T): T | Date {
  if (!(value instanceof CalendarDayInstant)) return value;
  // Never past what the database can compare with: a bound in year 10000 would not be a DATETIME.
  return new Date(Math.min(startOfDay(value.day, 1).getTime(), LATEST_STORABLE_INSTANT.getTime()));
}

function parseDateTime(value: unknown, ast?: ValueNode): Date {
  if (typeof value === 'string' && PLAIN_DAY.test(value)) {
    // graphql-scalars' LocalDate refuses days that do not exist (2027-02-29).
    GraphQLLocalDate.parseValue(value);
    if (value < FIRST_DAY || value > LAST_DAY) throw new GraphQLError(`DateTime ${RANGE_MESSAGE}: ${value}`, ast ? { nodes: ast } : undefined);
    return new CalendarDayInstant(value);
  }
  const instant = GraphQLDateTime.parseValue(value) as Date;
  // After the offset is applied: 9999-12-31T23:00:00-05:00 is in year 10000 in UTC.
  if (!(instant.getTime() >= EARLIEST_STORABLE_INSTANT.getTime() && instant.getTime() <= LATEST_STORABLE_INSTANT.getTime())) {
    throw new GraphQLError(`DateTime ${RANGE_MESSAGE}: ${String(value)}`, ast ? { nodes: ast } : undefined);
  }
  return instant;
}

/**
 * DateTime: graphql-scalars' ISO 8601 date-time with offset, and, for what an analyst types, a
 * plain day meaning that day in Europe/Paris. One implementation for the subgraphs and the gateway
 * (which coerces variables and literals against it before any subgraph call).
 */
export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description:
    'An instant: ISO 8601 date-time with offset, e.g. 2024-01-01T09:00:00Z. A plain day (2024-01-01) is accepted as that day in Europe/Paris: its start, or, as the upper bound of a filter (`to`), its end.',
  serialize: (value) => GraphQLDateTime.serialize(value),
  parseValue: (value) => parseDateTime(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) return GraphQLDateTime.parseLiteral(ast, undefined);
    return parseDateTime(ast.value, ast);
  },
  extensions: GraphQLDateTime.extensions,
});

/** A UUID in any letter case (RFC 9562: the hex digits are case-insensitive). */
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID-shaped id in lower case, the form every id is stored and compared in; anything else as given. */
export function normaliseId<T>(value: T): T {
  return (typeof value === 'string' && UUID_TEXT.test(value) ? value.toLowerCase() : value) as T;
}

/**
 * Every id of the graph is a UUID, stored in lower case; RFC 9562 makes the upper-case spelling the
 * same UUID. The built-in ID scalar is one object shared by every schema of the process (graphql-js
 * has no way to replace it per schema), so its parsers are wrapped here, once, for the subgraphs and
 * the gateway alike: an id argument, in a query, a mutation or a subscription, reaches the resolvers
 * and the input rules in lower case, whatever path it came by.
 */
const ID_NORMALISED = Symbol.for('ecosystem.id-normalised');
if (!(GraphQLID as unknown as Record<symbol, boolean>)[ID_NORMALISED]) {
  const parseValue = GraphQLID.parseValue.bind(GraphQLID);
  const parseLiteral = GraphQLID.parseLiteral.bind(GraphQLID);
  GraphQLID.parseValue = (value) => normaliseId(parseValue(value));
  GraphQLID.parseLiteral = (ast, variables) => normaliseId(parseLiteral(ast, variables));
  (GraphQLID as unknown as Record<symbol, boolean>)[ID_NORMALISED] = true;
}

export const BigIntScalar = GraphQLBigInt;
export const LocalDateScalar = GraphQLLocalDate;

/** Every scalar of the composed graph by name, for the gateway's coercion of variables and literals. */
export const GRAPH_SCALARS: readonly GraphQLScalarType[] = [DateTimeScalar, BigIntScalar, LocalDateScalar];

export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];

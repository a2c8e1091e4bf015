import { GraphQLScalarType, Kind } from 'graphql';
import { GraphQLBigInt, GraphQLDateTime, GraphQLLocalDate } from 'graphql-scalars';

/** The zone in which a plain calendar day given for a DateTime is read. */
export const CALENDAR_DAY_ZONE = 'Europe/Paris';

const PLAIN_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A DateTime given as a plain day (`2024-01-01`): the start of that day in Europe/Paris, which
 * remembers the day so that an upper bound can take the whole day (see `upperBound`).
 */
export class CalendarDayInstant extends Date {
  constructor(readonly day: string) {
    super(startOfDay(day).getTime());
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
function startOfDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const midnightUtc = Date.UTC(year, month - 1, date);
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
  const [year, month, date] = value.day.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, date + 1)).toISOString().slice(0, 10);
  return startOfDay(next);
}

function parseDateTime(value: unknown): Date {
  if (typeof value === 'string' && PLAIN_DAY.test(value)) {
    // graphql-scalars' LocalDate refuses days that do not exist (2027-02-29).
    GraphQLLocalDate.parseValue(value);
    return new CalendarDayInstant(value);
  }
  return GraphQLDateTime.parseValue(value) as Date;
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
  parseValue: parseDateTime,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) return GraphQLDateTime.parseLiteral(ast, undefined);
    return parseDateTime(ast.value);
  },
  extensions: GraphQLDateTime.extensions,
});

export const BigIntScalar = GraphQLBigInt;
export const LocalDateScalar = GraphQLLocalDate;

/** Every scalar of the composed graph by name, for the gateway's coercion of variables and literals. */
export const GRAPH_SCALARS: readonly GraphQLScalarType[] = [DateTimeScalar, BigIntScalar, LocalDateScalar];

export const scalarsMap = [{ type: Date, scalar: DateTimeScalar }];

import { GraphQLID, Kind, parseValue } from 'graphql';
import { DateTimeScalar, LATEST_STORABLE_INSTANT, upperBound } from '../scalars';

describe('DateTime: only what the database can store', () => {
  it.each(['9999-12-31T23:00:00-05:00', '1000-01-01T00:30:00+01:00', '0999-12-31T23:59:59Z', '0999-12-31'])(
    'refuses %s, outside DATETIME after the offset is applied, as a value and as a literal',
    (value) => {
      expect(() => DateTimeScalar.parseValue(value)).toThrow(/between 1000-01-01T00:00:00Z and 9999-12-31T23:59:59Z/);
      expect(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value }, undefined)).toThrow(/between/);
    },
  );

  it('takes the last storable day as a whole-day upper bound without overflowing into year 10000', () => {
    const bound = upperBound(DateTimeScalar.parseValue('9999-12-31') as Date);
    expect(Number.isNaN(bound.getTime())).toBe(false);
    expect(bound.getTime()).toBeLessThanOrEqual(LATEST_STORABLE_INSTANT.getTime());
    expect(bound.toISOString()).toBe('9999-12-31T23:00:00.000Z');
  });

  it('takes the first storable day and the last storable instant', () => {
    expect((DateTimeScalar.parseValue('1000-01-01') as Date).toISOString()).toBe('1000-01-01T00:00:00.000Z');
    expect((DateTimeScalar.parseValue('9999-12-31T23:59:59Z') as Date).toISOString()).toBe('9999-12-31T23:59:59.000Z');
    expect(upperBound(DateTimeScalar.parseValue('2024-01-31') as Date).toISOString()).toBe('2024-01-31T23:00:00.000Z');
  });
});

describe('ID: UUIDs in lower case', () => {
  it('reads an upper-case UUID as the lower-case one, as a value and as a literal; other ids as given', () => {
    expect(GraphQLID.parseValue('F3AF9B07-BB90-5353-AB50-4B67B2C5E227')).toBe('f3af9b07-bb90-5353-ab50-4b67b2c5e227');
    expect(GraphQLID.parseLiteral(parseValue('"F3AF9B07-BB90-5353-AB50-4B67B2C5E227"'), undefined)).toBe('f3af9b07-bb90-5353-ab50-4b67b2c5e227');
    expect(GraphQLID.parseValue('Not-A-UUID')).toBe('Not-A-UUID');
  });
});

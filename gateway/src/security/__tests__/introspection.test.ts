import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { introspectionDisabledRule } from '../introspection';
import { createErrorFormatter } from '../error-masking';

/* With introspection off, the gateway's own refusal: its message and code, no implementation named. */
const schema = buildSchema('type Query { events: [String] }');
const refusals = (query: string) => validate(schema, parse(query), [...specifiedRules, introspectionDisabledRule]);

describe('introspection disabled', () => {
  it.each(['{ __schema { queryType { name } } }', '{ __type(name: "Query") { name } }', 'query { events a: __schema { types { name } } }'])('refuses %s with INTROSPECTION_DISABLED', (query) => {
    const [error, ...rest] = refusals(query);
    expect(rest).toEqual([]);
    // As Apollo Server hands it to the formatter: recoded as a validation failure.
    const json = error!.toJSON();
    const formatted = createErrorFormatter(true)({ ...json, extensions: { ...json.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } }, error);
    expect(formatted).toEqual({ message: 'Introspection is disabled on this endpoint', locations: expect.any(Array), extensions: { code: 'INTROSPECTION_DISABLED' } });
    expect(JSON.stringify(formatted)).not.toMatch(/apollo/i);
  });

  it('keeps __typename and ordinary fields', () => {
    expect(refusals('{ __typename events }')).toEqual([]);
  });
});

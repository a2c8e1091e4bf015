import { GraphQLError } from 'graphql';
import { createErrorFormatter } from '../error-masking';

describe('the gateway error formatter', () => {
  const formatted = {
    message: 'Error while fetching subquery from service "members": connect ECONNREFUSED http://10.0.0.5:4001/graphql',
    path: ['organization'],
    extensions: { code: 'BAD_USER_INPUT', field: 'id', serviceName: 'members', stacktrace: ['at x (/srv/members/src/a.ts:1:1)'], response: { url: 'http://10.0.0.5:4001/graphql' } },
  };

  it.each([
    ['development', false],
    ['production', true],
  ])('keeps no subgraph name, URL or stack in %s', (_mode, mask) => {
    const result = createErrorFormatter(mask)(formatted, new GraphQLError(formatted.message));
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/members|10\.0\.0\.5|stacktrace|serviceName|a\.ts/);
    expect(result.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });
});

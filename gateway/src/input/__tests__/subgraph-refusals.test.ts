import { callerRefusalFrom } from '../subgraph-refusals';

describe('a subgraph refusing a whole request', () => {
  it('passes its variable-coercion refusal on as BAD_USER_INPUT naming the variable', () => {
    const error = callerRefusalFrom(400, {
      errors: [
        {
          message: 'Variable "$input" got invalid value "x"; DateTime cannot represent an invalid date-time-string x.',
          extensions: { code: 'BAD_USER_INPUT', stacktrace: ['at /srv/members/src/x.ts:1'] },
        },
      ],
    });
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input' });
  });

  it('keeps the field and problems a subgraph named, and nothing else of its answer', () => {
    const problems = [{ field: 'input.title', message: 'blank' }];
    const error = callerRefusalFrom(400, {
      errors: [{ message: 'Invalid value for input.title', extensions: { code: 'BAD_USER_INPUT', field: 'input.title', problems, serviceName: 'members' } }],
    });
    expect(error?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.title', problems });
  });

  it('leaves other failures to the data source (masked as internal)', () => {
    expect(callerRefusalFrom(500, { errors: [{ message: 'boom', extensions: { code: 'BAD_USER_INPUT' } }] })).toBeUndefined();
    expect(callerRefusalFrom(400, 'Bad Request')).toBeUndefined();
    expect(callerRefusalFrom(400, { errors: [{ message: 'no', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] })).toBeUndefined();
  });
});

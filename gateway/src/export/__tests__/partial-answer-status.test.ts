import { partialAnswerStatus } from '../csv-export';

const error = (code: string) => ({ message: 'x', extensions: { code } });

describe('the status of an export whose answer had errors under HTTP 200', () => {
  it('is 503 when a subgraph was unavailable or timed out, whatever else failed: retry later', () => {
    expect(partialAnswerStatus([error('SUBGRAPH_UNAVAILABLE')])).toBe(503);
    expect(partialAnswerStatus([error('FORBIDDEN'), error('SUBGRAPH_TIMEOUT')])).toBe(503);
  });

  it('is the caller’s fault otherwise', () => {
    expect(partialAnswerStatus([error('UNAUTHENTICATED')])).toBe(401);
    expect(partialAnswerStatus([error('FORBIDDEN')])).toBe(403);
    expect(partialAnswerStatus([error('BAD_USER_INPUT')])).toBe(400);
    expect(partialAnswerStatus([{}])).toBe(400);
  });
});

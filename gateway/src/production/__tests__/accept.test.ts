import { type IncomingMessage } from 'node:http';
import { negotiateResponse } from '../accept';

const request = (accept?: string): IncomingMessage => ({ headers: accept === undefined ? {} : { accept } }) as IncomingMessage;

describe('negotiateResponse', () => {
  it('reads Accept as media types: q-values, case, parameters, wildcards', () => {
    expect(negotiateResponse(request(), { multipart: true })).toBe('json');
    expect(negotiateResponse(request('*/*'), { multipart: true })).toBe('json');
    expect(negotiateResponse(request('application/xml'), { multipart: true })).toBeUndefined();
    expect(negotiateResponse(request('multipart/mixed;q=0'), { multipart: true })).toBeUndefined();
    expect(negotiateResponse(request('multipart/mixed;q=0, application/json'), { multipart: true })).toBe('json');
    expect(negotiateResponse(request('MULTIPART/MIXED; deferSpec=20220824'), { multipart: true })).toBe('multipart');
    expect(negotiateResponse(request('multipart/mixed; deferSpec=20220824, application/json'), { multipart: true })).toBe('multipart');
    expect(negotiateResponse(request('multipart/mixed'), { multipart: false })).toBeUndefined();
    expect(negotiateResponse(request('application/graphql-response+json'), { multipart: false })).toBe('json');
  });
});

import { CachedJson, dataJson, stringifyCachedResult } from '../response-cache';

describe('dataJson and stringifyCachedResult', () => {
  it('write the same body as JSON.stringify, with or without the data serialised before', () => {
    const result = { errors: [{ message: 'partial', path: ['a'] }], data: { a: null, b: [1, 'two', { c: '"quoted" \u2028' }] }, extensions: { x: 1 } };
    const plain = JSON.stringify(result);
    expect(stringifyCachedResult(result)).toBe(plain);
    expect(dataJson(result.data)).toBe(JSON.stringify(result.data));
    expect(stringifyCachedResult(result)).toBe(plain);
    expect(stringifyCachedResult({ data: new CachedJson(JSON.stringify(result.data)) as unknown as Record<string, unknown> })).toBe(JSON.stringify({ data: result.data }));
  });

  it('serialise the data once per data object: the body reuses the text the size check measured', () => {
    const data: Record<string, unknown> = { n: 1 };
    const first = dataJson(data);
    data.n = 2; // never done after willSendResponse; shows the text is reused, not computed again
    expect(dataJson(data)).toBe(first);
    expect(stringifyCachedResult({ data })).toBe('{"data":{"n":1}}');
    // Another object is serialised on its own.
    expect(stringifyCachedResult({ data: { n: 2 } })).toBe('{"data":{"n":2}}');
  });
});

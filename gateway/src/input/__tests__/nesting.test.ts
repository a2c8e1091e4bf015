import { documentNestsTooDeep, tooDeepVariable } from '../nesting';

describe('nesting bounds', () => {
  it('names the first variable nested deeper than the bound, without recursing', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(tooDeepVariable({ ok: { a: [1, { b: 2 }] }, f: deep }, 64)).toBe('f');
    expect(tooDeepVariable({ a: [[[[['x']]]]] }, 4)).toBe('a');
    expect(tooDeepVariable({ a: [[[['x']]]] }, 4)).toBeUndefined();
    expect(tooDeepVariable(undefined, 64)).toBeUndefined();
  });

  it('counts brackets outside strings, block strings and comments', () => {
    expect(documentNestsTooDeep(`{ a(x: ${'['.repeat(10)}1${']'.repeat(10)}) }`, 8)).toBe(true);
    expect(documentNestsTooDeep(`{ a(x: "${'['.repeat(10)}", y: """${'{'.repeat(10)}""") } # ${'('.repeat(10)}`, 8)).toBe(false);
    expect(documentNestsTooDeep('{ a { b { c } } }', 3)).toBe(false);
  });
});

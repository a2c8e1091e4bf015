import { buildSchema, type GraphQLInputObjectType, type GraphQLScalarType } from 'graphql';
import { inputHygieneProblems } from '../input-hygiene';

const schema = buildSchema(/* GraphQL */ `
  scalar BigInt
  input Step { moduleId: ID! note: String }
  input Thing { title: String! tags: [String!] steps: [Step!] ownerId: ID count: BigInt }
  type Query { x(input: Thing): Int }
`);
const Thing = schema.getType('Thing') as GraphQLInputObjectType;
const ok = '0190f5a0-0000-7000-8000-000000000000';
const mutation = { blankAllowed: false };

describe('the argument rules every subgraph applies', () => {
  it('trims text inside input objects in place', () => {
    const value = { title: '  Title  ', tags: [' a ', 'b'], steps: [{ moduleId: ok, note: ' n ' }] };
    expect(inputHygieneProblems(value, Thing, 'input', mutation)).toEqual([]);
    expect(value).toEqual({ title: 'Title', tags: ['a', 'b'], steps: [{ moduleId: ok, note: 'n' }] });
  });

  it.each([
    ['empty', { title: '' }, 'input.title', 'must not be empty or blank'],
    ['blank', { title: ' \t\n' }, 'input.title', 'must not be empty or blank'],
    ['NUL', { title: 'a\u0000b' }, 'input.title', 'must not contain control characters'],
    ['bell in a list', { title: 't', tags: ['ok', '\u0007'] }, 'input.tags.1', 'must not contain control characters'],
    ['right-to-left override', { title: 'invoice\u202Efdp.exe' }, 'input.title', 'must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)'],
    ['left-to-right embedding', { title: 'a\u202Ab' }, 'input.title', 'must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)'],
    ['first strong isolate in a list', { title: 't', tags: ['ok', 'x\u2068y'] }, 'input.tags.1', 'must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)'],
    ['pop directional isolate', { title: 'x\u2069' }, 'input.title', 'must not contain bidirectional override or isolate characters (U+202A-U+202E, U+2066-U+2069)'],
    ['id format', { title: 't', ownerId: 'x'.repeat(5000) }, 'input.ownerId', 'must be an id (a UUID)'],
    ['nested id', { title: 't', steps: [{ moduleId: '' }] }, 'input.steps.0.moduleId', 'must not be empty or blank'],
    ['BigInt range', { title: 't', count: 10n ** 26n }, 'input.count', 'must be between -2^63 and 2^63-1'],
  ])('refuses %s, naming the field', (_label, value, field, message) => {
    expect(inputHygieneProblems(value, Thing, 'input', mutation)).toEqual([{ field, message }]);
  });

  it('keeps right-to-left text with its implicit marks, emoji and markup (escaped where shown, not refused)', () => {
    for (const title of ['\u0645\u0631\u062D\u0628\u0627 \u200Fabc\u200E', 'r\u00E9sum\u00E9 \u{1F9EC}', '<script>alert(1)</script>']) {
      expect(inputHygieneProblems({ title }, Thing, 'input', mutation)).toEqual([]);
    }
  });

  it.each([
    ['a byte-order mark before', `\uFEFF${ok}`],
    ['a byte-order mark after', `${ok}\uFEFF`],
    ['a zero-width space', `${ok}\u200B`],
    ['a word joiner', `\u2060${ok}`],
    ['a no-break space', `\u00A0${ok}`],
    ['ASCII spaces', ` ${ok} `],
  ])('refuses an id padded with %s, in a query and in a mutation (it would match no row)', (_label, id) => {
    const problem = [{ field: 'id', message: 'must be an id (a UUID)' }];
    const ID = schema.getType('ID') as GraphQLScalarType;
    expect(inputHygieneProblems(id, ID, 'id', { blankAllowed: true })).toEqual(problem);
    expect(inputHygieneProblems(id, ID, 'id', mutation)).toEqual(problem);
    expect(inputHygieneProblems(ok, ID, 'id', { blankAllowed: true })).toEqual([]);
  });

  it('lets a query search for empty text, but never control characters or malformed ids', () => {
    expect(inputHygieneProblems({ title: '' }, Thing, 'input', { blankAllowed: true })).toEqual([]);
    expect(inputHygieneProblems({ title: '\u0000' }, Thing, 'input', { blankAllowed: true })).toHaveLength(1);
    expect(inputHygieneProblems({ title: 't', ownerId: 'nope' }, Thing, 'input', { blankAllowed: true })).toHaveLength(1);
  });
});

import { buildSchema, execute, type GraphQLResolveInfo, parse } from 'graphql';
import { ALL_COLUMNS, entityProjection, projectionColumns } from '../projection';

// What a selection reads: fragments of the type (inline, named, on an interface it implements)
// count, fragments on other types do not, a field not declared reads every column.
const schema = buildSchema(/* GraphQL */ `
  interface Named { name: String }
  type Shelf implements Named { id: ID! name: String code: String books: [Book] }
  type Book implements Named { id: ID! name: String isbn: String }
  union Thing = Shelf | Book
  type Query { things: [Thing] page: Page }
  type Page { edges: [Edge] }
  type Edge { node: Shelf }
`);
const SHELF = entityProjection(['id', 'name'], { books: [], label: ['code'] });

function columnsOf(query: string, field: 'things' | 'page', place: Parameters<typeof projectionColumns>[2]): string {
  let columns: string | undefined;
  const rootValue = {
    [field]: (_: unknown, __: unknown, info: GraphQLResolveInfo) => {
      columns = projectionColumns(info, SHELF, place);
      return field === 'things' ? [] : null;
    },
  };
  const result = execute({ schema, document: parse(query), rootValue });
  if ('errors' in result && result.errors) throw new Error(result.errors.map((e) => e.message).join('; '));
  return columns!;
}

describe('projectionColumns', () => {
  it('reads the declared fields of the type, through inline, named and interface fragments', () => {
    expect(columnsOf('{ things { __typename ... on Shelf { name } } }', 'things', { typeName: 'Shelf' })).toBe('id,name');
    expect(columnsOf('{ things { ...S } } fragment S on Shelf { books { id } }', 'things', { typeName: 'Shelf' })).toBe('id');
    expect(columnsOf('{ things { ... on Named { name } } }', 'things', { typeName: 'Shelf' })).toBe('id,name');
  });

  it("leaves other types' fragments out, and reads every column for a field it does not know", () => {
    expect(columnsOf('{ things { ... on Shelf { name } ... on Book { isbn } } }', 'things', { typeName: 'Shelf' })).toBe('id,name');
    expect(columnsOf('{ things { ... on Shelf { name code } } }', 'things', { typeName: 'Shelf' })).toBe(ALL_COLUMNS);
    // Without a type, every fragment counts (the lists, whose selections are of one type).
    expect(columnsOf('{ things { ... on Shelf { name } ... on Book { isbn } } }', 'things', {})).toBe(ALL_COLUMNS);
  });

  it('follows a path down to the entities, and computes each operation afresh', () => {
    expect(columnsOf('{ page { edges { node { name books { id } } } } }', 'page', { path: ['edges', 'node'] })).toBe('id,name');
    expect(columnsOf('{ page { edges { node { code } } } }', 'page', { path: ['edges', 'node'] })).toBe(ALL_COLUMNS);
  });
});

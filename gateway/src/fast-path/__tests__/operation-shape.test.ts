import { buildSchema, parse } from 'graphql';
import { dataText } from '../../resilience/guarded-data-source';
import { operationShape } from '../operation-shape';

const schema = buildSchema(/* GraphQL */ `
  type Query { organizations(first: Int, kind: Kind): OrgConnection! search(text: String!): [Result!]! node(id: ID!): Node }
  type OrgConnection { totalCount: Int! edges: [OrgEdge!]! }
  type OrgEdge { cursor: String! node: Org! }
  type Org implements Node { id: ID! name: String! kind: Kind! }
  type Person implements Node { id: ID! }
  interface Node { id: ID! }
  union Result = Org | Person
  enum Kind { STARTUP SME }
`);

const shape = (query: string, operationName?: string, enums?: Set<string>): string | null =>
  operationShape(schema, parse(query), operationName, enums);

describe('operation shape (the single-fetch fast path)', () => {
  it('is the same for a client operation and the planner rewrite of it (fragments inlined, spacing, names)', () => {
    const client = shape(`
      query Page($first: Int) { organizations(first: $first) { ...Conn } }
      fragment Conn on OrgConnection { totalCount edges { cursor node { ... on Org { id label: name } kind } } }`);
    const fetch = shape('query Page__members__0($first:Int){organizations(first:$first){totalCount edges{cursor node{id label:name kind}}}}');
    expect(client).not.toBeNull();
    expect(client).toBe(fetch);
  });

  it('differs when a key, an alias, an argument or the order differs', () => {
    const base = shape('{ organizations(first: 2) { totalCount edges { node { id name } } } }');
    expect(shape('{ organizations(first: 3) { totalCount edges { node { id name } } } }')).not.toBe(base);
    expect(shape('{ organizations(first: 2) { totalCount edges { node { id title: name } } } }')).not.toBe(base);
    expect(shape('{ organizations(first: 2) { edges { node { id name } } totalCount } }')).not.toBe(base);
    expect(shape('{ organizations(first: 2) { totalCount edges { node { __typename id name } } } }')).not.toBe(base);
  });

  it('is null when the document alone does not fix the answer: directives, abstract types, merged keys, introspection', () => {
    expect(shape('query ($b: Boolean!) { organizations { totalCount @include(if: $b) } }')).toBeNull();
    expect(shape('{ node(id: "1") { id } }')).toBeNull();
    expect(shape('{ search(text: "a") { ... on Org { id } } }')).toBeNull();
    expect(shape('{ organizations { totalCount totalCount } }')).toBeNull();
    expect(shape('{ __schema { queryType { name } } }')).toBeNull();
    expect(shape('{ organizations { missing } }')).toBeNull();
    expect(shape('mutation { organizations { totalCount } }')).toBeNull();
    expect(shape('query A { organizations { totalCount } } query B { organizations { totalCount } }')).toBeNull();
    expect(shape('query A { organizations { totalCount } } query B { organizations { totalCount } }', 'B')).not.toBeNull();
  });

  it('reports the enum types of the answer', () => {
    const enums = new Set<string>();
    shape('{ organizations(kind: STARTUP) { edges { node { kind } } } }', undefined, enums);
    expect([...enums]).toEqual(['Kind']);
  });
});

describe('data text of a subgraph answer', () => {
  it('is the data of an answer that has nothing else', () => {
    expect(dataText('{"data":{"a":[1,"x"]}}\n')).toBe('{"a":[1,"x"]}');
    expect(dataText('{"data":{"note":"she said \\"errors\\": none"}}')).toBe('{"note":"she said \\"errors\\": none"}');
  });

  it('is undefined when the answer has errors or extensions (or a key named like them), no data, or another layout', () => {
    expect(dataText('{"data":{"a":1},"errors":[{"message":"x"}]}')).toBeUndefined();
    expect(dataText('{"errors":[{"message":"x"}],"data":null}')).toBeUndefined();
    expect(dataText('{"data":{"a":1},"extensions":{"cost":1}}')).toBeUndefined();
    expect(dataText('{"data":{"errors":1}}')).toBeUndefined();
    expect(dataText('{"data":null}')).toBeUndefined();
    expect(dataText('{ "data": {"a":1} }')).toBeUndefined();
    expect(dataText('{"data":{"a":1}')).toBeUndefined();
  });
});

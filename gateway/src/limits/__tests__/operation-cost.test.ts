import { buildSchema, type FragmentDefinitionNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { operationCost } from '../operation-limits';

const schema = buildSchema(/* GraphQL */ `
  type Query { organizations(first: Int): OrgConnection! organization(id: ID!): Org tags: [String!]! }
  type OrgConnection { edges: [OrgEdge!]! totalCount: Int! }
  type OrgEdge { node: Org! }
  type Org { id: ID! name: String! datasets(limit: Int): [Dataset!]! members: [Person!]! }
  type Dataset { id: ID! }
  type Person { id: ID! }
`);
const settings = { objectCost: 1, scalarCost: 0, listSize: 10, weights: new Map<string, number>(), listSizes: new Map<string, number>() };

function cost(query: string, variables: Record<string, unknown> = {}, overrides: Partial<typeof settings> = {}) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return operationCost(schema, operation, fragments, variables, { ...settings, ...overrides });
}

describe('list-aware operation cost', () => {
  it('sizes a connection by first (edges inherit it), and marks variable-dependent costs', () => {
    expect(cost('{ organizations(first: 5000) { edges { node { id } } } }')).toEqual({ cost: 10_001, usesVariables: false });
    expect(cost('query ($n: Int) { organizations(first: $n) { edges { node { id } } } }', { n: 100 })).toEqual({ cost: 201, usesVariables: true });
  });

  it('multiplies nested lists by their argument or the default list size', () => {
    // organization 1 + datasets 3 x 1 + members 10 x 1 (each object item costs 1, scalars 0)
    expect(cost('{ organization(id: "x") { datasets(limit: 3) { id } members { id } } }').cost).toBe(1 + 3 + 10);
  });

  it('follows fragments and applies per-field weights and list sizes', () => {
    const query = '{ organization(id: "x") { ...F } } fragment F on Org { members { id } }';
    expect(cost(query).cost).toBe(1 + 10);
    expect(cost(query, {}, { weights: new Map([['Org.members', 5]]), listSizes: new Map([['Org.members', 2]]) }).cost).toBe(1 + 2 * 5);
  });

  it('scalars are free by default; a scalar list costs nothing either', () => {
    expect(cost('{ tags organization(id: "x") { id name } }').cost).toBe(1);
  });

  it('costs __typename as a leaf, multiplied by the lists above it', () => {
    expect(cost('{ a: __typename b: __typename }', {}, { scalarCost: 1 }).cost).toBe(2);
    expect(cost('{ organizations(first: 100) { edges { node { a: __typename b: __typename } } } }', {}, { scalarCost: 1 }).cost).toBe(1 + 100 * (1 + 1 + 2)); // organizations, then per edge: edges, node, two leaves
  });
});

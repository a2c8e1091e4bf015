import { printSchema } from 'graphql';
import { composeSupergraph, CompositionError } from '../../supergraph/compose';
import { deriveContract } from '../contract-schema';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@tag"])';

function supergraphOf(...sdls: string[]): string {
  return composeSupergraph(sdls.map((sdl, i) => ({ name: `s${i}`, url: `http://localhost:${7700 + i}/graphql`, sdl: `${LINK}\n${sdl}` })));
}

const PEOPLE = /* GraphQL */ `
  type Query {
    org(id: ID!): Org @tag(name: "public")
    person(id: ID!): Person
  }
  type Org @key(fields: "id") @tag(name: "public") {
    id: ID!
    name: String!
    address: Address
    staff: [Person!]!
    budget: Int @tag(name: "private")
  }
  type Address { city: String }
  type Person @key(fields: "id") { id: ID! email: String }
`;

describe('the public contract of a supergraph', () => {
  it('keeps tagged root fields and entities, the value types they reach, and drops private entities and private fields', () => {
    const { schema, problems } = deriveContract(supergraphOf(PEOPLE));
    expect(problems).toEqual([]);
    expect(Object.keys(schema.getQueryType()!.getFields())).toEqual(['org']);
    expect(Object.keys((schema.getType('Org') as { getFields(): object }).getFields()).sort()).toEqual(['address', 'id', 'name']);
    expect(schema.getType('Person')).toBeUndefined();
    expect(schema.getType('Address')).toBeDefined();
    expect(printSchema(schema)).not.toMatch(/email|budget|staff/);
  });

  it('follows a field that another subgraph adds to a public entity, and its tag', () => {
    const { schema } = deriveContract(
      supergraphOf(PEOPLE, /* GraphQL */ `
        type Org @key(fields: "id") { id: ID! events: [Event!]! secretNotes: String @tag(name: "private") }
        type Event @key(fields: "id") @tag(name: "public") { id: ID! title: String }
      `),
    );
    expect(Object.keys((schema.getType('Org') as { getFields(): object }).getFields())).toEqual(expect.arrayContaining(['events']));
    expect(printSchema(schema)).not.toMatch(/secretNotes/);
  });

  it('drops the input fields and arguments tagged private (a filter by a private entity), keeps the others', () => {
    const { schema, problems } = deriveContract(
      supergraphOf(/* GraphQL */ `
        type Query {
          orgs(filter: OrgFilter, staffId: ID @tag(name: "private"), first: Int): [Org!]! @tag(name: "public")
        }
        input OrgFilter { city: String staffId: ID @tag(name: "private") }
        type Org @key(fields: "id") @tag(name: "public") { id: ID! name: String! }
      `),
    );
    expect(problems).toEqual([]);
    expect(Object.keys((schema.getType('OrgFilter') as { getFields(): object }).getFields())).toEqual(['city']);
    expect(schema.getQueryType()!.getFields().orgs.args.map((a) => a.name)).toEqual(['filter', 'first']);
    expect(printSchema(schema)).not.toMatch(/staffId/);
  });

  it('refuses a composition that leaves the contract invalid, naming the field', () => {
    let error: unknown;
    try {
      supergraphOf(PEOPLE.replace('person(id: ID!): Person', 'person(id: ID!): Person @tag(name: "public")'));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CompositionError);
    expect((error as CompositionError).problems).toEqual([
      'public contract: Query.person is tagged "public" but returns Person, which is not in the public contract (tag it "public")',
    ]);
  });

  it('leaves a supergraph that tags nothing alone (no contract to check)', () => {
    expect(() => supergraphOf('type Query { hello: String }')).not.toThrow();
  });
});

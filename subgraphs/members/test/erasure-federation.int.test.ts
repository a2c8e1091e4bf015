import { composeServices } from '@apollo/composition';
import { ApolloGateway, LocalGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { demoPeople, testBaseContext, type Viewer } from '@ecosystem/shared';
import { type GraphQLSchema, parse } from 'graphql';
import { type MembersContext } from '../src/context';
import { membersSubgraph } from '../src/definition';
import { createLoaders } from '../src/context';
import { ADMIN, createHarness, MEMBER, type Harness } from './harness';

/*
 * Erasure seen from another subgraph: a stand-in "enrolments" subgraph holds Person ids (as training's
 * enrolments and events' registrations do); after erasePerson, a gateway query that crosses into
 * members for those people must still succeed, returning the anonymised tombstone.
 */

const people = demoPeople();
const erased = people[7]!;
const kept = people[8]!;

const enrolmentsSchema = buildSubgraphSchema({
  typeDefs: parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
    type Person @key(fields: "id") { id: ID! }
    type Enrolment { id: ID! person: Person! }
    type Query { enrolments: [Enrolment!]! }
  `),
  resolvers: {
    Query: {
      enrolments: () => [
        { id: 'e1', person: { id: erased.id } },
        { id: 'e2', person: { id: kept.id } },
      ],
    },
  },
});

let h: Harness;
let gateway: ApolloServer<MembersContext>;

beforeAll(async () => {
  h = await createHarness('members-erasure-federation');
  const membersSchema: GraphQLSchema = await membersSubgraph.buildSchema();
  const schemas: Record<string, GraphQLSchema> = { members: membersSchema, enrolments: enrolmentsSchema };
  const composed = composeServices(
    Object.entries(schemas).map(([name, schema]) => ({ name, url: `local://${name}`, typeDefs: parse(printSubgraphSchema(schema)) })),
  );
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  gateway = new ApolloServer<MembersContext>({
    gateway: new ApolloGateway({
      supergraphSdl: composed.supergraphSdl,
      buildService: ({ name }) => new LocalGraphQLDataSource(schemas[name] as GraphQLSchema),
    }),
  });
  await gateway.start();
});

afterAll(async () => {
  await gateway.stop();
  await h.close();
});

async function throughGateway(query: string, viewer: Viewer | null): Promise<{ data?: unknown; errors?: readonly { message: string }[] }> {
  const contextValue = membersSubgraph.createContext(testBaseContext(viewer), createLoaders(h.db.dataSource), h.db.dataSource);
  const response = await gateway.executeOperation({ query }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('incremental');
  return response.body.singleResult as { data?: unknown; errors?: readonly { message: string }[] };
}

const ENROLMENTS = /* GraphQL */ `{ enrolments { id person { id givenName familyName jobTitle erased } } }`;

it('a cross-subgraph query still succeeds after one of its people was erased', async () => {
  const before = await throughGateway(ENROLMENTS, MEMBER);
  expect(before.errors).toBeUndefined();
  expect(before.data).toEqual({
    enrolments: [
      { id: 'e1', person: { id: erased.id, givenName: erased.givenName, familyName: erased.familyName, jobTitle: erased.jobTitle, erased: false } },
      { id: 'e2', person: { id: kept.id, givenName: kept.givenName, familyName: kept.familyName, jobTitle: kept.jobTitle, erased: false } },
    ],
  });

  const erasure = await h.run(/* GraphQL */ `mutation ($id: ID!) { erasePerson(id: $id) { id } }`, { id: erased.id }, ADMIN);
  expect(erasure.errors).toBeUndefined();

  const after = await throughGateway(ENROLMENTS, MEMBER);
  expect(after.errors).toBeUndefined();
  expect(after.data).toEqual({
    enrolments: [
      { id: 'e1', person: { id: erased.id, givenName: '[erased]', familyName: '[erased]', jobTitle: null, erased: true } },
      { id: 'e2', person: { id: kept.id, givenName: kept.givenName, familyName: kept.familyName, jobTitle: kept.jobTitle, erased: false } },
    ],
  });
});

it('contact details stay hidden from anonymous callers through the gateway too', async () => {
  const result = await throughGateway(/* GraphQL */ `{ enrolments { person { id email } } }`, null);
  expect((result.data as { enrolments: { person: { email: string | null } }[] }).enrolments.map((e) => e.person.email)).toEqual([null, null]);
  expect(result.errors?.length).toBeGreaterThan(0);
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_CONTRACT_PATH } from '@ecosystem/gateway';
import { contractOf } from '@ecosystem/registry';
import { buildSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery, isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { postGraphQL, startGraph, type RunningGraph } from '../helpers/graph';

/*
 * The public contract at /public/graphql, over real HTTP in front of the four subgraphs: its
 * introspection shows no private type or field, private fields are unknown there, and public data
 * comes back as from /graphql (same executor).
 */
let graph: RunningGraph;
let publicUrl: string;

beforeAll(async () => {
  graph = await startGraph('pubcontract');
  publicUrl = graph.gatewayUrl.replace(/\/graphql$/, PUBLIC_CONTRACT_PATH);
}, 120_000);

afterAll(async () => {
  await graph?.stop();
});

/** Every `Type` and `Type.field` of a schema (object, interface and input types), introspection's own left out. */
function coordinates(schema: GraphQLSchema): Set<string> {
  const found = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    found.add(type.name);
    if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) for (const field of Object.keys(type.getFields())) found.add(`${type.name}.${field}`);
  }
  return found;
}

function coordinatesOfIntrospection(result: IntrospectionQuery): Set<string> {
  const found = new Set<string>();
  for (const type of result.__schema.types) {
    if (type.name.startsWith('__')) continue;
    found.add(type.name);
    const { fields, inputFields } = type as { fields?: { name: string }[] | null; inputFields?: { name: string }[] | null };
    for (const field of fields ?? inputFields ?? []) found.add(`${type.name}.${field.name}`);
  }
  return found;
}

describe('the public contract', () => {
  it('shows anonymous introspection no private type or field: exactly the contract, the committed schema/public.graphql', async () => {
    const response = await postGraphQL<IntrospectionQuery>(publicUrl, getIntrospectionQuery());
    expect(response.errors).toBeUndefined();
    const seen = coordinatesOfIntrospection(response.data!);
    const supergraph = graph.gateway.supergraph.supergraphSdl!;
    const full = coordinates((await import('@apollo/federation-internals')).Supergraph.build(supergraph).apiSchema().toGraphQLJSSchema());
    const contract = coordinates(contractOf(supergraph));
    const hidden = [...full].filter((c) => !contract.has(c));
    // The graph does have private parts, and none of them is seen.
    expect(hidden).toEqual(expect.arrayContaining(['Person', 'AccessRequest', 'Registration', 'Mutation', 'Organization.people', 'Dataset.accessRequests', 'Query.person']));
    expect(hidden.filter((c) => seen.has(c))).toEqual([]);
    expect([...seen].sort()).toEqual([...contract].sort());
    const committed = buildSchema(readFileSync(join(__dirname, '..', '..', 'schema', 'public.graphql'), 'utf8'));
    expect([...seen].sort()).toEqual([...coordinates(committed)].sort());
  });

  it('answers __type from the contract, also beside data (mixed operation)', async () => {
    const response = await postGraphQL<{ person: unknown; org: unknown; organizations: { totalCount: number } }>(
      publicUrl,
      '{ person: __type(name: "Person") { name } org: __type(name: "Organization") { fields { name } } organizations(first: 1) { totalCount } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.person).toBeNull();
    const fields = (response.data!.org as { fields: { name: string }[] }).fields.map((f) => f.name);
    expect(fields).toContain('name');
    expect(fields).not.toContain('people');
    expect(response.data!.organizations.totalCount).toBeGreaterThan(0);
  });

  it('serves public data as /graphql does, through the same gateway', async () => {
    const query = '{ organizations(first: 3) { totalCount edges { node { id name datasets { id } trainingOffers { id } } } } events(first: 2) { edges { node { id title organizers { name } } } } }';
    const [viaContract, viaGraph] = await Promise.all([postGraphQL(publicUrl, query), postGraphQL(graph.gatewayUrl, query)]);
    expect(viaContract.status).toBe(200);
    expect(viaContract.errors).toBeUndefined();
    expect(viaContract.data).toEqual(viaGraph.data);
  });

  it('refuses a private field as unknown, with the same validation code as /graphql', async () => {
    const response = await postGraphQL(publicUrl, '{ organizations(first: 1) { edges { node { id people { totalCount } } } } }');
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.message).toMatch(/Cannot query field "people" on type "Organization"/);
    expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    // The whole graph has mutations; the contract has none, and does not say the gateway has.
    const mutation = await postGraphQL(publicUrl, 'mutation { __typename }');
    expect(mutation.status).toBe(400);
    expect(mutation.errors?.[0]?.message).toBe('The public contract has no mutation operations');
  });

  it('refuses the filters that select by a private entity (speaker, persona, competency), which /graphql keeps', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    for (const [query, field] of [
      [`{ events(first: 10, filter: { speakerId: "${id}" }) { totalCount } }`, 'speakerId'],
      [`{ modules(first: 10, filter: { personaId: "${id}" }) { totalCount } }`, 'personaId'],
      [`{ modules(first: 10, filter: { competencyId: "${id}" }) { totalCount } }`, 'competencyId'],
    ]) {
      const response = await postGraphQL(publicUrl, query);
      expect(response.status).toBe(400);
      expect(response.errors?.[0]?.message).toMatch(new RegExp(`Field "${field}" is not defined by type "(Event|Module)Filter"`));
      expect(response.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('applies the gateway\'s operation limits on the contract path too', async () => {
    const deep = `{ organizations(first: 1) { edges { node { ${'parent { '.repeat(30)}id${' }'.repeat(30)} } } } }`;
    const response = await postGraphQL(publicUrl, deep);
    expect(response.status).toBe(400);
    expect(response.errors?.[0]?.extensions?.code).toBe((await postGraphQL(graph.gatewayUrl, deep)).errors?.[0]?.extensions?.code);
  });
});

import { crossSubgraphFields, entityOwners, loadOwnershipPolicy, queryRootFields } from '@ecosystem/registry';
import { isNonNullType } from 'graphql';
import { apiSchemaOf, composeCoreSupergraph } from './api-schema';

/*
 * The nullability rule over the composed core supergraph (docs/development.md, "Nullability across
 * subgraphs"): every field that depends on a subgraph other than the one resolving it is nullable,
 * so that a lost subgraph nulls its own fields and nothing above them; and every Query field is
 * nullable, so that a query combining root fields of several subgraphs keeps the living ones'.
 */
let supergraph: string;

beforeAll(async () => {
  supergraph = await composeCoreSupergraph();
}, 120_000);

describe('nullability across subgraphs', () => {
  it('finds the owner of each core entity the ownership policy names', () => {
    const owners = entityOwners(supergraph);
    for (const [entity, { owner }] of Object.entries(loadOwnershipPolicy().extendableEntities)) {
      expect(`${entity} ${owners.get(entity)}`).toBe(`${entity} ${owner}`);
    }
  });

  it('sees the fields the README question crosses subgraphs with (so the rule below cannot pass on an empty list)', () => {
    const fields = crossSubgraphFields(supergraph);
    const coordinates = fields.map((f) => `${f.kind} ${f.coordinate} ${f.subgraph}->${f.dependsOn}`);
    expect(coordinates).toEqual(
      expect.arrayContaining([
        'contributed Organization.datasets datasets->members',
        'contributed Organization.trainingOffers training->members',
        'contributed Organization.organizedEvents events->members',
        'contributed Dataset.presentedAt events->datasets',
        'reference Dataset.publisher datasets->members',
        'reference Event.organizers events->members',
      ]),
    );
    // 48 contributed fields and cross-subgraph references when the rule was written; more may come.
    expect(fields.length).toBeGreaterThanOrEqual(48);
  });

  it('has no non-null field that depends on another subgraph', () => {
    const offending = crossSubgraphFields(supergraph)
      .filter((f) => f.nonNull)
      .map((f) => `${f.coordinate}: ${f.typeText} (${f.kind}, resolved by ${f.subgraph}, lost with ${f.kind === 'contributed' ? f.subgraph : f.dependsOn})`);
    expect(offending).toEqual([]);
  });
});

describe('root fields (docs/development.md, "Root fields are nullable")', () => {
  it('sees every Query field of the API schema, with the subgraph that resolves it', () => {
    const fields = queryRootFields(supergraph);
    const api = Object.keys(apiSchemaOf(supergraph).getQueryType()!.getFields()).sort();
    expect(fields.map((f) => f.field).sort()).toEqual(api);
    // The four subgraphs' root connections among them (so the rule below cannot pass on an empty list).
    expect(fields.map((f) => `${f.coordinate} ${f.subgraph}`)).toEqual(
      expect.arrayContaining(['Query.organizations members', 'Query.datasets datasets', 'Query.modules training', 'Query.events events']),
    );
  });

  it('has no non-null Query field: losing a subgraph costs its own root fields, not `data`', () => {
    const offending = queryRootFields(supergraph)
      .filter((f) => f.nonNull)
      .map((f) => `${f.coordinate}: ${f.typeText} (resolved by ${f.subgraph})`);
    expect(offending).toEqual([]);
    // The same, read from the API schema clients generate types from.
    const api = Object.values(apiSchemaOf(supergraph).getQueryType()!.getFields());
    expect(api.filter((f) => isNonNullType(f.type)).map((f) => `Query.${f.name}: ${String(f.type)}`)).toEqual([]);
  });
});

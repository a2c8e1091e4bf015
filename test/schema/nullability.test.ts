import { crossSubgraphFields, entityOwners, loadOwnershipPolicy } from '@ecosystem/registry';
import { composeCoreSupergraph } from './api-schema';

/*
 * The nullability rule over the composed core supergraph (docs/development.md, "Nullability across
 * subgraphs"): every field that depends on a subgraph other than the one resolving it is nullable,
 * so that a lost subgraph nulls its own fields and nothing above them.
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

import { getNamedType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLInputType, type GraphQLSchema } from 'graphql';
import { apiSchemaOf, composeCoreSupergraph } from './api-schema';

/*
 * Facets and filters over the composed API schema: a facet and the filter field it counts for have
 * the same name (shared/src/facets), so a facet's `value` must be passable back, as it is, to that
 * filter field. Their types must agree for every facet of every subgraph.
 */
let schema: GraphQLSchema;

beforeAll(async () => {
  schema = apiSchemaOf(await composeCoreSupergraph());
}, 120_000);

/** `[T!]` / `[T]` / `T` -> T's name. */
function elementTypeName(type: GraphQLInputType): string {
  let inner: GraphQLInputType = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) inner = inner.ofType as GraphQLInputType;
  return getNamedType(inner).name;
}

/** Every (facets type, filter type) pair: a connection with `facets`, reached by a query field with a `filter` argument. */
function facetFilterPairs(): { facets: string; filter: string; via: string }[] {
  const pairs: { facets: string; filter: string; via: string }[] = [];
  const seen = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const filterArg = field.args.find((a) => a.name === 'filter');
      const result = getNamedType(field.type);
      if (!filterArg || !isObjectType(result)) continue;
      const facets = result.getFields().facets;
      if (!facets) continue;
      const key = `${getNamedType(facets.type).name} ${getNamedType(filterArg.type).name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pairs.push({ facets: getNamedType(facets.type).name, filter: getNamedType(filterArg.type).name, via: `${type.name}.${field.name}` });
    }
  }
  return pairs;
}

describe('facets and their filters', () => {
  it('finds the faceted lists of every subgraph (so the rule below cannot pass on an empty list)', () => {
    const facets = facetFilterPairs().map((p) => p.facets);
    expect(facets).toEqual(expect.arrayContaining(['OrganizationFacets', 'DatasetFacets', 'ModuleFacets', 'EventFacets']));
  });

  it("gives every facet's value the element type of the filter field of the same name", () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const { facets, filter } of facetFilterPairs()) {
      const facetsType = schema.getType(facets);
      const filterType = schema.getType(filter);
      if (!isObjectType(facetsType) || !isInputObjectType(filterType)) throw new Error(`${facets} / ${filter}`);
      for (const facet of Object.values(facetsType.getFields())) {
        const valueType = getNamedType(facet.type);
        if (!isObjectType(valueType) || !valueType.getFields().value) continue;
        const filterField = filterType.getFields()[facet.name];
        if (!filterField) {
          mismatches.push(`${facets}.${facet.name}: no ${filter}.${facet.name}`);
          continue;
        }
        const value = getNamedType(valueType.getFields().value!.type).name;
        const element = elementTypeName(filterField.type);
        checked += 1;
        if (value !== element) mismatches.push(`${valueType.name}.value is ${value} but ${filter}.${facet.name} takes ${element}`);
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(15);
  });
});

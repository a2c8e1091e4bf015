import { facetType, labelOf, type FacetCount, type Labels } from '@ecosystem/shared';
import { FieldResolver, ID, ObjectType, Resolver, Root } from 'type-graphql';
import { type DatasetsContext } from '../context';
import { Organization } from '../organization/organization.stub';
import { AccessRights, CodingSystem, DatasetTypology, HdhPosition, HealthCategory } from './dataset.enums';
import { ACCESS_RIGHTS_LABELS, CODING_SYSTEM_LABELS, DATASET_TYPOLOGY_LABELS, HDH_POSITION_LABELS, HEALTH_CATEGORY_LABELS } from './dataset.labels';
import { type DatasetFilter } from './dataset.inputs';

const COUNTED = 'Datasets matching every other field of the filter (not this facet\u2019s own selection) with this value.';

function enumFacet(name: string, what: string, value: () => unknown, labels: Labels) {
  return facetType<DatasetsContext>(name, `A ${what} and how many datasets have it.`, {
    value,
    valueDescription: `The ${what}.`,
    countDescription: COUNTED,
    label: (code, language) => labelOf(labels, code, language),
  });
}

export const HealthCategoryFacet = enumFacet('HealthCategoryFacet', 'health category', () => HealthCategory, HEALTH_CATEGORY_LABELS);
export const DatasetTypologyFacet = enumFacet('DatasetTypologyFacet', 'typology', () => DatasetTypology, DATASET_TYPOLOGY_LABELS);
export const AccessRightsFacet = enumFacet('AccessRightsFacet', 'access right', () => AccessRights, ACCESS_RIGHTS_LABELS);
export const HdhPositionFacet = enumFacet('HdhPositionFacet', 'position relative to the Health Data Hub', () => HdhPosition, HDH_POSITION_LABELS);
export const CodingSystemFacet = enumFacet('CodingSystemFacet', 'coding system', () => CodingSystem, CODING_SYSTEM_LABELS);
export const PublisherFacet = facetType<DatasetsContext>('PublisherFacet', 'A publishing organisation and how many datasets it publishes.', {
  value: () => ID,
  valueDescription: 'The organisation id (the value of the `publishers` filter).',
  countDescription: COUNTED,
  label: null,
});

@Resolver(() => PublisherFacet.type)
export class PublisherFacetResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The publishing organisation (its name comes from the members subgraph).' })
  organization(@Root() facet: FacetCount): Organization {
    return Organization.ref(facet.value);
  }
}

/** The label resolvers of the catalogue's facets (added to the schema's resolvers). */
export const DATASET_FACET_RESOLVERS = [
  ...[HealthCategoryFacet, DatasetTypologyFacet, AccessRightsFacet, HdhPositionFacet, CodingSystemFacet, PublisherFacet].map((facet) => facet.resolver),
  PublisherFacetResolver,
];

/**
 * Facets of a dataset list, computed for the list's filter (each dimension is one GROUP BY, run only
 * when asked for). A dataset with several health categories counts once under each.
 */
@ObjectType({
  description:
    'Counts per value of each facet for the datasets of the list (all pages). Disjunctive, as in every search engine: each facet is counted with every other field of the filter applied but not its own, so the values not yet chosen stay visible. Each facet has a filter field of the same name.',
})
export class DatasetFacets {
  constructor(readonly filter: DatasetFilter | null) {}
}

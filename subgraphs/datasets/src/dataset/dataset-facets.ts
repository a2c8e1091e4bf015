import { Field, Int, ObjectType } from 'type-graphql';
import { type DatasetFilter } from './dataset.inputs';

@ObjectType({ description: 'One value of a facet and how many datasets of the current filter have it.' })
export class FacetValue {
  @Field({ description: 'The value: an enum name, or an organisation id for the publisher facet.' })
  value!: string;

  @Field(() => Int, { description: 'Number of datasets matching the current filter with this value.' })
  count!: number;
}

/**
 * Facets of a dataset list, computed for the list's filter (each dimension is one GROUP BY, run only
 * when asked for). A dataset with several health categories counts once under each.
 */
@ObjectType({ description: 'Counts per value of each dimension, for the datasets matching the current filter.' })
export class DatasetFacets {
  constructor(readonly filter: DatasetFilter | null) {}
}

import { projectionColumns } from '@ecosystem/shared';
import { type GraphQLResolveInfo } from 'graphql';
import { type DatasetsContext } from '../context';
import { type Dataset } from './dataset.entity';
import { DATASET_PROJECTION } from './dataset.loaders';

/** An entity fetch reads the columns its selection of Dataset needs. */
export async function resolveDatasetReference(
  reference: { id: string },
  context: DatasetsContext,
  info: GraphQLResolveInfo,
): Promise<Dataset | null> {
  const columns = projectionColumns(info, DATASET_PROJECTION, { typeName: 'Dataset' });
  return context.loaders.datasetColumnsById.load({ id: String(reference.id), window: columns });
}

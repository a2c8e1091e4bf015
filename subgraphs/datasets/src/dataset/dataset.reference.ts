import { type DatasetsContext } from '../context';
import { type Dataset } from './dataset.entity';

export async function resolveDatasetReference(
  reference: { id: string },
  context: DatasetsContext,
): Promise<Dataset | null> {
  return context.loaders.datasetById.load(String(reference.id));
}

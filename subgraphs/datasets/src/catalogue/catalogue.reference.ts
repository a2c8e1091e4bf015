import { type DatasetsContext } from '../context';
import { type Catalogue } from './catalogue.entity';

export async function resolveCatalogueReference(reference: { id: string }, context: DatasetsContext): Promise<Catalogue | null> {
  return context.loaders.catalogueById.load(String(reference.id));
}

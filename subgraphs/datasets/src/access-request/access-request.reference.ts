import { type DatasetsContext } from '../context';
import { type AccessRequest } from './access-request.entity';
import { canSeeAccessRequest } from './access-request.policy';

/** Resolves only requests the viewer may see (null otherwise). */
export async function resolveAccessRequestReference(
  reference: { id: string },
  context: DatasetsContext,
): Promise<AccessRequest | null> {
  const request = await context.loaders.accessRequestById.load(String(reference.id));
  return request && canSeeAccessRequest(context.viewer, request) ? request : null;
}

import { type MembersContext } from '../context';
import { type Organization } from './organization.entity';

export async function resolveOrganizationReference(
  reference: { id: string },
  context: MembersContext,
): Promise<Organization | null> {
  return context.loaders.organizationById.load(String(reference.id));
}

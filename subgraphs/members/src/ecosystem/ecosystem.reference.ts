import { type MembersContext } from '../context';
import { type Ecosystem } from './ecosystem.entity';

export async function resolveEcosystemReference(
  reference: { id: string },
  context: MembersContext,
): Promise<Ecosystem | null> {
  return context.loaders.ecosystemById.load(String(reference.id));
}

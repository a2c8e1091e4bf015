import { type MembersContext } from '../context';
import { type Project } from './project.entity';

export async function resolveProjectReference(reference: { id: string }, context: MembersContext): Promise<Project | null> {
  return context.loaders.projectById.load(String(reference.id));
}

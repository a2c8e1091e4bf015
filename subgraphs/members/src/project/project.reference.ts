import { type MembersContext } from '../context';
import { type Call } from './call.stub';
import { type Project } from './project.entity';

export async function resolveProjectReference(reference: { id: string }, context: MembersContext): Promise<Project | null> {
  return context.loaders.projectById.load(String(reference.id));
}

/** Calls belong to events: members only needs the id to contribute `resultingProjects`. */
export function resolveCallReference(reference: { id: string }): Call {
  return { id: String(reference.id) };
}

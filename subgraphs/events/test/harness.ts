import {
  createLogger,
  createSubgraphFromDefinition,
  createTestDatabase,
  demoId,
  execute,
  Role,
  testBaseContext,
  type ExecutionResult,
  type SubgraphServer,
  type TestDatabase,
  type Viewer,
} from '@ecosystem/shared';
import { type EventsContext } from '../src/context';
import { eventsSubgraph } from '../src/definition';
import { eventsEntities } from '../src/entities';

export const logger = createLogger('events-test', 'silent');

export const MEDICEN = demoId('organization', 'medicen');
export const CAMPUS = demoId('organization', 'parisante-campus');

/** An event organiser acting for Medicen. */
export const organiser: Viewer = { sub: demoId('person', 'organiser-1'), org: MEDICEN, roles: [Role.EVENT_ORGANISER, Role.MEMBER] };
export const admin: Viewer = { sub: demoId('person', 'admin-1'), roles: [Role.ADMIN] };
export function member(n: number): Viewer {
  return { sub: demoId('person', `member-${n}`), org: demoId('organization', `org-${n}`), roles: [Role.MEMBER] };
}
export function guest(n: number): Viewer {
  return { sub: demoId('person', `guest-${n}`), roles: [] };
}

export interface Harness {
  db: TestDatabase;
  server: SubgraphServer<EventsContext>;
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, viewer?: Viewer | null): Promise<ExecutionResult<T>>;
  close(): Promise<void>;
}

/** One database per test file (`name`), the subgraph's real server, and a runner with a fresh context per operation. */
export async function startHarness(name: string, seed?: (db: TestDatabase) => Promise<void>): Promise<Harness> {
  const db = await createTestDatabase(name, eventsEntities);
  if (seed) await seed(db);
  const server = await createSubgraphFromDefinition(eventsSubgraph, db.dataSource, {
    logger,
    internalJwtSecret: 'x'.repeat(32),
    production: false,
  });
  return {
    db,
    server,
    run: (query, variables = {}, viewer = null) =>
      execute(server.apollo, query, variables, eventsSubgraph.createContext(testBaseContext(viewer), eventsSubgraph.createLoaders(db.dataSource), db.dataSource)),
    close: async () => {
      await server.apollo.stop();
      await db.close();
    },
  };
}

export const CREATE_EVENT = /* GraphQL */ `
  mutation ($input: CreateEventInput!) {
    createEvent(input: $input) { id title status sequence maxCapacity remainingCapacity icalUid registration { membersOnly required } }
  }
`;

/** A valid createEvent input (online, 50 seats, a week ahead), with overrides. */
export function eventInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const start = new Date(Date.now() + 7 * 86400_000);
  return {
    title: 'Atelier interopérabilité FHIR',
    kind: 'WORKSHOP',
    attendanceMode: 'ONLINE',
    start: start.toISOString(),
    end: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    virtualLocation: { url: 'https://live.example.org/atelier' },
    organizerIds: [MEDICEN],
    maxCapacity: 50,
    keywords: ['FHIR', 'interopérabilité'],
    ...overrides,
  };
}

export async function countRows(db: TestDatabase, table: string): Promise<number> {
  const rows = (await db.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`)) as { n: string | number }[];
  return Number(rows[0]?.n ?? 0);
}

import {
  createLogger,
  type Logger,
  demoId,
  Role,
  type TestDatabase,
  type Viewer,
  startSubgraphHarness,
  type SubgraphHarness,
} from '@ecosystem/shared';
import { type EventsContext } from '../src/context';
import { type EventsLoaders } from '../src/context';
import { eventsSubgraph } from '../src/definition';

export const logger: Logger = createLogger('events-test', 'silent');

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

export type Harness = SubgraphHarness<EventsContext, EventsLoaders>;

/** One database per test file (`name`), the subgraph's real server, and a runner with a fresh context per operation. */
export function startHarness(name: string, seed?: (db: TestDatabase) => Promise<void>): Promise<Harness> {
  return startSubgraphHarness(eventsSubgraph, name, { seed: seed ?? false });
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

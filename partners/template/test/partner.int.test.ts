import {
  createLogger,
  createSubgraphFromDefinition,
  createTestDatabase,
  demoId,
  demoOrganization,
  execute,
  testBaseContext,
  type SubgraphServer,
  type TestDatabase,
} from '@ecosystem/shared';
import { Kind, type ObjectTypeDefinitionNode, parse } from 'graphql';
import { type PartnerContext } from '../src/context';
import { partnerSubgraph } from '../src/definition';
import { partnerEntities } from '../src/entities';
import { seedPartnerDemo } from '../src/seed/seed-demo';

const logger = createLogger('partner-test', 'silent');
const definition = partnerSubgraph('campus-template');
let db: TestDatabase;
let server: SubgraphServer<PartnerContext>;

function run<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}) {
  const context = definition.createContext(testBaseContext(null), definition.createLoaders(db.dataSource), db.dataSource);
  return execute<T, PartnerContext>(server.apollo, query, variables, context);
}

beforeAll(async () => {
  db = await createTestDatabase('partner-template-int', partnerEntities);
  await seedPartnerDemo(db.dataSource, logger);
  server = await createSubgraphFromDefinition(definition, db.dataSource, { logger, internalJwtSecret: 'x'.repeat(32), production: false });
});

afterAll(async () => {
  await server.apollo.stop();
  await db.close();
});

describe('partner template subgraph', () => {
  it('extends Organization and Event by key only, with documented fields', async () => {
    const { data } = await run<{ _service: { sdl: string } }>(`{ _service { sdl } }`);
    const document = parse(data?._service.sdl ?? '');
    const typeDef = (name: string): ObjectTypeDefinitionNode | undefined =>
      document.definitions.find((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === name);
    for (const [name, fields] of [['Organization', ['id', 'campusProfile']], ['Event', ['id', 'campusLogistics']]] as const) {
      const type = typeDef(name);
      expect(type?.directives?.map((d) => d.name.value)).toEqual(['key']);
      expect(type?.fields?.map((f) => f.name.value)).toEqual(fields);
      // The ownership policy: no @shareable/@override/@external copy of a core field.
      expect(type?.fields?.every((f) => (f.directives ?? []).length === 0 && f.description)).toBe(true);
    }
  });

  it('resolves 50 organisation references with one SQL statement', async () => {
    const hdh = demoOrganization('health-data-hub').id;
    const representations = [hdh, ...Array.from({ length: 49 }, (_, i) => demoId('organization', `nobody-${i}`))].map((id) => ({ __typename: 'Organization', id }));
    db.counter.reset();
    const { data, errors } = await run<{ _entities: { id: string; campusProfile: { resident: boolean; building: string | null } | null }[] }>(
      /* GraphQL */ `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organization { id campusProfile { resident building } } } }`,
      { r: representations },
    );
    expect(errors).toBeUndefined();
    expect(db.counter.total).toBe(1);
    expect(data?._entities).toHaveLength(50);
    expect(data?._entities[0]?.campusProfile).toEqual({ resident: true, building: 'Bâtiment A' });
    expect(data?._entities[1]?.campusProfile).toBeNull();
  });

  it('adds campus logistics to events (one SQL statement for many events)', async () => {
    const conference = demoId('event', 'ads-psc-joint-conference-2022');
    db.counter.reset();
    const { data } = await run<{ _entities: { campusLogistics: { room: string; localSeats: number } | null }[] }>(
      /* GraphQL */ `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Event { campusLogistics { room localSeats } } } }`,
      { r: [conference, demoId('event', 'other')].map((id) => ({ __typename: 'Event', id })) },
    );
    expect(db.counter.total).toBe(1);
    expect(data?._entities[0]?.campusLogistics).toEqual({ room: 'Amphithéâtre', localSeats: 120 });
    expect(data?._entities[1]?.campusLogistics).toBeNull();
  });

  it('lists the campus residents as Organization references', async () => {
    const { data } = await run<{ campusResidents: { id: string }[] }>(`{ campusResidents { id } }`);
    expect(data?.campusResidents.map((o) => o.id)).toContain(demoOrganization('health-data-hub').id);
  });
});

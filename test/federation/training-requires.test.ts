import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGateway, loadGatewayConfig, signUserToken } from '@ecosystem/gateway';
import { membersSubgraph } from '@ecosystem/members';
import {
  createLogger,
  createSubgraphFromDefinition,
  createTestDatabase,
  DEV_INTERNAL_JWT_SECRET,
  DEV_USER_JWT_SECRET,
  demoPeople,
  Role,
  type RunningServer,
  type TestDatabase,
  type Viewer,
} from '@ecosystem/shared';
import { trainingSubgraph } from '@ecosystem/training';

/*
 * Through the real gateway over HTTP, with the members subgraph (owner of Person.jobTitle and of
 * Organization.name) and this one: @requires(fields: "jobTitle") and the persona question.
 */
const silent = createLogger('training-gateway-test', 'silent');
const running: { server: RunningServer; db: TestDatabase }[] = [];
let gatewayUrl: string;
let closeGateway: () => Promise<void>;
let dataDir: string;

async function start(definition: typeof membersSubgraph | typeof trainingSubgraph): Promise<string> {
  const db = await createTestDatabase(`training-gw-${definition.name}`, definition.entities);
  await definition.seedDemo(db.dataSource, silent);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- two different context types
  const server = await createSubgraphFromDefinition(definition as any, db.dataSource, {
    logger: silent,
    internalJwtSecret: DEV_INTERNAL_JWT_SECRET,
    production: false,
  });
  const listening = await server.listen(0, '127.0.0.1');
  running.push({ server: listening, db });
  return `${listening.url}/graphql`;
}

beforeAll(async () => {
  const [membersUrl, trainingUrl] = await Promise.all([start(membersSubgraph), start(trainingSubgraph)]);
  dataDir = mkdtempSync(join(tmpdir(), 'training-gw-'));
  const config = loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir });
  config.subgraphs = [
    { name: 'members', url: membersUrl as string },
    { name: 'training', url: trainingUrl as string },
  ];
  const gateway = createGateway(config, silent);
  const listening = await gateway.listen(0, '127.0.0.1');
  await gateway.start();
  gatewayUrl = `${listening.url}/graphql`;
  closeGateway = () => listening.close();
}, 180_000);

afterAll(async () => {
  await closeGateway?.();
  for (const r of running) {
    await r.server.close();
    await r.db.close();
  }
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function query<T>(text: string, variables: Record<string, unknown> = {}, viewer?: Viewer): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (viewer) headers.authorization = `Bearer ${await signUserToken(viewer, { secret: DEV_USER_JWT_SECRET })}`;
  const response = await fetch(gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query: text, variables }) });
  return (await response.json()) as { data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

describe('through the gateway', () => {
  it('resolves Person.suggestedPersona from the jobTitle that members owns (@requires)', async () => {
    const person = demoPeople()[0]!;
    const { data, errors } = await query<{ person: { jobTitle: string; suggestedPersona: { title: string; jobFamily: string } | null } }>(
      /* GraphQL */ `query ($id: ID!) { person(id: $id) { jobTitle suggestedPersona { title jobFamily } } }`,
      { id: person.id },
    );
    expect(errors).toBeUndefined();
    expect(data!.person.jobTitle).toBe(person.jobTitle);
    expect(data!.person.suggestedPersona?.title).toBe(person.jobTitle);
  });

  it('shows a person their enrolments and refuses anonymous callers', async () => {
    const person = demoPeople()[0]!;
    const ENROLMENTS = /* GraphQL */ `query ($id: ID!) { person(id: $id) { id enrolments { status module { code } employer { name } } } }`;
    const own = await query<{ person: { enrolments: { employer: { name: string } }[] } }>(ENROLMENTS, { id: person.id }, { sub: person.id, roles: [Role.MEMBER] });
    expect(own.errors).toBeUndefined();
    expect(own.data!.person.enrolments.length).toBeGreaterThan(0);
    expect(own.data!.person.enrolments[0]!.employer.name).toBe(person.organization.name);
    const anonymous = await query(ENROLMENTS, { id: person.id });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('answers: for persona X, essential competencies, modules teaching them, their providers and upcoming sessions with seats', async () => {
    const personae = await query<{ personae: { edges: { node: { id: string } }[] } }>(
      /* GraphQL */ `{ personae(filter: { text: "market access manager" }, first: 1) { edges { node { id } } } }`,
    );
    const personaId = personae.data!.personae.edges[0]!.node.id;
    const { data, errors } = await query<{
      persona: {
        title: string;
        requirements: {
          priority: string;
          requiredLevel: string;
          competency: {
            title: string;
            taughtBy: { code: string; providers: { name: string }[]; sessions: { seatsLeft: number | null; courseMode: string; provider: { name: string } }[] }[];
          };
        }[];
      };
    }>(
      /* GraphQL */ `query ($id: ID!, $from: DateTime) {
        persona(id: $id) {
          title
          requirements {
            priority requiredLevel
            competency {
              title
              taughtBy { code providers { name } sessions(from: $from) { seatsLeft courseMode provider { name } } }
            }
          }
        }
      }`,
      { id: personaId, from: new Date().toISOString() },
    );
    expect(errors).toBeUndefined();
    const essential = data!.persona.requirements.filter((r) => r.priority === 'ESSENTIAL');
    expect(essential.length).toBeGreaterThan(4);
    const modules = essential.flatMap((r) => r.competency.taughtBy);
    const providerNames = new Set(modules.flatMap((m) => m.providers.map((p) => p.name)));
    expect([...providerNames].some((n) => ['EM Produits de Santé', 'IFIS Pharma', 'Télécom Paris'].includes(n))).toBe(true);
    const withSeats = modules.flatMap((m) => m.sessions).filter((s) => s.seatsLeft === null || s.seatsLeft > 0);
    expect(withSeats.length).toBeGreaterThan(0);
    expect(withSeats[0]!.provider.name).toEqual(expect.any(String));
  });

  it('gives Organization.learningStats to that organisation’s training managers only', async () => {
    const employer = demoPeople()[0]!.organization;
    const STATS = /* GraphQL */ `query ($id: ID!) { organization(id: $id) { name learningStats { enrolments completions byDomain { domain { title } enrolments } } } }`;
    const own = await query<{ organization: { learningStats: { enrolments: number } } }>(STATS, { id: employer.id }, {
      sub: 'tm',
      org: employer.id,
      roles: [Role.TRAINING_MANAGER],
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!.organization.learningStats.enrolments).toBeGreaterThan(0);
    const other = await query(STATS, { id: employer.id }, { sub: 'tm2', org: 'someone-else', roles: [Role.TRAINING_MANAGER] });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

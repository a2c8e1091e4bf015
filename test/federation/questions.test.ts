import { demoOrganization, Role, type Viewer } from '@ecosystem/shared';
import { startGraph, type RunningGraph } from '../helpers/graph';

/*
 * The questions the subgraph issues ask of the whole graph, through the real gateway over HTTP,
 * and the standard exports reached through the gateway's host.
 */
let graph: RunningGraph;
const hdh = demoOrganization('health-data-hub');
const steward: Viewer = { sub: 'steward-hdh', org: hdh.id, roles: [Role.DATA_STEWARD, Role.MEMBER] };

beforeAll(async () => {
  graph = await startGraph('questions');
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

describe('questions across subgraphs', () => {
  it('an organisation: its datasets, the events where they were presented, their open access requests (as its steward)', async () => {
    const query = /* GraphQL */ `
      query ($id: ID!) {
        organization(id: $id) {
          name
          datasets {
            title { fr }
            presentedAt { title start }
            accessRequests(open: true) { status requester { name } }
          }
        }
      }
    `;
    const asSteward = await graph.query<{
      organization: { name: string; datasets: { presentedAt: unknown[]; accessRequests: { status: string; requester: { name: string } }[] }[] };
    }>(query, { id: hdh.id }, { viewer: steward });
    expect(asSteward.errors).toBeUndefined();
    const datasets = asSteward.data?.organization.datasets ?? [];
    expect(datasets.length).toBeGreaterThan(0);
    expect(datasets.some((d) => d.presentedAt.length > 0)).toBe(true);
    const requests = datasets.flatMap((d) => d.accessRequests);
    expect(requests.length).toBeGreaterThan(0);
    // The requester's name comes from members, the request from datasets.
    expect(requests.every((r) => r.requester.name.length > 0)).toBe(true);
    expect(requests.every((r) => !['CLOSED', 'REFUSED', 'WITHDRAWN'].includes(r.status))).toBe(true);

    // Anonymous callers do not see access requests.
    const anonymous = await graph.query<{ organization: { datasets: { accessRequests: unknown[] | null }[] } | null }>(query, { id: hdh.id });
    const leaked = (anonymous.data?.organization?.datasets ?? []).flatMap((d) => d.accessRequests ?? []);
    expect(leaked).toEqual([]);
  });

  it('MeetMyData sessions of 2022: the datasets presented, their publishers and the projects that requested them', async () => {
    const find = await graph.query<{ events: { edges: { node: { series: { id: string } | null } }[] } }>(
      /* GraphQL */ `{ events(filter: { text: "MeetMyData" }, first: 1) { edges { node { series { id } } } } }`,
    );
    const seriesId = find.data?.events.edges[0]?.node.series?.id;
    expect(seriesId).toBeDefined();
    const response = await graph.query<{
      eventSeries: {
        occurrences: {
          totalCount: number;
          edges: { node: { start: string; presentedDatasets: { title: { fr: string }; publisher: { name: string }; projects: { id: string; acronym: string }[] }[] } }[];
        };
      };
    }>(
      /* GraphQL */ `
        query ($id: ID!) {
          eventSeries(id: $id) {
            occurrences(from: "2022-01-01T00:00:00+01:00", to: "2023-01-01T00:00:00+01:00", first: 20) {
              totalCount
              edges { node { start presentedDatasets { title { fr } publisher { name } projects { id acronym } } } }
            }
          }
        }
      `,
      { id: seriesId },
    );
    expect(response.errors).toBeUndefined();
    const sessions = response.data?.eventSeries.occurrences.edges.map((e) => e.node) ?? [];
    // Monthly on the last Thursday, except the excluded 25 August 2022.
    expect(response.data?.eventSeries.occurrences.totalCount).toBe(11);
    for (const session of sessions) {
      const start = new Date(session.start);
      expect(start.getUTCDay()).toBe(4);
      expect(start.getUTCDate() + 7).toBeGreaterThan(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0)).getUTCDate());
    }
    const datasets = sessions.flatMap((s) => s.presentedDatasets);
    expect(datasets.length).toBeGreaterThanOrEqual(sessions.length);
    expect(datasets.every((d) => d.publisher.name.length > 0)).toBe(true);
    // Projects resolve to members' Project entities (acronym from members).
    const projects = datasets.flatMap((d) => d.projects);
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.every((p) => p.acronym.length > 0)).toBe(true);
  });
});

describe('standard exports through the gateway host', () => {
  const base = (): string => graph.gatewayUrl.replace(/\/graphql$/, '');

  it('serves the DCAT-AP catalogue as JSON-LD', async () => {
    const response = await fetch(`${base()}/catalogue`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/ld+json');
    const body = JSON.stringify(await response.json());
    expect(body).toContain('dcat');
  });

  it('serves an event as iCalendar and the schema.org course catalogue', async () => {
    const events = await graph.query<{ events: { edges: { node: { id: string } }[] } }>(`{ events(first: 1) { edges { node { id } } } }`);
    const id = events.data?.events.edges[0]?.node.id;
    const ics = await fetch(`${base()}/ical/events/${id}.ics`);
    expect(ics.status).toBe(200);
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
    const courses = await fetch(`${base()}/jsonld/modules`);
    expect(courses.status).toBe(200);
    expect(JSON.stringify(await courses.json())).toContain('Course');
  });

  it('answers 404 for an unknown dataset, from the subgraph that owns it', async () => {
    const response = await fetch(`${base()}/datasets/00000000-0000-0000-0000-000000000000`);
    expect(response.status).toBe(404);
  });
});

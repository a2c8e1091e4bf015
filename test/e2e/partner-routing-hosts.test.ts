import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import { type AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { type RunningGraph } from '../helpers/graph';
import { startLeanGraph } from '../helpers/lean-graph';

/*
 * PARTNER_ROUTING_HOSTS with the gateway's registry over its admin HTTP API: a routing URL on a
 * listed host is checked as before; one outside the list, written as an address or as a listed name
 * that resolves outside the listed ranges, is refused ROUTING_URL_NOT_ALLOWED before anything
 * connects to it (a listening socket counts the connections it receives).
 */
const PARTNER_HOST = '127.0.0.2';
let graph: RunningGraph;
let partner: ApolloServer;
let partnerUrl: string;
let listener: Server;
let listenerPort: number;
let connections = 0;
let adminBase: string;
let adminToken: string;
/** On the listed host: answers a redirect to the listener, or a body that is not JSON. */
let tricks: HttpServer;
let tricksBase: string;

beforeAll(async () => {
  listener = createServer((socket: Socket) => {
    connections += 1;
    socket.destroy();
  });
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', () => resolve()));
  listenerPort = (listener.address() as AddressInfo).port;
  tricks = createHttpServer((request, response) => {
    if (request.url === '/redirect') {
      response.writeHead(302, { location: `http://127.0.0.1:${listenerPort}/graphql` }).end();
    } else {
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ami-id\nAKIA-NOT-FOR-PARTNERS');
    }
  });
  await new Promise<void>((resolve) => tricks.listen(0, PARTNER_HOST, () => resolve()));
  tricksBase = `http://${PARTNER_HOST}:${(tricks.address() as AddressInfo).port}`;
  partner = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
        type Query { "Whether the campus answers." campusRoutingPing: Boolean }`),
      resolvers: { Query: { campusRoutingPing: () => true } },
    }),
  });
  const { url } = await startStandaloneServer(partner, { listen: { port: 0, host: PARTNER_HOST } });
  partnerUrl = `http://${PARTNER_HOST}:${new URL(url).port}/graphql`;
  // The listed name "localhost" resolves to 127.0.0.1, outside the one listed address.
  graph = await startLeanGraph('routing_hosts', { PARTNER_ROUTING_HOSTS: `${PARTNER_HOST}, localhost` }, [], []);
  adminBase = graph.gatewayUrl.replace(/\/graphql$/, '/admin');
  adminToken = await graph.tokenFor({ sub: 'admin-person', roles: ['admin'] });
}, 120_000);

afterAll(async () => {
  await graph?.stop();
  await partner?.stop();
  await new Promise((resolve) => listener?.close(resolve));
  await new Promise((resolve) => tricks?.close(resolve));
});

interface Problem {
  check: string;
  code?: string;
  input?: string;
  message: string;
}
interface Answer {
  status: number;
  body: { outcome?: string; requestId?: string; report?: { problems: Problem[] }; publications?: { outcome: string; report: Problem[] }[] };
}

async function admin(method: string, path: string, body?: unknown): Promise<Answer> {
  const response = await fetch(`${adminBase}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

it('checks a routing URL on a listed host as before', async () => {
  const answer = await admin('POST', '/subgraphs/campus-routing/check', { url: partnerUrl });
  expect(answer.body.report?.problems).toEqual([]);
  expect(answer).toMatchObject({ status: 200, body: { outcome: 'ACCEPTED' } });
});

it('counts the connections it receives (what the refusals below are measured with)', async () => {
  connections = 0;
  await fetch(`http://127.0.0.1:${listenerPort}/graphql`).catch(() => undefined);
  expect(connections).toBe(1);
});

it.each([
  ['an address outside the listed ones', '127.0.0.1', 'check'],
  ['a listed name resolving outside the listed addresses', 'localhost', 'check'],
  ['a listed name resolving outside the listed addresses', 'localhost', 'publish'],
])('refuses %s (%s, %s) ROUTING_URL_NOT_ALLOWED without connecting to it', async (_what, host, action) => {
  connections = 0;
  const answer = await admin('POST', `/subgraphs/campus-routing/${action}`, { url: `http://${host}:${listenerPort}/graphql` });
  expect(answer.status).toBe(422);
  expect(answer.body.outcome).toBe('REFUSED');
  expect(answer.body.requestId).toEqual(expect.any(String));
  expect(answer.body.report?.problems).toEqual([
    expect.objectContaining({ check: 'reachability', code: 'ROUTING_URL_NOT_ALLOWED', input: 'url', message: expect.stringContaining('Nothing was fetched') }),
  ]);
  // A name's addresses are not told: a partner learns nothing of the operator's DNS from a refusal.
  if (host === 'localhost') expect(answer.body.report?.problems[0]?.message).not.toContain('127.0.0.1');
  expect(connections).toBe(0);
});

it('keeps refused publications in the publication log, with their code', async () => {
  const answer = await admin('GET', '/publications?subgraph=campus-routing');
  expect(answer.body.publications?.[0]).toMatchObject({ outcome: 'REFUSED', report: [expect.objectContaining({ code: 'ROUTING_URL_NOT_ALLOWED' })] });
});

it('does not follow a redirect from a listed host to an address outside the list', async () => {
  connections = 0;
  const answer = await admin('POST', '/subgraphs/campus-routing/check', { url: `${tricksBase}/redirect` });
  expect(answer.status).toBe(422);
  expect(answer.body.report?.problems).toEqual([expect.objectContaining({ check: 'reachability', code: 'SUBGRAPH_UNREACHABLE', message: expect.stringContaining('a redirect') })]);
  expect(connections).toBe(0);
});

it('does not quote a body that is not JSON back to the partner', async () => {
  const answer = await admin('POST', '/subgraphs/campus-routing/check', { url: `${tricksBase}/text` });
  expect(answer.status).toBe(422);
  const message = answer.body.report?.problems[0]?.message ?? '';
  expect(message).toContain('did not answer a JSON GraphQL response');
  expect(message).not.toContain('AKIA');
  expect(message).not.toContain('ami-id');
});

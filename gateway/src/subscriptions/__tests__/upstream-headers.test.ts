import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger, IDENTITY_HEADER, REQUEST_ID_HEADER, Role } from '@ecosystem/shared';
import { buildSchema, type ExecutionResult, parse } from 'graphql';
import { createHandler } from 'graphql-sse/lib/use/http';
import { testClients } from '../../resilience/__tests__/test-clients';
import { GatewaySubscriptions, type SubscriberContext } from '../gateway-subscriptions';

/*
 * The upstream subscription goes through the gateway's subgraph clients, as every other subgraph
 * call does: it carries the caller's headers (request id, propagated headers, identity token). The
 * subgraph here is graphql-sse's own server with the events subgraph's subscription field.
 */
const root = join(__dirname, '..', '..', '..', '..');
const logger = createLogger('subscriptions-test', 'silent');
const upstreamSchema = buildSchema(/* GraphQL */ `
  type Query { ok: Boolean }
  type RegistrationState { seatsTaken: Int }
  type Subscription { registrationChanged(eventId: ID!): RegistrationState }
`);
const received: IncomingHttpHeaders[] = [];
let server: Server;
let release: () => void = () => undefined;
let url: string;
const { clients } = testClients({});

beforeAll(async () => {
  const handler = createHandler({
    schema: upstreamSchema,
    execute: () => ({ data: {} }),
    // One event, then the stream stays open until the end of the tests.
    subscribe: async function* () {
      yield { data: { registrationChanged: { __typename: 'RegistrationState' } } };
      await new Promise<void>((resolve) => (release = resolve));
    } as never,
  });
  server = createServer((req, res) => {
    received.push(req.headers);
    void handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  release();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await clients.close();
});

describe('the upstream subscription', () => {
  it('carries the request id, the propagated headers and the identity token, as a query’s fetches do', async () => {
    const subscriptions = new GatewaySubscriptions({
      logger,
      perClient: 10,
      subgraphs: clients,
      subgraphUrl: () => url,
      verify: () => Promise.resolve(viewer),
      execute: () => Promise.resolve({ data: { registrationChanged: { seatsTaken: 1 } } }),
      formatError: (formatted) => formatted,
    });
    subscriptions.schemaChanged(
      buildSchema(readFileSync(join(root, 'schema', 'api.graphql'), 'utf8')),
      readFileSync(join(root, 'gateway', 'supergraph', 'core.graphql'), 'utf8'),
    );
    const viewer = { sub: 'member-1', roles: [Role.MEMBER] };
    const context: SubscriberContext = {
      requestId: 'req-upstream-1',
      viewer,
      logger,
      identityTokens: new Map(),
      propagatedHeaders: [['accept-language', 'fr']],
      authorization: undefined,
      client: 'client-1',
    };
    const stream = subscriptions.subscribe({
      schema: subscriptions.apiSchema!,
      document: parse('subscription { registrationChanged(eventId: "e1") { seatsTaken } }'),
      contextValue: context,
    }) as AsyncGenerator<ExecutionResult>;
    try {
      expect((await stream.next()).value).toEqual({ data: { registrationChanged: { seatsTaken: 1 } } });
    } finally {
      await stream.return(undefined);
    }
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ [REQUEST_ID_HEADER]: 'req-upstream-1', 'accept-language': 'fr', accept: 'text/event-stream' });
    expect(received[0]![IDENTITY_HEADER]).toMatch(/^ey/);
  });
});

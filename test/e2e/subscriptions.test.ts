import { DEV_USER_JWT_SECRET, demoOrganization, demoPeople, Role, type Viewer } from '@ecosystem/shared';
import { randomUUID } from 'node:crypto';
import { signUserToken } from '@ecosystem/gateway';
import { type CoreSupergraphManager } from '@ecosystem/registry';
import { type ExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startExtraGateway } from '../helpers/gateways';
import { startGraph, type RunningGraph } from '../helpers/graph';

/*
 * Subscriptions through the gateway over real HTTP (four subgraphs, each on its own database, and
 * the gateway): the events subgraph publishes registration changes, the gateway subscribes there
 * and answers each event with a query through its plan (the organisers' names come from members).
 */
let graph: RunningGraph;
let base: string;
let eventId: string;

const A = demoOrganization('ans').id;
const B = demoOrganization('doctolib').id;
const personOf = (key: string): string => demoPeople().find((p) => p.organization.key === key)!.id;
const personA: Viewer = { sub: personOf('ans'), org: A, roles: [Role.MEMBER] };
const personB: Viewer = { sub: personOf('doctolib'), org: B, roles: [Role.MEMBER] };
const admin: Viewer = { sub: 'subscriptions-admin', roles: [Role.ADMIN] };

const WATCH = /* GraphQL */ `
  subscription Watch($eventId: ID!) {
    registrationChanged(eventId: $eventId) {
      seatsTaken maxCapacity waitingListLength viewerStatus viewerWaitlistPosition
      event { id title organizers { name } }
    }
  }
`;
type State = {
  registrationChanged: {
    seatsTaken: number;
    maxCapacity: number | null;
    waitingListLength: number;
    viewerStatus: string | null;
    viewerWaitlistPosition: number | null;
    event: { id: string; title: string; organizers: { name: string }[] | null };
  };
};

/** A subscription's results as they arrive, with the time each came. */
class Received<T = State> {
  readonly results: { at: number; result: ExecutionResult<T> }[] = [];
  completed = false;
  private waiters: (() => void)[] = [];
  push(result: ExecutionResult<T>): void {
    this.results.push({ at: Date.now(), result });
    this.waiters.splice(0).forEach((w) => w());
  }
  complete(): void {
    this.completed = true;
    this.waiters.splice(0).forEach((w) => w());
  }
  /** Waits until `count` results have come (or the stream completed), at most `timeoutMs`. */
  async count(count: number, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.results.length < count && !this.completed) {
      if (Date.now() > deadline) throw new Error(`${this.results.length} results after ${timeoutMs} ms, waiting for ${count}: ${JSON.stringify(this.results)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }
  last(): ExecutionResult<T> {
    return this.results[this.results.length - 1]!.result;
  }
}

function sseSubscribe<T = State>(
  token: string | undefined,
  variables: Record<string, unknown>,
  url = `${base}/graphql/stream`,
  query = WATCH,
): { received: Received<T>; dispose: () => void } {
  const received = new Received<T>();
  const client = createSseClient({ url, headers: token ? { authorization: `Bearer ${token}` } : {}, retryAttempts: 0 });
  const dispose = client.subscribe<T>({ query, variables }, {
    next: (result) => received.push(result as ExecutionResult<T>),
    error: (error) => {
      received.push({ errors: [{ message: String((error as Error).message ?? JSON.stringify(error)) }] } as never);
      received.complete();
    },
    complete: () => received.complete(),
  });
  return {
    received,
    dispose: () => {
      dispose();
      client.dispose();
    },
  };
}

async function register(viewer: Viewer): Promise<{ id: string; status: string }> {
  const response = await graph.query<{ register: { id: string; status: string } }>(
    'mutation ($input: RegisterInput!) { register(input: $input) { id status } }',
    { input: { eventId } },
    { viewer },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.register;
}

beforeAll(async () => {
  graph = await startGraph('subs', { SUBSCRIPTIONS_PER_CLIENT: '2', JWT_CLOCK_TOLERANCE_SECONDS: '0' });
  base = graph.gatewayUrl.replace(/\/graphql$/, '');
  const created = await graph.query<{ createEvent: { id: string } }>(
    'mutation ($input: CreateEventInput!) { createEvent(input: $input) { id } }',
    {
      input: {
        title: 'Atelier des abonnements',
        kind: 'WORKSHOP',
        attendanceMode: 'ONLINE',
        start: new Date(Date.now() + 10 * 86_400_000).toISOString(),
        end: new Date(Date.now() + 10 * 86_400_000 + 7_200_000).toISOString(),
        virtualLocation: { url: 'https://live.example.org/abonnements' },
        organizerIds: [A],
        maxCapacity: 1,
      },
    },
    { viewer: admin },
  );
  expect(created.errors).toBeUndefined();
  eventId = created.data!.createEvent.id;
}, 120_000);

afterAll(async () => {
  await graph?.stop();
});

describe('subscriptions through the gateway', () => {
  it('sends the state at once, then every registration within a second, with fields of other subgraphs (SSE)', async () => {
    const { received, dispose } = sseSubscribe(await graph.tokenFor(personB), { eventId });
    try {
      await received.count(1);
      const initial = received.last();
      expect(initial.errors).toBeUndefined();
      expect(initial.data!.registrationChanged).toMatchObject({ seatsTaken: 0, maxCapacity: 1, waitingListLength: 0, viewerStatus: null });
      expect(initial.data!.registrationChanged.event.organizers).toEqual([{ name: expect.any(String) }]);

      const sent = Date.now();
      expect((await register(personA)).status).toBe('CONFIRMED');
      await received.count(2, 1000);
      expect(received.results[1]!.at - sent).toBeLessThan(1000);
      expect(received.last().data!.registrationChanged).toMatchObject({ seatsTaken: 1, waitingListLength: 0, viewerStatus: null });

      // The viewer's own place on the waiting list.
      expect((await register(personB)).status).toBe('WAITLISTED');
      await received.count(3, 1000);
      expect(received.last().data!.registrationChanged).toMatchObject({ seatsTaken: 1, waitingListLength: 1, viewerStatus: 'WAITLISTED', viewerWaitlistPosition: 1 });
    } finally {
      dispose();
    }
  });

  it('serves graphql-ws over WebSocket too, anonymous callers included', async () => {
    const client = createWsClient({ url: `${base.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const received = new Received();
    const dispose = client.subscribe<State>({ query: WATCH, variables: { eventId } }, {
      next: (result) => received.push(result as ExecutionResult<State>),
      error: () => received.complete(),
      complete: () => received.complete(),
    });
    try {
      await received.count(1);
      expect(received.last().data!.registrationChanged).toMatchObject({ seatsTaken: 1, viewerStatus: null });
      const mine = await graph.query<{ myRegistrations: { id: string; event: { id: string } }[] }>('{ myRegistrations { id event { id } } }', {}, { viewer: personA });
      const registration = mine.data!.myRegistrations.find((r) => r.event.id === eventId)!;
      const cancelled = await graph.query('mutation ($id: ID!) { cancelRegistration(id: $id) { id } }', { id: registration.id }, { viewer: personA });
      expect(cancelled.errors).toBeUndefined();
      await received.count(2, 1000);
      // The freed seat went to the waiting person.
      expect(received.last().data!.registrationChanged).toMatchObject({ seatsTaken: 1, waitingListLength: 0 });
    } finally {
      dispose();
      await client.dispose();
    }
  });

  it('closes the stream of a viewer whose token is no longer valid, at the next event (UNAUTHENTICATED)', async () => {
    const shortLived = await signUserToken(personA, { secret: DEV_USER_JWT_SECRET, expiresIn: '2s' });
    const { received, dispose } = sseSubscribe(shortLived, { eventId });
    try {
      await received.count(1);
      expect(received.last().errors).toBeUndefined();
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await register(personA);
      await received.count(2, 1000);
      expect(received.last().errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: expect.any(String) });
      await received.count(3, 1000);
      expect(received.completed).toBe(true);
    } finally {
      dispose();
    }
  });

  it('refuses a subscription past SUBSCRIPTIONS_PER_CLIENT (TOO_MANY_SUBSCRIPTIONS), and serves none over POST', async () => {
    const token = await graph.tokenFor(admin);
    const streams = [sseSubscribe(token, { eventId }), sseSubscribe(token, { eventId })];
    try {
      await Promise.all(streams.map((s) => s.received.count(1)));
      const third = sseSubscribe(token, { eventId });
      await third.received.count(1);
      expect(third.received.last().errors?.[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      third.dispose();
    } finally {
      streams.forEach((s) => s.dispose());
    }
    const post = await graph.query(WATCH, { eventId });
    expect(post.status).toBe(400);
    expect(post.errors?.[0]?.extensions?.code).toBe('SUBSCRIPTIONS_NOT_SERVED');
  });

  it('ends every stream with SUBSCRIPTION_CLOSED on a supergraph swap and at shutdown', async () => {
    const { received, dispose } = sseSubscribe(undefined, { eventId });
    const extra = await startExtraGateway(graph, {}, 'subs-shutdown');
    const onExtra = sseSubscribe(undefined, { eventId }, `${extra.base}/graphql/stream`);
    try {
      await received.count(1);
      await onExtra.received.count(1);
      // The graph of this test composes in process: its supergraph is the registry's.
      const manager = graph.gateway.supergraph as CoreSupergraphManager;
      const serving = manager.serving!;
      await manager.exclusive(() => manager.swapNow({ ...serving, version: serving.version + 1, sdl: `${serving.sdl}\n# swapped by the subscriptions test\n` }));
      await received.count(2, 2000);
      expect(received.last().errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_CLOSED', reason: 'SUPERGRAPH_CHANGED', requestId: expect.any(String) });
      await extra.stop();
      await onExtra.received.count(2, 2000);
      expect(onExtra.received.last().errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_CLOSED', reason: 'SHUTDOWN' });
    } finally {
      dispose();
      onExtra.dispose();
    }
    expect(graph.gateway.subscriptions.openCount).toBe(0);
  });

  it('over WebSocket too: the last message at shutdown is SUBSCRIPTION_CLOSED (SHUTDOWN)', async () => {
    const extra = await startExtraGateway(graph, {}, 'subs-ws-shutdown');
    const received = new Received();
    const client = createWsClient({ url: `${extra.base.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
    const dispose = client.subscribe<State>({ query: WATCH, variables: { eventId } }, {
      next: (result) => received.push(result as ExecutionResult<State>),
      error: () => received.complete(),
      complete: () => received.complete(),
    });
    try {
      await received.count(1);
      await extra.stop();
      await received.count(2, 2000);
      expect(received.last().errors?.[0]?.extensions).toMatchObject({ code: 'SUBSCRIPTION_CLOSED', reason: 'SHUTDOWN' });
    } finally {
      dispose();
      await client.dispose();
    }
  });

  it('closes a WebSocket whose message is over MAX_BODY_BYTES (1009), as SSE answers 413', async () => {
    const big = `subscription { __typename # ${'x'.repeat(2 * 1024 * 1024)}\n }`;
    const sse = await fetch(`${base}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query: big }) });
    expect(sse.status).toBe(413);
    const socket = new WebSocket(`${base.replace(/^http/, 'ws')}/graphql`, 'graphql-transport-ws');
    const code = await new Promise<number>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
      socket.on('message', (data) => {
        if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: big } }));
      });
      socket.on('close', (closed) => resolve(closed));
      socket.on('error', reject);
    });
    expect(code).toBe(1009);
  });
});


/** The first result of a subscription over Server-Sent Events (a refusal is its only one). */
async function firstSseResult(url: string, query: string, variables: Record<string, unknown> = {}): Promise<ExecutionResult> {
  const client = createSseClient({ url, retryAttempts: 0 });
  try {
    return await new Promise<ExecutionResult>((resolve, reject) => {
      client.subscribe({ query, variables }, { next: (result) => resolve(result as ExecutionResult), error: reject, complete: () => undefined });
    });
  } finally {
    client.dispose();
  }
}

/** The errors graphql-ws sends for a refused subscription (its `error` message). */
async function wsRefusal(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ message: string; extensions?: Record<string, unknown> }[]> {
  const client = createWsClient({ url, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  try {
    return await new Promise((resolve, reject) => {
      client.subscribe({ query, variables }, {
        next: (result) => reject(new Error(`a result, not a refusal: ${JSON.stringify(result)}`)),
        error: (error) => (Array.isArray(error) ? resolve(error) : reject(error)),
        complete: () => reject(new Error('completed without a refusal')),
      });
    });
  } finally {
    await client.dispose();
  }
}

async function postErrors(url: string, query: string): Promise<{ status: number; errors: { message: string; extensions?: Record<string, unknown> }[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return { status: response.status, errors: ((await response.json()) as { errors: { message: string; extensions?: Record<string, unknown> }[] }).errors };
}

/** What a client sees of an error, the request id aside (each request has its own). */
const seen = (errors: readonly { message: string; extensions?: Record<string, unknown> }[] | undefined): unknown =>
  errors?.map(({ message, extensions }) => ({ message, code: extensions?.code }));

/** Opens a graphql-ws socket (connection_init, ack); resolves with the socket, or with the close code when it is refused. */
function openSocket(url: string): Promise<{ socket: WebSocket } | { closed: number; reason: string }> {
  const socket = new WebSocket(url, 'graphql-transport-ws');
  return new Promise((resolve, reject) => {
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => {
      if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') resolve({ socket });
    });
    socket.on('close', (closed, reason) => resolve({ closed, reason: String(reason) }));
    socket.on('error', reject);
  });
}

async function closeSocket(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return;
  await new Promise((resolve) => {
    socket.once('close', resolve);
    socket.close();
  });
}

describe('subscriptions pass the policies of /graphql (red-team findings)', () => {
  let policed: Awaited<ReturnType<typeof startExtraGateway>>;
  beforeAll(async () => {
    // As in production: suggestions hidden, errors masked; limits low enough to reach with small documents.
    policed = await startExtraGateway(graph, { BLOCK_FIELD_SUGGESTIONS: 'true', MASK_ERRORS: 'true', MAX_DEPTH: '2', MAX_COST: '4' }, 'subs-policy');
  }, 60_000);
  afterAll(async () => {
    await policed?.stop();
  });

  const SUGGESTED = 'subscription { registrationChanged(eventId: "1") { seatsTake } }';
  const TOKENS = `subscription { registrationChanged(eventId: "1") { ${'seatsTaken '.repeat(5200)}} }`;
  const DEEP = 'subscription { registrationChanged(eventId: "1") { event { organizers { name } } } }';

  it.each([
    ['a misspelt field, without "Did you mean"', SUGGESTED, 'GRAPHQL_VALIDATION_FAILED'],
    ['a 5,200-token document', TOKENS, 'TOO_MANY_TOKENS'],
    ['a document past MAX_DEPTH', DEEP, 'QUERY_TOO_DEEP'],
  ])('refuses %s over SSE and WebSocket as /graphql refuses the same document', async (_name, query, code) => {
    const post = await postErrors(policed.url, query);
    expect(post.status).toBe(400);
    expect(post.errors[0]!.extensions?.code).toBe(code);
    const sse = await firstSseResult(`${policed.base}/graphql/stream`, query);
    const ws = await wsRefusal(`${policed.base.replace(/^http/, 'ws')}/graphql`, query);
    expect(seen(sse.errors)).toEqual(seen(post.errors));
    expect(seen(ws)).toEqual(seen(post.errors));
    expect(sse.errors![0]!.extensions?.requestId).toEqual(expect.any(String));
    for (const error of [...sse.errors!, ...ws]) expect(error.message).not.toMatch(/Did you mean|Validation aborted/);
  });

  it('refuses a subscription past MAX_COST (QUERY_TOO_COMPLEX) over SSE and WebSocket, as the same selection on /graphql', async () => {
    const selection = '(eventId: "1") { seatsTaken maxCapacity eventId waitingListLength viewerStatus }';
    const query = await postErrors(policed.url, `query { registrationState${selection} }`);
    expect(query.errors[0]!.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 6, maxCost: 4 });
    const subscription = `subscription { registrationChanged${selection} }`;
    const sse = await firstSseResult(`${policed.base}/graphql/stream`, subscription);
    const ws = await wsRefusal(`${policed.base.replace(/^http/, 'ws')}/graphql`, subscription);
    expect(seen(sse.errors)).toEqual(seen(query.errors));
    expect(seen(ws)).toEqual(seen(query.errors));
  });

  it('caps open WebSocket sockets and SSE streams per client address (SUBSCRIPTION_CONNECTIONS_PER_ADDRESS): close 1013 / 429 TOO_MANY_CONNECTIONS', async () => {
    // Its own gateway: the sockets of the tests above may still be closing on the other.
    const capped = await startExtraGateway(graph, { SUBSCRIPTION_CONNECTIONS_PER_ADDRESS: '2' }, 'subs-cap');
    try {
      await expectCapped(capped.base);
    } finally {
      await capped.stop();
    }
  });

  async function expectCapped(base: string): Promise<void> {
    const url = `${base.replace(/^http/, 'ws')}/graphql`;
    // Sockets without any subscription count: SUBSCRIPTIONS_PER_CLIENT never saw them.
    const first = await openSocket(url);
    const second = await openSocket(url);
    try {
      expect('socket' in first && 'socket' in second).toBe(true);
      const third = await openSocket(url);
      expect(third).toEqual({ closed: 1013, reason: expect.stringMatching(/^TOO_MANY_CONNECTIONS: at most 2 per client address/) });
      const sse = await fetch(`${base}/graphql/stream`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
        body: JSON.stringify({ query: 'subscription { registrationChanged(eventId: "1") { seatsTaken } }' }),
      });
      expect(sse.status).toBe(429);
      expect(((await sse.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toMatchObject({ code: 'TOO_MANY_CONNECTIONS', maxConnections: 2 });
    } finally {
      for (const opened of [first, second]) if ('socket' in opened) await closeSocket(opened.socket);
    }
    // Closed sockets give their places back (once the gateway has seen them close).
    let again = await openSocket(url);
    for (let attempt = 0; attempt < 20 && !('socket' in again); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await openSocket(url);
    }
    expect('socket' in again).toBe(true);
    if ('socket' in again) await closeSocket(again.socket);
    const stream = await firstSseResult(`${base}/graphql/stream`, `subscription ($eventId: ID!) { registrationChanged(eventId: $eventId) { seatsTaken } }`, { eventId });
    expect(stream.errors).toBeUndefined();
    expect(stream.data).toEqual({ registrationChanged: { seatsTaken: expect.any(Number) } });
  }

  it.each(['PUT', 'DELETE', 'PATCH'])("refuses %s /graphql/stream (graphql-sse's single connection mode is not served): 405 METHOD_NOT_ALLOWED", async (method) => {
    const response = await fetch(`${policed.base}/graphql/stream`, { method, headers: { accept: 'text/plain' } });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(((await response.json()) as { errors: { extensions: Record<string, unknown> }[] }).errors[0]!.extensions).toMatchObject({ code: 'METHOD_NOT_ALLOWED', requestId: expect.any(String) });
  });
});

/*
 * The datasets subgraph's subscriptions: an access request's transitions (its requester and the
 * publisher's data stewards, as Query.accessRequest lets them see it) and the catalogue's new datasets.
 */
describe('subscriptions of the datasets subgraph', () => {
  const C = demoOrganization('inserm').id;
  const stewardA: Viewer = { sub: 'subscriptions-steward-a', org: A, roles: [Role.DATA_STEWARD] };
  const stewardC: Viewer = { sub: 'subscriptions-steward-c', org: C, roles: [Role.DATA_STEWARD] };
  const requesterB: Viewer = { sub: 'subscriptions-requester-b', org: B, roles: [Role.MEMBER] };
  let catalogueId: string;

  const CHANGED = /* GraphQL */ `
    subscription Changed($id: ID!) {
      accessRequestChanged(id: $id) { id accessRequest { status version requester { name } } }
    }
  `;
  type Changed = { accessRequestChanged: { id: string; accessRequest: { status: string; version: number; requester: { name: string } | null } } };
  const MINE = /* GraphQL */ `
    subscription Mine($filter: AccessRequestFilter) {
      myAccessRequests(filter: $filter) { totalCount edges { node { id status } } }
    }
  `;
  type Mine = { myAccessRequests: { totalCount: number; edges: { node: { id: string; status: string } }[] } };
  const PUBLISHED = /* GraphQL */ `
    subscription Published($filter: DatasetFilter) {
      datasetPublished(filter: $filter) { id healthCategories title { fr } publisher { name } }
    }
  `;
  type Published = { datasetPublished: { id: string; healthCategories: string[]; title: { fr: string }; publisher: { name: string } | null } };

  async function must<T>(viewer: Viewer, query: string, variables: Record<string, unknown>): Promise<T> {
    const response = await graph.query<T>(query, variables, { viewer });
    expect(response.errors).toBeUndefined();
    return response.data!;
  }

  async function createDataset(healthCategories: string[]): Promise<string> {
    const suffix = randomUUID();
    const data = await must<{ createDataset: { id: string } }>(admin, 'mutation ($input: CreateDatasetInput!) { createDataset(input: $input) { id } }', {
      input: {
        identifier: `https://data.example.org/subscriptions/${suffix}`,
        titleFr: `Jeu suivi ${suffix}`,
        descriptionFr: 'Publié pour les abonnements.',
        catalogueId,
        publisherId: A,
        typology: 'COHORT',
        accessRights: 'RESTRICTED',
        healthCategories,
        contactName: 'Bureau des données',
      },
    });
    return data.createDataset.id;
  }

  /** A request of B for a dataset of A, submitted: the stewards of A see it from then on. */
  async function submittedRequest(): Promise<{ id: string; datasetId: string }> {
    const datasetId = await createDataset(['RMMD']);
    const created = await must<{ createAccessRequest: { id: string } }>(requesterB, 'mutation ($input: CreateAccessRequestInput!) { createAccessRequest(input: $input) { id } }', {
      input: { datasetIds: [datasetId], purpose: 'Suivre une demande en direct' },
    });
    const id = created.createAccessRequest.id;
    await must(requesterB, 'mutation ($id: ID!) { submitAccessRequest(id: $id) { id } }', { id });
    return { id, datasetId };
  }

  beforeAll(async () => {
    const catalogues = await graph.query<{ dataCatalogues: { id: string }[] }>('{ dataCatalogues { id } }');
    catalogueId = catalogues.data!.dataCatalogues[0]!.id;
  });

  it('sends a transition to the requester and to the publisher\u2019s steward within a second, and to their myAccessRequests, not to a stranger\u2019s', async () => {
    const { id, datasetId } = await submittedRequest();
    const requester = sseSubscribe<Changed>(await graph.tokenFor(requesterB), { id }, undefined, CHANGED);
    const steward = sseSubscribe<Changed>(await graph.tokenFor(stewardA), { id }, undefined, CHANGED);
    const stewardList = sseSubscribe<Mine>(await graph.tokenFor(stewardA), { filter: { datasetId } }, undefined, MINE);
    const strangerList = sseSubscribe<Mine>(await graph.tokenFor(stewardC), { filter: { datasetId } }, undefined, MINE);
    const all = [requester, steward, stewardList, strangerList];
    try {
      await Promise.all(all.map((s) => s.received.count(1)));
      for (const s of [requester, steward]) {
        expect(s.received.last().errors).toBeUndefined();
        // The requesting organisation's name comes from the members subgraph, through the query plan.
        expect(s.received.last().data!.accessRequestChanged).toMatchObject({ id, accessRequest: { status: 'SUBMITTED', requester: { name: expect.any(String) } } });
      }
      expect(stewardList.received.last().data!.myAccessRequests).toEqual({ totalCount: 1, edges: [{ node: { id, status: 'SUBMITTED' } }] });
      expect(strangerList.received.last().data!.myAccessRequests).toEqual({ totalCount: 0, edges: [] });

      const sent = Date.now();
      await must(stewardA, 'mutation ($input: TransitionAccessRequestInput!) { transitionAccessRequest(input: $input) { id } }', {
        input: { id, to: 'CESREES_REVIEW' },
      });
      await Promise.all([requester, steward, stewardList].map((s) => s.received.count(2, 1000)));
      for (const s of [requester, steward]) {
        expect(s.received.results[1]!.at - sent).toBeLessThan(1000);
        expect(s.received.last().data!.accessRequestChanged.accessRequest).toMatchObject({ status: 'CESREES_REVIEW', version: 3 });
      }
      expect(stewardList.received.results[1]!.at - sent).toBeLessThan(1000);
      expect(stewardList.received.last().data!.myAccessRequests.edges).toEqual([{ node: { id, status: 'CESREES_REVIEW' } }]);
      // The steward of another publisher hears nothing of it (its myAccessRequests keeps the requests it may see).
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(strangerList.received.results).toHaveLength(1);
    } finally {
      all.forEach((s) => s.dispose());
    }
  });

  it('closes a steward\u2019s stream with FORBIDDEN at the next event once the relation is revoked in the database; the requester\u2019s goes on', async () => {
    const { id } = await submittedRequest();
    const requester = sseSubscribe<Changed>(await graph.tokenFor(requesterB), { id }, undefined, CHANGED);
    const steward = sseSubscribe<Changed>(await graph.tokenFor(stewardA), { id }, undefined, CHANGED);
    try {
      await Promise.all([requester, steward].map((s) => s.received.count(1)));
      expect(steward.received.last().errors).toBeUndefined();
      // The relation canSeeAccessRequest reads for a steward: the request's publisher is the steward's
      // organisation. Moved to another publisher in the database, behind the API's back.
      await graph.subgraphs.datasets!.database.dataSource.query('UPDATE access_request SET publisherId = ? WHERE id = ?', [C, id]);
      await must(requesterB, 'mutation ($id: ID!) { withdrawAccessRequest(id: $id) { id } }', { id });
      await steward.received.count(2, 1000);
      expect(steward.received.last().errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(steward.received.last().data ?? null).toBeNull();
      await steward.received.count(3, 1000);
      expect(steward.received.completed).toBe(true);
      await requester.received.count(2, 1000);
      expect(requester.received.last().data!.accessRequestChanged.accessRequest.status).toBe('WITHDRAWN');
      expect(requester.received.completed).toBe(false);
    } finally {
      requester.dispose();
      steward.dispose();
    }
  });

  it('refuses a stranger\u2019s subscription to someone else\u2019s request (FORBIDDEN), and an anonymous one (UNAUTHENTICATED)', async () => {
    const { id } = await submittedRequest();
    const stranger = sseSubscribe<Changed>(await graph.tokenFor(stewardC), { id }, undefined, CHANGED);
    const anonymous = sseSubscribe<Changed>(undefined, { id }, undefined, CHANGED);
    try {
      await stranger.received.count(2);
      expect(stranger.received.results[0]!.result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(stranger.received.results[0]!.result.data ?? null).toBeNull();
      expect(stranger.received.completed).toBe(true);
      await anonymous.received.count(1);
      expect(anonymous.received.results[0]!.result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.received.results[0]!.result.data ?? null).toBeNull();
    } finally {
      stranger.dispose();
      anonymous.dispose();
    }
  });

  it('sends datasetPublished(filter) for the datasets the filter matches only, read with fields of other subgraphs', async () => {
    const analyst = sseSubscribe<Published>(undefined, { filter: { healthCategories: ['HGPD'] } }, undefined, PUBLISHED);
    const everything = sseSubscribe<Published>(await graph.tokenFor(personA), {}, undefined, PUBLISHED);
    try {
      // Nothing is sent before the first publication: wait until the subgraph listens.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(analyst.received.results).toHaveLength(0);
      const other = await createDataset(['RMMD']);
      const sent = Date.now();
      const followed = await createDataset(['HGPD', 'RMMD']);
      await analyst.received.count(1, 1000);
      expect(analyst.received.results[0]!.at - sent).toBeLessThan(1000);
      // Events keep their order: had the first dataset passed the filter, it would have come first.
      expect(analyst.received.last().errors).toBeUndefined();
      expect(analyst.received.last().data!.datasetPublished).toMatchObject({ id: followed, healthCategories: expect.arrayContaining(['HGPD']), publisher: { name: expect.any(String) } });
      await everything.received.count(2, 1000);
      expect(everything.received.results.map((r) => r.result.data!.datasetPublished.id)).toEqual([other, followed]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(analyst.received.results).toHaveLength(1);
    } finally {
      analyst.dispose();
      everything.dispose();
    }
  });

  it('refuses a datasetPublished filter the catalogue would refuse (BAD_USER_INPUT)', async () => {
    const bad = sseSubscribe<Published>(undefined, { filter: { ageRange: { min: 60, max: 10 } } }, undefined, PUBLISHED);
    try {
      await bad.received.count(1);
      expect(bad.received.results[0]!.result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    } finally {
      bad.dispose();
    }
  });
});

/*
 * Red-team findings on errors at a subscription's start: the same coded, masked errors (with the
 * request id) over both transports, a failed stream ends and frees its place, a subgraph's refusal
 * keeps its code.
 */
describe('subscription errors at the start, over SSE and WebSocket', () => {
  type Err = { message: string; extensions?: Record<string, unknown> };
  const wsUrl = (): string => `${base.replace(/^http/, 'ws')}/graphql`;

  /** Every message of a WebSocket subscription until it ends: its results, or the errors of an `error` message. */
  async function wsAll(query: string, variables: Record<string, unknown>, token?: string): Promise<{ results: ExecutionResult[]; completed: boolean }> {
    const client = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true, connectionParams: token ? { authorization: `Bearer ${token}` } : {} });
    const results: ExecutionResult[] = [];
    try {
      const completed = await new Promise<boolean>((resolve) => {
        client.subscribe({ query, variables }, {
          next: (result) => results.push(result as ExecutionResult),
          error: (error) => {
            results.push({ errors: Array.isArray(error) ? error : [{ message: String((error as Error).message ?? error) }] } as never);
            resolve(true);
          },
          complete: () => resolve(true),
        });
        setTimeout(() => resolve(false), 3000);
      });
      return { results, completed };
    } finally {
      await client.dispose();
    }
  }

  /** Every event of an SSE subscription until it ends (or 3 s). */
  async function sseAll(query: string, variables: Record<string, unknown>, token?: string): Promise<{ results: ExecutionResult[]; completed: boolean }> {
    const { received, dispose } = sseSubscribe<unknown>(token, variables, undefined, query);
    try {
      await received.count(Number.MAX_SAFE_INTEGER, 3000).catch(() => undefined);
      return { results: received.results.map((r) => r.result as ExecutionResult), completed: received.completed };
    } finally {
      dispose();
    }
  }

  const firstError = (outcome: { results: ExecutionResult[] }): Err => outcome.results[0]!.errors![0] as Err;

  const CHANGED = 'subscription ($id: ID!) { accessRequestChanged(id: $id) { id accessRequest { status } } }';
  const REGISTRATIONS = 'subscription ($eventId: ID!) { registrationChanged(eventId: $eventId) { seatsTaken } }';

  it('sends the first read\u2019s errors over WebSocket as SSE does: coded, with field and requestId, then ends the stream', async () => {
    const requests = await graph.query<{ accessRequests: { edges: { node: { id: string } }[] } }>('{ accessRequests(first: 1) { edges { node { id } } } }', {}, { viewer: admin });
    const someRequest = requests.data!.accessRequests.edges[0]!.node.id;
    const stranger = await graph.tokenFor({ sub: 'rt30-stranger', org: demoOrganization('inserm').id, roles: [Role.MEMBER] });
    const cases: [string, Record<string, unknown>, string | undefined, Record<string, unknown>][] = [
      [CHANGED, { id: someRequest }, stranger, { code: 'FORBIDDEN' }],
      [CHANGED, { id: someRequest }, undefined, { code: 'UNAUTHENTICATED' }],
      [REGISTRATIONS, { eventId: "' OR 1=1 --" }, undefined, { code: 'BAD_USER_INPUT', field: 'eventId' }],
      ['subscription { myAccessRequests(first: -1) { totalCount } }', {}, stranger, { code: 'BAD_USER_INPUT', field: 'first' }],
    ];
    for (const [query, variables, token, expected] of cases) {
      const [sse, ws] = await Promise.all([sseAll(query, variables, token), wsAll(query, variables, token)]);
      for (const outcome of [sse, ws]) {
        expect(firstError(outcome).extensions).toMatchObject({ ...expected, requestId: expect.any(String) });
        expect(outcome.completed).toBe(true);
      }
      expect(firstError(ws).message).toBe(firstError(sse).message);
      expect(firstError(ws).message).not.toMatch(/toJSON/);
    }
  });

  it('ends a stream whose first read failed and frees its place: more bad subscriptions than SUBSCRIPTIONS_PER_CLIENT, then a valid one is served', async () => {
    const token = await graph.tokenFor(personA);
    const bad: [string, Record<string, unknown>][] = [
      [REGISTRATIONS, { eventId: 'nope' }],
      ['subscription { myAccessRequests(first: -1) { totalCount } }', {}],
      ['subscription { myAccessRequests(after: "!!!notacursor") { totalCount } }', {}],
    ];
    for (let i = 0; i < 11; i++) {
      const [query, variables] = bad[i % bad.length]!;
      const outcome = i % 2 === 0 ? await sseAll(query, variables, token) : await wsAll(query, variables, token);
      expect(firstError(outcome).extensions?.code).toBe('BAD_USER_INPUT');
      expect(outcome.completed).toBe(true);
    }
    const valid = sseSubscribe(token, { eventId });
    try {
      await valid.received.count(1);
      expect(valid.received.last().errors).toBeUndefined();
      expect(valid.received.completed).toBe(false);
    } finally {
      valid.dispose();
    }
  });

  it('refuses at subscribe time every datasetPublished filter datasets(filter) refuses, and a subgraph\u2019s refusal keeps its code (not SUBGRAPH_UNAVAILABLE)', async () => {
    const PUBLISHED = 'subscription ($filter: DatasetFilter) { datasetPublished(filter: $filter) { id } }';
    const filters: Record<string, unknown>[] = [
      { catalogueId: 'x' },
      { publishers: ['x'] },
      { healthThemes: ['a'.repeat(5000)] },
      { minIndividuals: '99999999999999999999999999' },
      { text: 'a'.repeat(100_000) },
    ];
    for (const filter of filters) {
      const query = await graph.query('query ($filter: DatasetFilter) { datasets(filter: $filter) { totalCount } }', { filter });
      const expected = (query.errors![0] as Err).extensions!;
      expect(expected.code).toBe('BAD_USER_INPUT');
      const [sse, ws] = await Promise.all([sseAll(PUBLISHED, { filter }), wsAll(PUBLISHED, { filter })]);
      for (const outcome of [sse, ws]) {
        expect(outcome.results).toHaveLength(1);
        expect(firstError(outcome).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expected.field, requestId: expect.any(String) });
        expect(outcome.completed).toBe(true);
      }
    }
    // An id of no catalogue: datasets(filter) lists nothing and refuses nothing; the subscription is accepted alike (no message, open).
    const unknown = { catalogueId: randomUUID() };
    const none = await graph.query<{ datasets: { totalCount: number } }>('query ($filter: DatasetFilter) { datasets(filter: $filter) { totalCount } }', { filter: unknown });
    expect(none.errors).toBeUndefined();
    expect(none.data!.datasets.totalCount).toBe(0);
    const open = await sseAll(PUBLISHED, { filter: unknown });
    expect(open).toEqual({ results: [], completed: false });
    const token = await graph.tokenFor(personA);
    const [sse, ws] = await Promise.all([sseAll(CHANGED, { id: 'a'.repeat(200_000) }, token), wsAll(CHANGED, { id: 'a'.repeat(200_000) }, token)]);
    for (const outcome of [sse, ws]) expect(firstError(outcome).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id', requestId: expect.any(String) });
  });

  it('answers a stream request without Accept: text/event-stream 406 NOT_ACCEPTABLE, and every refusal of a stream carries requestId', async () => {
    const response = await fetch(`${base}/graphql/stream`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: REGISTRATIONS, variables: { eventId } }) });
    expect(response.status).toBe(406);
    const body = (await response.json()) as { errors: Err[] };
    expect(body.errors[0]!.extensions).toMatchObject({ code: 'NOT_ACCEPTABLE', requestId: expect.any(String) });
    expect(body.errors[0]!.message).toMatch(/Accept: text\/event-stream/);
    const ws = await wsAll('query { __typename }', {});
    expect(firstError(ws).extensions).toMatchObject({ code: 'BAD_REQUEST', requestId: expect.any(String) });
    const token = await graph.tokenFor(admin);
    const streams = [sseSubscribe(token, { eventId }), sseSubscribe(token, { eventId })];
    try {
      await Promise.all(streams.map((s) => s.received.count(1)));
      const third = await sseAll(REGISTRATIONS, { eventId }, token);
      expect(firstError(third).extensions).toMatchObject({ code: 'TOO_MANY_SUBSCRIPTIONS', requestId: expect.any(String) });
    } finally {
      streams.forEach((s) => s.dispose());
    }
  });

  it('refuses a malformed stream request as /graphql does (400 BAD_REQUEST naming the field, with requestId), never graphql-sse\u2019s bare text', async () => {
    const stream = `${base}/graphql/stream`;
    const headers = { 'content-type': 'application/json', accept: 'text/event-stream' };
    const posts: [unknown, string][] = [
      [{ variables: {} }, 'query'],
      [{ query: '' }, 'query'],
      [{ query: 7 }, 'query'],
      [{ query: REGISTRATIONS, variables: '{"eventId":"x"}' }, 'variables'],
      [{ query: REGISTRATIONS, variables: [1] }, 'variables'],
      [{ query: REGISTRATIONS, extensions: 3 }, 'extensions'],
      [{ query: REGISTRATIONS, operationName: 5 }, 'operationName'],
      [{}, 'body'],
    ];
    let n = 0;
    const expectRefused = async (response: Response, field: string, requestId: string) => {
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: Err[] };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]!.extensions).toEqual({ code: 'BAD_REQUEST', field, requestId });
    };
    for (const [body, field] of posts) {
      const requestId = `sse-shape-${++n}`;
      await expectRefused(await fetch(stream, { method: 'POST', headers: { ...headers, 'x-request-id': requestId }, body: JSON.stringify(body) }), field, requestId);
    }
    const q = encodeURIComponent(REGISTRATIONS);
    const gets: [string, string][] = [
      ['', 'query'],
      [`?query=${q}&variables=%7Bnot-json`, 'variables'],
      [`?query=${q}&variables=5`, 'variables'],
      [`?query=${q}&extensions=%7B`, 'extensions'],
      [`?query=${q}&query=${q}`, 'query'],
    ];
    for (const [search, field] of gets) {
      const requestId = `sse-shape-${++n}`;
      await expectRefused(await fetch(`${stream}${search}`, { headers: { accept: 'text/event-stream', 'x-request-id': requestId } }), field, requestId);
    }
    // /graphql gives the same code for the same faults.
    for (const body of [{ query: REGISTRATIONS, variables: [1] }, { query: REGISTRATIONS, operationName: 5 }, { query: 7 }]) {
      const response = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(response.status).toBe(400);
      expect(((await response.json()) as { errors: Err[] }).errors[0]!.extensions).toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('refuses a malformed extensions.persistedQuery over WebSocket as over HTTP: BAD_REQUEST naming the field, with requestId', async () => {
    const cases: [unknown, string][] = [
      ['x', 'extensions.persistedQuery'],
      [{ version: 2, sha256Hash: 'a'.repeat(64) }, 'extensions.persistedQuery.version'],
      [{ version: 1, sha256Hash: 'a'.repeat(5_000) }, 'extensions.persistedQuery.sha256Hash'],
    ];
    for (const [persistedQuery, field] of cases) {
      const client = createWsClient({ url: wsUrl(), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
      try {
        const errors = await new Promise<Err[]>((resolve, reject) => {
          client.subscribe({ query: REGISTRATIONS, variables: { eventId }, extensions: { persistedQuery } }, {
            next: () => reject(new Error('served')),
            error: (error) => resolve(error as Err[]),
            complete: () => reject(new Error('completed without an error')),
          });
        });
        expect(errors).toHaveLength(1);
        expect(errors[0]!.extensions).toEqual({ code: 'BAD_REQUEST', field, requestId: expect.any(String) });
      } finally {
        await client.dispose();
      }
    }
  });

  it('serves a stream to every Accept that lists text/event-stream (any case, with parameters or other types), and 406 to q=0', async () => {
    const query = 'subscription { datasetPublished { id } }';
    const open = async (accept: string, method: 'GET' | 'POST') => {
      const abort = new AbortController();
      const response = await fetch(method === 'GET' ? `${base}/graphql/stream?query=${encodeURIComponent(query)}` : `${base}/graphql/stream`, {
        method,
        headers: { accept, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) },
        ...(method === 'POST' ? { body: JSON.stringify({ query }) } : {}),
        signal: abort.signal,
      });
      const answer = { status: response.status, contentType: response.headers.get('content-type') ?? '', body: response.status === 200 ? undefined : ((await response.json()) as { errors: Err[] }) };
      abort.abort();
      return answer;
    };
    for (const accept of ['text/event-stream, application/json', 'application/json, text/event-stream', 'text/event-stream; charset=utf-8', 'TEXT/EVENT-STREAM', 'Text/Event-Stream']) {
      for (const method of ['GET', 'POST'] as const) {
        const { status, contentType } = await open(accept, method);
        expect({ accept, method, status, stream: contentType.startsWith('text/event-stream') }).toEqual({ accept, method, status: 200, stream: true });
      }
    }
    for (const accept of ['text/event-stream;q=0', 'text/event-stream; q=0, application/json']) {
      const { status, body } = await open(accept, 'POST');
      expect(status).toBe(406);
      expect(body!.errors[0]!.extensions).toMatchObject({ code: 'NOT_ACCEPTABLE', requestId: expect.any(String) });
    }
  });

  it.each([['a number', 5], ['an object', { a: 1 }], ['an array', ['Bearer x']]])('refuses a connectionParams.authorization that is %s as an invalid token (4403)', async (_name, authorization) => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
    const closed = await new Promise<number>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
      socket.on('close', (code) => resolve(code));
      socket.on('error', reject);
    });
    expect(closed).toBe(4403);
  });

  it('treats an empty authorization as /graphql treats an empty Authorization header (anonymous), and "Bearer " as invalid on both', async () => {
    const overHttp = async (authorization: string) => {
      const response = await fetch(graph.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ __typename }' }) });
      return response.status;
    };
    const overWs = (authorization: string) =>
      new Promise<string | number>((resolve, reject) => {
        const socket = new WebSocket(wsUrl(), 'graphql-transport-ws');
        socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization } })));
        socket.on('message', (data) => {
          if ((JSON.parse(String(data)) as { type: string }).type === 'connection_ack') {
            socket.close();
            resolve('ack');
          }
        });
        socket.on('close', (code) => resolve(code));
        socket.on('error', reject);
      });
    expect({ http: await overHttp(''), ws: await overWs('') }).toEqual({ http: 200, ws: 'ack' });
    expect({ http: await overHttp('Bearer '), ws: await overWs('Bearer ') }).toEqual({ http: 401, ws: 4403 });
  });
});

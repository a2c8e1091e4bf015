import { createHash } from 'node:crypto';
import { startExtraGateway, type ExtraGateway } from '../helpers/gateways';
import { postGraphQL, startGraph, type RunningGraph } from '../helpers/graph';
import { startSlowProxy, type SlowProxy } from '../helpers/processes';

/*
 * @defer through the gateway over real HTTP: the training subgraph sits behind a proxy that can make
 * it slow (or gone); the initial part must not wait for its deferred fragment.
 */
let graph: RunningGraph;
let proxy: SlowProxy;
let gateway: ExtraGateway;

beforeAll(async () => {
  graph = await startGraph('defer');
  proxy = await startSlowProxy(graph.subgraphs.training!.url.replace(/\/graphql$/, ''));
  gateway = await startExtraGateway(graph, { SUBGRAPH_TRAINING_URL: `${proxy.url}/graphql`, CIRCUIT_BREAKER_ENABLED: 'false' }, 'defer');
}, 120_000);

afterAll(async () => {
  await gateway?.stop();
  await proxy?.close().catch(() => undefined);
  await graph?.stop();
});

interface Part {
  at: number;
  body: { data?: Record<string, unknown>; errors?: { message: string; extensions?: Record<string, unknown> }[]; hasNext: boolean; incremental?: { data: Record<string, unknown> | null; path: (string | number)[]; label?: string; errors?: { extensions?: Record<string, unknown> }[] }[] };
}

/** POSTs an operation accepting multipart/mixed; returns each part with the time it arrived. */
async function deferred(query: string, variables: Record<string, unknown> = {}): Promise<{ started: number; contentType: string; parts: Part[] }> {
  return deferredAt(gateway.url, query, variables);
}

async function deferredAt(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ started: number; contentType: string; parts: Part[] }> {
  const started = Date.now();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'multipart/mixed; deferSpec=20220824, application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const parts: Part[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true });
    // A part is complete once its JSON is followed by the next boundary.
    for (;;) {
      const start = buffer.indexOf('\r\n\r\n');
      if (start < 0) break;
      const end = buffer.indexOf('\r\n---', start);
      if (end < 0) break;
      parts.push({ at: Date.now(), body: JSON.parse(buffer.slice(start + 4, end)) as Part['body'] });
      buffer = buffer.slice(end + 5);
    }
  }
  return { started, contentType: response.headers.get('content-type') ?? '', parts };
}

const ROOT = /* GraphQL */ `
  query Overview($first: Int!) {
    events(first: $first) { edges { node { id title } } }
    ... @defer(label: "training") { modules(first: 2) { totalCount edges { node { title } } } }
  }
`;

describe('@defer through the gateway', () => {
  it('sends the initial part before the fragment of a slowed subgraph, which follows as it arrives', async () => {
    proxy.delayMs = 1500;
    try {
      const { started, contentType, parts } = await deferred(ROOT, { first: 3 });
      expect(contentType).toMatch(/^multipart\/mixed/);
      expect(parts).toHaveLength(2);
      const [initial, later] = parts as [Part, Part];
      expect(initial.body.hasNext).toBe(true);
      expect((initial.body.data!.events as { edges: unknown[] }).edges).toHaveLength(3);
      expect(initial.body.data!.modules).toBeUndefined();
      expect(initial.at - started).toBeLessThan(1500);
      expect(later.at - started).toBeGreaterThanOrEqual(1500);
      expect(later.body).toMatchObject({ hasNext: false, incremental: [{ label: 'training', path: [], data: { modules: { totalCount: expect.any(Number) } } }] });
    } finally {
      proxy.delayMs = 0;
    }
  });

  it('defers entity-level fragments of a list: each item at its path, together what the query without @defer answers', async () => {
    const query = /* GraphQL */ `
      query Events { events(first: 4) { edges { node { id title ... @defer(label: "organisers") { organizers { name } } } } } }
    `;
    const { parts } = await deferred(query);
    const whole = await postGraphQL<{ events: { edges: { node: Record<string, unknown> }[] } }>(gateway.url, query.replace(' @defer(label: "organisers")', ''));
    const merged = structuredClone(parts[0]!.body.data) as { events: { edges: { node: Record<string, unknown> }[] } };
    for (const part of parts.slice(1)) {
      for (const item of part.body.incremental ?? []) {
        expect(item.path.slice(0, 2)).toEqual(['events', 'edges']);
        Object.assign(merged.events.edges[item.path[2] as number]!.node, item.data);
      }
    }
    expect(merged).toEqual(whole.data);
  });

  it('sends the same parts each time a nested fragment served by one subgraph is deferred (the single-fetch executor answers it from the second time on)', async () => {
    const query = /* GraphQL */ `{ events(first: 1) { edges { node { id ... @defer { title } } } } }`;
    const sends = [];
    for (let i = 0; i < 3; i++) sends.push((await deferred(query)).parts.map((p) => p.body));
    const [first] = sends;
    expect(first).toHaveLength(2);
    expect(first![1]!.incremental).toEqual([{ data: { title: expect.any(String) }, path: ['events', 'edges', 0, 'node'] }]);
    expect(sends[1]).toEqual(first);
    expect(sends[2]).toEqual(first);
  });

  it('answers a client that does not accept multipart with the whole result at once', async () => {
    const response = await postGraphQL<Record<string, unknown>>(gateway.url, ROOT, { first: 1 });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
    expect(Object.keys(response.data!).sort()).toEqual(['events', 'modules']);
  });

  it.each([
    ['an inline @defer inside a named fragment', 'query { ...Overview } fragment Overview on Query { events(first: 1) { totalCount } ... @defer(label: "m") { modules(first: 1) { totalCount } } }'],
    ['a named fragment spread with @defer', 'query { events(first: 1) { totalCount } ...Modules @defer(label: "m") } fragment Modules on Query { modules(first: 1) { totalCount } }'],
    ['an inline @defer in a fragment spread by a fragment, in a list', 'query { ...Outer } fragment Outer on Query { events(first: 2) { edges { node { ...Node } } } } fragment Node on Event { id ... @defer(label: "m") { title } }'],
  ])('defers %s', async (_label, query) => {
    const { parts } = await deferred(query);
    expect(parts.length).toBeGreaterThanOrEqual(2);
    expect(parts[0]!.body.hasNext).toBe(true);
    expect(JSON.stringify(parts[0]!.body.data)).not.toMatch(/"modules"|"title"/);
    const incremental = parts.slice(1).flatMap((p) => p.body.incremental ?? []);
    expect(incremental.length).toBeGreaterThan(0);
    for (const item of incremental) {
      expect(item.label).toBe('m');
      expect(JSON.stringify(item.data)).toMatch(/"modules"|"title"/);
    }
    expect(parts[parts.length - 1]!.body.hasNext).toBe(false);
  });

  it('points validation errors\u2019 locations into the client\u2019s text, with or without multipart, as without @defer', async () => {
    const query = 'query Q($d: Boolean) {\n  events(first: 1) { totalCount }\n  ... @defer(if: $d, label: "m") { modules(first: 1) { totalCount nope } }\n}';
    const line = 3;
    const column = query.split('\n')[line - 1]!.indexOf('nope') + 1;
    for (const accept of ['multipart/mixed; deferSpec=20220824, application/json', 'application/json']) {
      const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', accept }, body: JSON.stringify({ query, variables: { d: true } }) });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { message: string; locations?: { line: number; column: number }[]; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]).toMatchObject({ message: expect.stringMatching(/nope/), locations: [{ line, column }], extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
    // The same as the same text without @defer gets.
    const plain = await postGraphQL(gateway.url, query.replace('@defer(if: $d, label: "m")', ' '.repeat('@defer(if: $d, label: "m")'.length)).replace('($d: Boolean)', ''));
    expect(plain.errors?.[0]).toMatchObject({ locations: [{ line, column }] });
  });

  it('serves APQ on the @defer path as /graphql does: a wrong hash refused, a hash-only retry found once registered, with and without multipart', async () => {
    const post = async (body: object, multipart: boolean) => {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: multipart ? 'multipart/mixed; deferSpec=20220824, application/json' : 'application/json' },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', text };
    };
    const code = (text: string): unknown => (JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
    for (const multipart of [true, false]) {
      const query = `query Apq${multipart ? 'Multipart' : 'Whole'} { events(first: 1) { totalCount } ... @defer(label: "m") { modules(first: 1) { totalCount } } }`;
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const persisted = (hash: string) => ({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } });
      // Unknown hash, then a text with a hash that is not its own: the codes /graphql gives.
      const unknown = await post(persisted(sha256Hash), multipart);
      expect({ status: unknown.status, code: code(unknown.text) }).toEqual({ status: 200, code: 'PERSISTED_QUERY_NOT_FOUND' });
      const wrong = await post({ query, ...persisted('b'.repeat(64)) }, multipart);
      expect({ status: wrong.status, code: code(wrong.text) }).toEqual({ status: 400, code: 'PERSISTED_QUERY_HASH_MISMATCH' });
      // The text with its hash is served (and registered); then the hash alone is enough.
      for (const body of [{ query, ...persisted(sha256Hash) }, persisted(sha256Hash)]) {
        const answer = await post(body, multipart);
        expect(answer.status).toBe(200);
        if (multipart) {
          expect(answer.contentType).toMatch(/^multipart\/mixed/);
          expect(answer.text).toMatch(/"incremental":\[\{"data":\{"modules"/);
        } else {
          expect(JSON.parse(answer.text)).toEqual({ data: { events: { totalCount: expect.any(Number) }, modules: { totalCount: expect.any(Number) } } });
        }
      }
    }
  });

  it('refuses @defer sent by GET with a coded refusal naming the query (POST only), not "Unknown directive"; GET without @defer is served', async () => {
    for (const accept of ['multipart/mixed; deferSpec=20220824, application/json', 'application/json']) {
      const response = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename ... @defer { events(first: 1) { totalCount } } }')}`, {
        headers: { accept, 'apollo-require-preflight': 'true', 'x-request-id': 'defer-get-1' },
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]!.extensions).toEqual({ code: 'DEFER_NOT_SERVED_OVER_GET', field: 'query', requestId: 'defer-get-1' });
      expect(body.errors[0]!.message).toMatch(/POST/);
    }
    const plain = await fetch(`${gateway.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(plain.status).toBe(200);
  });

  describe('@defer(if:), labels, mutations and the number of deferred parts', () => {
    const CONDITIONAL = /* GraphQL */ `
      query Conditional($d: Boolean!) {
        events(first: 1) { totalCount }
        ... @defer(if: $d, label: "t") { modules(first: 1) { totalCount } }
      }
    `;
    type Refused = { status: number; contentType: string; body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
    /** POSTs with or without multipart in Accept; a refusal is one JSON body. */
    async function refused(query: string, variables: Record<string, unknown> = {}, multipart = true): Promise<Refused> {
      const response = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: multipart ? 'multipart/mixed; deferSpec=20220824, application/json' : 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, contentType: response.headers.get('content-type') ?? '', body: (await response.json()) as Refused['body'] };
    }

    it('refuses invalid @defer uses as graphql-js 17 does (GRAPHQL_VALIDATION_FAILED with locations into the client\u2019s text), with or without multipart', async () => {
      const cases: { query: string; variables?: Record<string, unknown>; message: RegExp; at: string }[] = [
        { query: 'query($d: Boolean) { events(first: 1) { edges { node { id ... @defer(if: $d) @defer { title } } } } }', variables: { d: true }, message: /The directive "@defer" can only be used once at this location/, at: '@defer(if' },
        { query: '{ events(first: 1) { edges { node { id ... @defer(label: "a", label: "b") { title } } } } }', message: /There can be only one argument named "label"/, at: 'label: "a"' },
        { query: '{ events(first: 1) @defer { totalCount } }', message: /Directive "@defer" may not be used on FIELD/, at: '@defer' },
        { query: 'query @defer { events(first: 1) { totalCount } }', message: /Directive "@defer" may not be used on QUERY/, at: '@defer' },
        { query: 'query{ events(first:1){ totalCount ... @defer(if:$zz) { edges { node { id } } } } }', message: /^Variable "\$zz" is not defined/, at: '$zz' },
        { query: 'query($s: String){ events(first:1){ totalCount ... @defer(if:$s) { edges { node { id } } } } }', variables: { s: 'x' }, message: /Variable "\$s" of type "String" used in position expecting type "Boolean!"/, at: '$s)' },
        { query: '{ events(first:1){ totalCount ... @defer(label:"x") { edges { node { id } } } ... @defer(label:"x") { edges { node { title } } } } }', message: /label argument "x" must be unique/, at: '@defer(label' },
        { query: 'query($l: String){ events(first:1){ totalCount ... @defer(label:$l) { edges { node { id } } } } }', variables: { l: 'x' }, message: /label argument must be a static string/, at: '$l)' },
      ];
      for (const { query, variables, message, at } of cases) {
        for (const multipart of [true, false]) {
          const response = await refused(query, variables, multipart);
          const error = response.body.errors?.[0] as { message: string; locations?: { line: number; column: number }[]; extensions?: Record<string, unknown> } | undefined;
          expect({ query, multipart, status: response.status, code: error?.extensions?.code, requestId: typeof error?.extensions?.requestId }).toEqual({ query, multipart, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', requestId: 'string' });
          expect(error!.message).toMatch(message);
          expect(error!.locations).toContainEqual({ line: 1, column: query.indexOf(at) + 1 });
          expect(response.body.data).toBeUndefined();
        }
      }
    });

    it('sends nothing for a fragment @skip leaves out, and no `__typename` the client did not ask for', async () => {
      const skipped = await deferred('{ events(first: 1) { totalCount } ... @skip(if: true) @defer { events(first: 1) { edges { node { id } } } } }');
      expect(skipped.parts.map((p) => p.body)).toEqual([{ data: { events: { totalCount: expect.any(Number) } }, hasNext: false }]);
      const typed = await deferred('{ events(first: 1) { edges { node { ... on Event @defer { id } } } } }');
      expect(typed.parts).toHaveLength(2);
      expect(typed.parts[0]!.body.data).toEqual({ events: { edges: [{ node: {} }] } });
      expect(typed.parts[1]!.body.incremental).toEqual([{ data: { id: expect.any(String) }, path: ['events', 'edges', 0, 'node'] }]);
    });

    it('reads @defer from the parsed document: `@ defer` and `@#comment` then `defer` are served by POST and refused by GET, as a GET by APQ hash of a @defer operation is', async () => {
      for (const directive of ['@ defer', '@#c\ndefer']) {
        const query = `{ events(first: 1) { edges { node { id ... ${directive} { title } } } } }`;
        const { parts } = await deferred(query);
        expect(parts).toHaveLength(2);
        expect(parts[1]!.body.incremental).toEqual([{ data: { title: expect.any(String) }, path: ['events', 'edges', 0, 'node'] }]);
        const get = await fetch(`${gateway.url}?query=${encodeURIComponent(query)}`, { headers: { 'apollo-require-preflight': 'true' } });
        expect(get.status).toBe(400);
        expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('DEFER_NOT_SERVED_OVER_GET');
      }
      const query = '{ events(first: 1) { totalCount } ... @defer(label: "get") { modules(first: 1) { totalCount } } }';
      const sha256Hash = createHash('sha256').update(query).digest('hex');
      const extensions = { persistedQuery: { version: 1, sha256Hash } };
      const registered = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, extensions }) });
      expect(registered.status).toBe(200);
      const get = await fetch(`${gateway.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect(get.status).toBe(400);
      expect(((await get.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('DEFER_NOT_SERVED_OVER_GET');
    });

    it('defers the fragment when `if` is a true variable, and inlines it in the initial part when false', async () => {
      const deferredParts = await deferred(CONDITIONAL, { d: true });
      expect(deferredParts.contentType).toMatch(/^multipart\/mixed/);
      expect(deferredParts.parts).toHaveLength(2);
      expect(deferredParts.parts[0]!.body.data!.modules).toBeUndefined();
      expect(deferredParts.parts[1]!.body).toMatchObject({ hasNext: false, incremental: [{ label: 't', path: [], data: { modules: { totalCount: expect.any(Number) } } }] });

      const inline = await deferred(CONDITIONAL, { d: false });
      expect(inline.parts).toHaveLength(1);
      expect(inline.parts[0]!.body).toMatchObject({ hasNext: false, data: { events: { totalCount: expect.any(Number) }, modules: { totalCount: expect.any(Number) } } });
      expect(inline.parts[0]!.body.errors).toBeUndefined();
    });

    it('answers `if: $d` whole to a client without multipart, and a literal `if: false` inline', async () => {
      for (const d of [true, false]) {
        const response = await postGraphQL<Record<string, unknown>>(gateway.url, CONDITIONAL, { d });
        expect(response.errors).toBeUndefined();
        expect(Object.keys(response.data!).sort()).toEqual(['events', 'modules']);
      }
      const { parts } = await deferred('query { events(first: 1) { totalCount } ... @defer(if: false) { modules(first: 1) { totalCount } } }');
      expect(parts).toHaveLength(1);
      expect(Object.keys(parts[0]!.body.data!).sort()).toEqual(['events', 'modules']);
      // A variable's default value decides when the request gives none.
      const byDefault = await deferred('query D($d: Boolean = false) { events(first: 1) { totalCount } ... @defer(if: $d) { modules(first: 1) { totalCount } } }');
      expect(byDefault.parts).toHaveLength(1);
    });

    it('refuses an `if` variable that is missing, not a Boolean, or not defined, as graphql-js would', async () => {
      const missing = await refused(CONDITIONAL);
      expect(missing.status).toBe(400);
      expect(missing.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'd', requestId: expect.any(String) });
      // null suits a nullable `$d: Boolean` but not `if: Boolean!`: the message says which refuses it.
      for (const query of ['query ($d: Boolean) { __typename ... @defer(if: $d) { events(first: 1) { totalCount } } }', 'query ($d: Boolean = true) { __typename ... @defer(if: $d) { events(first: 1) { totalCount } } }']) {
        for (const multipart of [true, false]) {
          const nullValue = await refused(query, { d: null }, multipart);
          expect(nullValue.status).toBe(400);
          expect(nullValue.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/argument "if" of directive "@defer" has type "Boolean!" and takes true or false, not null/), extensions: { code: 'BAD_USER_INPUT', field: 'd' } });
        }
      }
      const wrongValue = await refused(CONDITIONAL, { d: 'yes' }, false);
      expect(wrongValue.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const wrongType = await refused('query ($d: String) { __typename ... @defer(if: $d) { events(first: 1) { totalCount } } }', { d: 'x' });
      expect(wrongType.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      const undefinedVariable = await refused('query { __typename ... @defer(if: $nope) { events(first: 1) { totalCount } } }', { nope: true });
      expect(undefinedVariable.status).toBe(400);
      expect(undefinedVariable.body.errors?.[0]).toMatchObject({ message: 'Variable "$nope" is not defined.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      // A variable nothing uses stays refused, @defer or not.
      const unused = await refused('query ($u: Int) { __typename ... @defer { events(first: 1) { totalCount } } }');
      expect(unused.body.errors?.[0]?.message).toBe('Variable "$u" is never used.');
    });

    it('refuses badly shaped variables, extensions and operationName with multipart exactly as without it', async () => {
      const query = 'query ($d: Boolean) { events(first: 1) { totalCount } ... @defer(if: $d) { modules(first: 1) { totalCount } } }';
      const post = async (body: Record<string, unknown>, multipart: boolean) => {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: multipart ? 'multipart/mixed; deferSpec=20220824, application/json' : 'application/json' },
          body: JSON.stringify({ query, ...body }),
        });
        return { status: response.status, body: (await response.json()) as Refused['body'] };
      };
      for (const bad of [{ variables: '{"d":false}' }, { variables: 'x' }, { variables: [1] }, { variables: 5 }, { variables: true }, { extensions: 'x' }, { extensions: [1] }, { operationName: {} }, { operationName: 5 }]) {
        const plain = await post(bad, false);
        expect(plain.status).toBe(400);
        expect(plain.body.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
        const multipart = await post(bad, true);
        expect({ bad, status: multipart.status, message: multipart.body.errors?.[0]?.message, code: multipart.body.errors?.[0]?.extensions?.code }).toEqual({
          bad,
          status: 400,
          message: plain.body.errors?.[0]?.message,
          code: 'BAD_REQUEST',
        });
        expect(multipart.body.data).toBeUndefined();
      }
    });

    it('refuses two @defer with the same label (incremental delivery: labels are unique), with or without multipart', async () => {
      const query = 'query { ... @defer(label: "x") { events(first: 1) { totalCount } } ... @defer(label: "x") { modules(first: 1) { totalCount } } }';
      for (const multipart of [true, false]) {
        const response = await refused(query, {}, multipart);
        expect(response.status).toBe(400);
        expect(response.contentType).toMatch(/^application\/json/);
        expect(response.body.errors?.[0]).toMatchObject({ message: 'Defer directive label argument "x" must be unique within the operation.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
      }
      const dynamic = await refused('query ($l: String) { __typename ... @defer(label: $l) { events(first: 1) { totalCount } } }', { l: 'x' });
      expect(dynamic.body.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    });

    it('refuses a label holding bidirectional overrides or control characters, as any String argument, instead of echoing it', async () => {
      for (const label of ['\\u202Eabc', '\\u2066x', 'a\\u0000b', '\u2069']) {
        for (const multipart of [true, false]) {
          const response = await refused(`query { __typename ... @defer(label: "${label}") { events(first: 1) { totalCount } } }`, {}, multipart);
          expect({ label, status: response.status, data: response.body.data }).toEqual({ label, status: 400, data: undefined });
          expect(response.body.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Defer directive label argument must not contain/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED', field: 'label' } });
        }
      }
      // Right-to-left text with its implicit mark stays a valid label.
      const { parts } = await deferred('query { __typename ... @defer(label: "\u05D0\u200F") { events(first: 1) { totalCount } } }');
      expect(parts[1]!.body.incremental?.[0]?.label).toBe('\u05D0\u200F');
    });

    it('refuses @defer on the root fields of a mutation before it runs (not UNAUTHENTICATED from running it)', async () => {
      const input = '{ ecosystemCode: "MEDICEN", organizationId: "99999999-9999-4999-8999-999999999999" }';
      for (const query of [
        `mutation { ... @defer { addMembership(input: ${input}) { id } } }`,
        `mutation { ...M @defer } fragment M on Mutation { addMembership(input: ${input}) { id } }`,
      ]) {
        for (const multipart of [true, false]) {
          const response = await refused(query, {}, multipart);
          expect(response.status).toBe(400);
          expect(response.body.data).toBeUndefined();
          expect(response.body.errors?.[0]).toMatchObject({ message: 'Defer directive cannot be used on root mutation type "Mutation".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
        }
      }
    });

    it('refuses more deferred parts than MAX_DEFERRED_FRAGMENTS (10) with TOO_MANY_DEFERRED_FRAGMENTS; `if: false` ones do not count', async () => {
      const defers = (n: number, condition = '') => `query { __typename ${Array.from({ length: n }, () => `... @defer${condition} { __typename }`).join(' ')} }`;
      const over = await refused(defers(11));
      expect(over.status).toBe(400);
      expect(over.body.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_MANY_DEFERRED_FRAGMENTS', maxDeferredFragments: 10, requestId: expect.any(String) });
      // Counted with the gateway's other refusals.
      const metrics = await (await fetch(gateway.url.replace(/\/graphql$/, '/metrics'))).text();
      expect(metrics).toMatch(/gateway_refusals_total\{code="TOO_MANY_DEFERRED_FRAGMENTS"\} [1-9]/);
      const atLimit = await deferred(defers(10));
      expect(atLimit.parts).toHaveLength(11);
      const inlined = await deferred(defers(11, '(if: false)'));
      expect(inlined.parts).toHaveLength(1);
      // One operation without multipart: nothing is multiplied, nothing refused.
      const whole = await postGraphQL<Record<string, unknown>>(gateway.url, defers(11));
      expect(whole.errors).toBeUndefined();
    });
  });

  it('delivers a deferred fragment whose subgraph fails as its own error; nothing else is lost', async () => {
    await proxy.close();
    const { parts } = await deferred(ROOT, { first: 2 });
    expect(parts).toHaveLength(2);
    expect(parts[0]!.body.errors).toBeUndefined();
    expect((parts[0]!.body.data!.events as { edges: unknown[] }).edges).toHaveLength(2);
    const failed = parts[1]!.body.incremental![0]!;
    expect(failed.label).toBe('training');
    expect(failed.errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
    // Root fields are nullable: the lost root field is null within the part, not the part's data.
    expect(failed.data).toEqual({ modules: null });
    expect(failed.errors?.[0]).toEqual(expect.objectContaining({ path: ['modules'] }));
  });

  describe('limits apply to the whole operation, not to each part', () => {
    const EVENTS = 'events(first: 4) { edges { node { id title } } }';
    const aliased = (n: number) => Array.from({ length: n }, (_, i) => `e${i}: ${EVENTS}`);
    const deferredQuery = (n: number) => `query Parts { __typename ${aliased(n).map((f) => `... @defer { ${f} }`).join(' ')} }`;
    let limited: ExtraGateway | undefined;
    let singleBytes = 0;

    beforeAll(async () => {
      const single = await postGraphQL<Record<string, unknown>>(gateway.url, `query Parts { ${aliased(1).join(' ')} }`);
      singleBytes = Buffer.byteLength(JSON.stringify(single.data));
      // One part costs 17 and two 34 (under 40); three cost 51. Two parts' data exceed 1.5 parts' worth.
      limited = await startExtraGateway(graph, { MAX_COST: '40', MAX_RESPONSE_BYTES: String(Math.floor(singleBytes * 1.5)) }, 'defer-limits');
    }, 120_000);

    afterAll(async () => {
      await limited?.stop();
    });

    it('refuses a query split into @defer parts as it refuses the same query without @defer', async () => {
      const whole = await postGraphQL<Record<string, unknown>>(limited!.url, `query Parts { ${aliased(3).join(' ')} }`);
      expect(whole.status).toBe(400);
      expect(whole.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      const response = await fetch(limited!.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'multipart/mixed; deferSpec=20220824, application/json' },
        body: JSON.stringify({ query: deferredQuery(3) }),
      });
      expect(response.status).toBe(whole.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
      const body = (await response.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
      // Under the limit, the same split is served part by part.
      const { parts } = await deferredAt(limited!.url, deferredQuery(1));
      expect(parts).toHaveLength(2);
    });

    it('bounds the parts together by MAX_RESPONSE_BYTES: the stream ends with RESPONSE_TOO_LARGE', async () => {
      const { parts } = await deferredAt(limited!.url, deferredQuery(2));
      const last = parts[parts.length - 1]!;
      expect(last.body.hasNext).toBe(false);
      expect(last.body.errors?.[0]?.extensions?.code).toBe('RESPONSE_TOO_LARGE');
      // Each part alone is under the limit: only their sum is refused.
      expect(parts.filter((p) => p.body.incremental).length).toBeLessThan(2);
    });
  });
});


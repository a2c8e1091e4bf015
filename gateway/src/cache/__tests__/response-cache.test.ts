import { ApolloServer, HeaderMap } from '@apollo/server';
import { type Viewer } from '@ecosystem/shared';
import { CachedJson, ResponseCache, stringifyCachedResult, type CacheableContext } from '../response-cache';

/** A schema whose answers change on every call, so a cached answer is visible as such. */
/** `slow` answers after `gate` opens (to hold a computation open while others arrive). */
let gate: Promise<void> = Promise.resolve();

function server(cache: ResponseCache, options: { stringify?: boolean } = {}): { apollo: ApolloServer<CacheableContext>; calls: () => number } {
  let calls = 0;
  const apollo = new ApolloServer<CacheableContext>({
    typeDefs: `type Query { hello(name: String): String me: String slow: String } type Mutation { touch: Boolean }`,
    resolvers: {
      Query: {
        slow: async () => {
          const n = ++calls;
          await gate;
          return `slow #${n}`;
        },
        hello: (_: unknown, { name }: { name?: string }) => `hello ${name ?? 'world'} #${++calls}`,
        me: (_: unknown, __: unknown, context: CacheableContext) => `${context.viewer?.sub ?? 'nobody'} #${++calls}`,
      },
      Mutation: { touch: () => true },
    },
    plugins: [cache.plugin<CacheableContext>()],
    ...(options.stringify ? { stringifyResult: stringifyCachedResult } : {}),
  });
  return { apollo, calls: () => calls };
}

async function run(apollo: ApolloServer<CacheableContext>, query: string, viewer: Viewer | null = null, variables = {}): Promise<{ data: unknown; cacheControl: string | undefined }> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: { viewer } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  // A hit's data is the stored text (CachedJson); compare what a client would read.
  const data = response.body.singleResult.data instanceof CachedJson ? response.body.singleResult.data.toJSON() : response.body.singleResult.data;
  return { data, cacheControl: response.http.headers.get('cache-control') };
}

describe('ResponseCache', () => {
  let apollo: ApolloServer<CacheableContext>;
  let calls: () => number;

  beforeEach(async () => {
    ({ apollo, calls } = server(new ResponseCache({ ttlSeconds: 30, maxMiB: 1 })));
    await apollo.start();
  });

  afterEach(async () => {
    await apollo.stop();
  });

  it('serves a repeated anonymous query from memory, keyed on its variables', async () => {
    const first = await run(apollo, 'query ($n: String) { hello(name: $n) }', null, { n: 'a' });
    const again = await run(apollo, 'query ($n: String) { hello(name: $n) }', null, { n: 'a' });
    const other = await run(apollo, 'query ($n: String) { hello(name: $n) }', null, { n: 'b' });
    expect(again.data).toEqual(first.data);
    expect(other.data).not.toEqual(first.data);
    expect(calls()).toBe(2);
    expect(first.cacheControl).toBe('public, max-age=30');
  });

  it('never caches nor serves a response for a viewer', async () => {
    const anonymous = await run(apollo, '{ me }');
    const alice = await run(apollo, '{ me }', { sub: 'alice', roles: [] });
    const bob = await run(apollo, '{ me }', { sub: 'bob', roles: [] });
    const aliceAgain = await run(apollo, '{ me }', { sub: 'alice', roles: [] });
    expect(anonymous.data).toEqual({ me: 'nobody #1' });
    expect(alice.data).toEqual({ me: 'alice #2' });
    expect(bob.data).toEqual({ me: 'bob #3' });
    expect(aliceAgain.data).toEqual({ me: 'alice #4' });
    expect(alice.cacheControl).toBe('private, no-store');
    expect((await run(apollo, '{ me }')).data).toEqual({ me: 'nobody #1' });
  });

  it('is emptied by a mutation', async () => {
    await run(apollo, '{ hello }');
    await run(apollo, 'mutation { touch }');
    expect((await run(apollo, '{ hello }')).data).toEqual({ hello: 'hello world #2' });
  });

  it('computes identical concurrent anonymous queries once (the others wait for it)', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const answers = Promise.all([run(apollo, '{ slow }'), run(apollo, '{ slow }'), run(apollo, '{ slow }')]);
    await new Promise((resolve) => setTimeout(resolve, 20));
    open();
    const results = await answers;
    expect(results.map((r) => r.data)).toEqual([{ slow: 'slow #1' }, { slow: 'slow #1' }, { slow: 'slow #1' }]);
    expect(calls()).toBe(1);
    // A viewer never waits for (nor gets) an anonymous computation.
    expect((await run(apollo, '{ slow }', { sub: 'alice', roles: [] })).data).toEqual({ slow: 'slow #2' });
  });

  it('does not keep a response computed while a mutation went through', async () => {
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const before = run(apollo, '{ slow }');
    await new Promise((resolve) => setTimeout(resolve, 20));
    await run(apollo, 'mutation { touch }');
    open();
    expect((await before).data).toEqual({ slow: 'slow #1' });
    gate = Promise.resolve();
    expect((await run(apollo, '{ slow }')).data).toEqual({ slow: 'slow #2' });
  });

  it('stops waiting for an identical query that does not settle, and computes its own answer', async () => {
    const impatient = server(new ResponseCache({ ttlSeconds: 30, maxMiB: 1, waitForInflightMs: 50 }));
    await impatient.apollo.start();
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const first = run(impatient.apollo, '{ slow }');
    await new Promise((resolve) => setTimeout(resolve, 20));
    gate = Promise.resolve();
    // The second request waits 50 ms for the first (still held by its gate), then runs on its own.
    const second = await run(impatient.apollo, '{ slow }');
    expect(second.data).toEqual({ slow: 'slow #2' });
    open();
    expect((await first).data).toEqual({ slow: 'slow #1' });
    await impatient.apollo.stop();
  });

  it('writes a hit over HTTP as the stored JSON text, byte for byte what the miss wrote', async () => {
    const http = server(new ResponseCache({ ttlSeconds: 30, maxMiB: 1 }), { stringify: true });
    await http.apollo.start();
    const post = async (): Promise<string> => {
      const response = await http.apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([['content-type', 'application/json']]),
          search: '',
          body: { query: 'query ($n: String) { hello(name: $n) }', variables: { n: 'quote " and $& é' } },
        },
        context: async () => ({ viewer: null }),
      });
      if (response.body.kind !== 'complete') throw new Error('expected a complete body');
      return response.body.string;
    };
    const miss = await post();
    const hit = await post();
    expect(JSON.parse(miss)).toEqual({ data: { hello: 'hello quote " and $& é #1' } });
    expect(hit).toBe(miss);
    expect(http.calls()).toBe(1);
    await http.apollo.stop();
  });

  it('splices cached text next to errors and extensions, and serialises it as data anywhere else', () => {
    const data = new CachedJson(Buffer.from('{"a":[1,"$&"]}')) as unknown as Record<string, unknown>;
    expect(stringifyCachedResult({ data, extensions: { n: 1 } })).toBe('{"data":{"a":[1,"$&"]},"extensions":{"n":1}}');
    expect(JSON.stringify({ data })).toBe('{"data":{"a":[1,"$&"]}}');
    expect(stringifyCachedResult({ data: { b: 2 } })).toBe('{"data":{"b":2}}');
  });

  describe('stale-while-revalidate', () => {
    const expire = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1100));

    async function swrServer(options: { staleSeconds: number; revalidate: boolean }) {
      const cache = new ResponseCache({ ttlSeconds: 1, staleSeconds: options.staleSeconds, maxMiB: 1 });
      const made = server(cache);
      const refreshes: unknown[] = [];
      if (options.revalidate) {
        cache.revalidateWith<CacheableContext>(async (request, contextValue) => {
          refreshes.push(request);
          return made.apollo.executeOperation(request, { contextValue });
        });
      }
      await made.apollo.start();
      return { ...made, refreshes };
    }

    it('serves an expired response at once and refreshes it with one background request', async () => {
      const { apollo: swr, calls: swrCalls, refreshes } = await swrServer({ staleSeconds: 30, revalidate: true });
      const query = 'query Hello($n: String) { hello(name: $n) }';
      expect((await run(swr, query, null, { n: 'a' })).data).toEqual({ hello: 'hello a #1' });
      await expire();
      // Three readers of the expired entry: all get it at once, marked stale; one refresh runs.
      const stale = await Promise.all([1, 2, 3].map(() => run(swr, query, null, { n: 'a' })));
      expect(stale.map((r) => r.data)).toEqual([{ hello: 'hello a #1' }, { hello: 'hello a #1' }, { hello: 'hello a #1' }]);
      expect(stale[0]!.cacheControl).toBe('public, max-age=0');
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The request as its readers sent it (no operation name): the refresh stores under their key.
      expect(refreshes).toEqual([{ query, variables: { n: 'a' } }]);
      expect(swrCalls()).toBe(2);
      // The refreshed answer is served fresh from then on, without another computation.
      const fresh = await run(swr, query, null, { n: 'a' });
      expect(fresh.data).toEqual({ hello: 'hello a #2' });
      expect(fresh.cacheControl).toBe('public, max-age=0');
      expect(swrCalls()).toBe(2);
      await swr.stop();
    });

    it('treats an expired response as a miss without a stale window or without a revalidator', async () => {
      for (const options of [{ staleSeconds: 0, revalidate: true }, { staleSeconds: 30, revalidate: false }]) {
        const { apollo: plain, calls: plainCalls, refreshes } = await swrServer(options);
        await run(plain, '{ hello }');
        await expire();
        expect((await run(plain, '{ hello }')).data).toEqual({ hello: 'hello world #2' });
        expect(plainCalls()).toBe(2);
        expect(refreshes).toEqual([]);
        await plain.stop();
      }
    });

    it('runs background refreshes one at a time when asked, every expired key refreshed once', async () => {
      const cache = new ResponseCache({ ttlSeconds: 1, staleSeconds: 30, refreshConcurrency: 1, maxMiB: 1 });
      const { apollo: swr, calls: swrCalls } = server(cache);
      let running = 0;
      let most = 0;
      const refreshed: unknown[] = [];
      cache.revalidateWith<CacheableContext>(async (request, contextValue) => {
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 30));
        const response = await swr.executeOperation(request, { contextValue });
        refreshed.push(request.variables);
        running -= 1;
        return response;
      });
      await swr.start();
      const query = 'query ($n: String) { hello(name: $n) }';
      for (const n of ['a', 'b', 'c']) await run(swr, query, null, { n });
      await expire();
      for (const n of ['a', 'b', 'c', 'a']) await run(swr, query, null, { n });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(refreshed).toEqual([{ n: 'a' }, { n: 'b' }, { n: 'c' }]);
      expect(most).toBe(1);
      expect(swrCalls()).toBe(6);
      expect((await run(swr, query, null, { n: 'c' })).data).toEqual({ hello: 'hello c #6' });
      await swr.stop();
    });

    it('never serves a stale response to a viewer', async () => {
      const { apollo: swr, refreshes } = await swrServer({ staleSeconds: 30, revalidate: true });
      await run(swr, '{ me }');
      await expire();
      expect((await run(swr, '{ me }', { sub: 'alice', roles: [] })).data).toEqual({ me: 'alice #2' });
      expect(refreshes).toEqual([]);
      await swr.stop();
    });
  });
});

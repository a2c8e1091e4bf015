import { ApolloServer } from '@apollo/server';
import { type Viewer } from '@ecosystem/shared';
import { ResponseCache, type CacheableContext } from '../response-cache';

/** A schema whose answers change on every call, so a cached answer is visible as such. */
/** `slow` answers after `gate` opens (to hold a computation open while others arrive). */
let gate: Promise<void> = Promise.resolve();

function server(cache: ResponseCache): { apollo: ApolloServer<CacheableContext>; calls: () => number } {
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
  });
  return { apollo, calls: () => calls };
}

async function run(apollo: ApolloServer<CacheableContext>, query: string, viewer: Viewer | null = null, variables = {}): Promise<{ data: unknown; cacheControl: string | undefined }> {
  const response = await apollo.executeOperation({ query, variables }, { contextValue: { viewer } });
  if (response.body.kind !== 'single') throw new Error('expected a single result');
  return { data: response.body.singleResult.data, cacheControl: response.http.headers.get('cache-control') };
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
});

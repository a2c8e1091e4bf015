import { ApolloServer } from '@apollo/server';
import { type Viewer } from '@ecosystem/shared';
import { ResponseCache, type CacheableContext } from '../response-cache';

/** A schema whose answers change on every call, so a cached answer is visible as such. */
function server(cache: ResponseCache): { apollo: ApolloServer<CacheableContext>; calls: () => number } {
  let calls = 0;
  const apollo = new ApolloServer<CacheableContext>({
    typeDefs: `type Query { hello(name: String): String me: String } type Mutation { touch: Boolean }`,
    resolvers: {
      Query: {
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
});

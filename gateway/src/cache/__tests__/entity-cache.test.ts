import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { EntityCache } from '../entity-cache';
import { type CacheableContext } from '../response-cache';

type Options = GraphQLDataSourceProcessOptions<CacheableContext>;

const QUERY = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Organization{name}}}';

/** A subgraph that answers `name-<id>` for each representation and records what it was asked. */
function fakeSubgraph(failIds: string[] = []): { source: GraphQLDataSource<CacheableContext>; asked: string[][] } {
  const asked: string[][] = [];
  return {
    asked,
    source: {
      async process(options) {
        const reps = (options.request.variables as { representations: { id: string }[] }).representations;
        asked.push(reps.map((r) => r.id));
        const errors = reps
          .map((r, i) => (failIds.includes(r.id) ? { message: 'boom', path: ['_entities', i, 'name'] } : null))
          .filter((e) => e !== null);
        return {
          data: { _entities: reps.map((r) => (failIds.includes(r.id) ? null : { name: `name-${r.id}` })) },
          ...(errors.length ? { errors } : {}),
        } as Awaited<ReturnType<GraphQLDataSource['process']>>;
      },
    },
  };
}

function options(ids: string[], viewer: CacheableContext['viewer'] = null, operation: 'query' | 'mutation' = 'query'): Options {
  return {
    kind: 'incoming operation',
    request: { query: QUERY, variables: { representations: ids.map((id) => ({ __typename: 'Organization', id })) } },
    context: { viewer },
    incomingRequestContext: { operation: { operation } },
  } as unknown as Options;
}

describe('EntityCache', () => {
  it('fetches only the representations it has not seen, in order, for anonymous queries', async () => {
    const { source, asked } = fakeSubgraph();
    const cached = new EntityCache({ ttlSeconds: 60, maxMiB: 1 }).wrap('members', source);
    await cached.process(options(['a', 'b']));
    const second = await cached.process(options(['b', 'c', 'a']));
    expect(asked).toEqual([['a', 'b'], ['c']]);
    expect(second.data?._entities).toEqual([{ name: 'name-b' }, { name: 'name-c' }, { name: 'name-a' }]);
    const third = await cached.process(options(['c', 'a']));
    expect(asked).toHaveLength(2);
    expect(third.data?._entities).toEqual([{ name: 'name-c' }, { name: 'name-a' }]);
  });

  it('never serves or stores entities for a request with a viewer, nor for mutations', async () => {
    const { source, asked } = fakeSubgraph();
    const cached = new EntityCache({ ttlSeconds: 60, maxMiB: 1 }).wrap('members', source);
    await cached.process(options(['a']));
    await cached.process(options(['a'], { sub: 'p1', roles: [] }));
    await cached.process(options(['z'], { sub: 'p1', roles: [] }));
    await cached.process(options(['a'], null, 'mutation'));
    await cached.process(options(['z']));
    expect(asked).toEqual([['a'], ['a'], ['z'], ['a'], ['z']]);
  });

  it('maps error paths back to the full list and does not keep failed entities', async () => {
    const { source, asked } = fakeSubgraph(['c']);
    const cached = new EntityCache({ ttlSeconds: 60, maxMiB: 1 }).wrap('members', source);
    await cached.process(options(['a']));
    const response = await cached.process(options(['a', 'c']));
    expect(response.errors).toEqual([{ message: 'boom', path: ['_entities', 1, 'name'] }]);
    expect(response.data?._entities).toEqual([{ name: 'name-a' }, null]);
    await cached.process(options(['c']));
    expect(asked).toEqual([['a'], ['c'], ['c']]);
  });
});

import { type GraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { dedupeRepresentations, distinctRepresentations } from '../dedupe-representations';

type Options = GraphQLDataSourceProcessOptions<Record<string, unknown>>;
type Response = Awaited<ReturnType<GraphQLDataSource['process']>>;

const options = (representations: unknown): Options =>
  ({ request: { query: '{ _entities }', variables: { representations, first: 3 } }, context: {} }) as unknown as Options;

/** A data source answering `name-<id>` and an error at `_entities.<i>.secret` for ids starting with `x`. */
class Recording {
  readonly asked: unknown[] = [];
  readonly secret = 'kept';

  process(opts: Options): Promise<Response> {
    const variables = opts.request.variables as { representations?: { id: string }[] };
    this.asked.push(variables);
    const reps = variables.representations ?? [];
    const errors = reps.flatMap((r, i) => (r.id.startsWith('x') ? [{ message: 'refused', path: ['_entities', i, 'secret'] }] : []));
    return Promise.resolve({
      data: { _entities: reps.map((r) => ({ name: `name-${r.id}`, nested: { id: r.id } })) },
      ...(errors.length > 0 ? { errors: [...errors, { message: 'whole fetch' }] } : {}),
    } as unknown as Response);
  }

  /** Another method of the data source, using `this`. */
  otherMethod(): string {
    return this.secret;
  }
}

describe('dedupeRepresentations', () => {
  it('sends each distinct representation once and answers every position, each with its own object', async () => {
    const inner = new Recording();
    const source = dedupeRepresentations(inner as unknown as GraphQLDataSource);
    const reps = ['a', 'b', 'a', 'c', 'b', 'a'].map((id) => ({ __typename: 'Organization', id }));
    const answer = await source.process(options(reps));
    expect(inner.asked).toEqual([{ representations: ['a', 'b', 'c'].map((id) => ({ __typename: 'Organization', id })), first: 3 }]);
    const entities = answer.data!._entities as { name: string; nested: object }[];
    expect(entities.map((e) => e.name)).toEqual(['name-a', 'name-b', 'name-a', 'name-c', 'name-b', 'name-a']);
    expect(entities[2]).not.toBe(entities[0]);
    expect(entities[2]!.nested).not.toBe(entities[0]!.nested);
  });

  it('repeats an entity error at every position that asked for the entity, and keeps errors without a position once', async () => {
    const inner = new Recording();
    const source = dedupeRepresentations(inner as unknown as GraphQLDataSource);
    const answer = await source.process(options(['x1', 'a', 'x1', 'x2', 'x1'].map((id) => ({ __typename: 'Person', id }))));
    expect(answer.errors?.map((e) => e.path ?? null)).toEqual([
      ['_entities', 0, 'secret'],
      ['_entities', 2, 'secret'],
      ['_entities', 4, 'secret'],
      ['_entities', 3, 'secret'],
      null,
    ]);
  });

  it('repeats the errors of a failed fetch (no data, an error per lost entity) at every position', async () => {
    const failed = {
      process: (opts: Options): Promise<Response> => {
        const reps = (opts.request.variables as { representations: unknown[] }).representations;
        return Promise.resolve({ errors: reps.map((_, i) => ({ message: 'unavailable', path: ['_entities', i, 'name'] })) } as unknown as Response);
      },
    };
    const source = dedupeRepresentations(failed as unknown as GraphQLDataSource);
    const answer = await source.process(options(['a', 'b', 'a', 'a'].map((id) => ({ __typename: 'Person', id }))));
    expect(answer.data).toBeUndefined();
    expect(answer.errors?.map((e) => e.path)).toEqual([
      ['_entities', 0, 'name'],
      ['_entities', 2, 'name'],
      ['_entities', 3, 'name'],
      ['_entities', 1, 'name'],
    ]);
  });

  it('passes requests without repeats, or without representations, as they are', async () => {
    const inner = new Recording();
    const source = dedupeRepresentations(inner as unknown as GraphQLDataSource);
    const distinct = options([{ __typename: 'Person', id: 'a' }, { __typename: 'Person', id: 'b' }]);
    await source.process(distinct);
    await source.process(options(undefined));
    expect(inner.asked[0]).toBe(distinct.request.variables);
    expect(inner.asked[1]).toEqual({ representations: undefined, first: 3 });
  });

  it("keeps the data source's other methods, bound to it", () => {
    const source = dedupeRepresentations(new Recording() as unknown as GraphQLDataSource) as unknown as Recording;
    const { otherMethod } = source;
    expect(otherMethod()).toBe('kept');
  });

  it('tells { __typename, id } apart from every other shape and from each other, whatever its key order', () => {
    const representations = [
      { __typename: 'Org', id: 'a1' },
      { __typename: 'Orga', id: '1' },
      { __typename: 'Org', id: 'a1', extra: 1 },
      { __typename: 'Org', id: 1 },
      { id: 'a1', __typename: 'Org', x: null },
      ['Org', 'a1'],
      '3:Orga1',
      { id: 'a1', __typename: 'Org' },
      { __typename: 'Org', id: 'a1', extra: 1 },
    ];
    const { unique, slots } = distinctRepresentations(representations);
    expect(unique).toEqual(representations.slice(0, 7));
    expect(slots).toEqual([0, 1, 2, 3, 4, 5, 6, 0, 2]);
  });
});

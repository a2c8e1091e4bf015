import { pino } from 'pino';
import { Field, ID, ObjectType, Query, Resolver } from 'type-graphql';
import { UnauthenticatedError } from '../../errors/app-error';
import { type BaseContext } from '../../context/request-context';
import { buildFederatedSchema } from '../../federation/build-federated-schema';
import { EntityRef, EntityStub } from '../../federation/entity-stub';
import { createSubgraphServer } from '../create-subgraph-server';
import { type RunningServer } from '../http-server';

/*
 * The errors of a subgraph called directly (as the gateway calls it, or anyone who reaches it):
 * a representation `_entities` cannot load is the caller's mistake, and every error carries the
 * request id, the ones raised while the operation runs included.
 */
@EntityStub('Organization')
class Organization extends EntityRef {}

@ObjectType({ description: 'A gadget made by an organisation.' })
class Gadget {
  @Field(() => Organization, { description: 'Who made it.' })
  maker!: Organization;

  @Field(() => ID, { description: 'The gadget.' })
  id!: string;
}

@Resolver()
class GadgetResolver {
  @Query(() => Gadget, { description: 'A gadget.' })
  gadget(): Gadget {
    return { maker: Organization.ref('o1'), id: 'g1' };
  }

  @Query(() => String, { nullable: true, description: 'Needs a viewer.' })
  mine(): string {
    throw new UnauthenticatedError();
  }

  @Query(() => String, { nullable: true, description: 'Fails unexpectedly.' })
  broken(): string {
    throw new Error('database is on fire');
  }
}

let running: RunningServer;

beforeAll(async () => {
  const schema = await buildFederatedSchema({ resolvers: [GadgetResolver], stubs: [Organization] });
  const server = await createSubgraphServer<BaseContext>({
    name: 'errors',
    schema,
    logger: pino({ level: 'silent' }),
    internalJwtSecret: 'x'.repeat(32),
    production: true,
    createContext: (base) => base,
    ready: async () => true,
  });
  running = await server.listen(0, '127.0.0.1');
});

afterAll(async () => {
  await running.close();
});

interface Answer {
  data?: unknown;
  errors?: { message: string; path?: unknown[]; extensions: Record<string, unknown> }[];
}

async function post(body: Record<string, unknown>, requestId: string): Promise<Answer> {
  const answer = await fetch(`${running.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId },
    body: JSON.stringify(body),
  });
  return (await answer.json()) as Answer;
}

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Organization { id } } }';

describe('a subgraph’s errors', () => {
  it.each([
    ['an unknown __typename', { __typename: 'Nope', id: 'x' }],
    ['no __typename', { x: 1 }],
    ['a number', 5],
    ['"__proto__"', { __typename: '__proto__' }],
    ['a type that is no entity', { __typename: 'Query' }],
    ['a non-entity object type', { __typename: 'Gadget', id: 'g1' }],
  ])('refuses a representation with %s: BAD_USER_INPUT, field representations, with the request id', async (_label, representation) => {
    const answer = await post({ query: ENTITIES, variables: { r: [{ __typename: 'Organization', id: 'o1' }, representation] } }, 'ent-1');
    expect(answer.errors).toHaveLength(1);
    expect(answer.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'representations', requestId: 'ent-1' });
    expect(answer.errors![0]!.message).toMatch(/representations\[1\]/);
  });

  it('refuses a bad representation written in the document too, and still loads good ones', async () => {
    const inline = await post({ query: '{ _entities(representations: [{__typename: "Nope"}]) { __typename } }' }, 'ent-2');
    expect(inline.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'representations', requestId: 'ent-2' });
    const good = await post({ query: ENTITIES, variables: { r: [{ __typename: 'Organization', id: 'o1' }] } }, 'ent-3');
    expect(good).toEqual({ data: { _entities: [{ __typename: 'Organization', id: 'o1' }] } });
  });

  it('gives the errors raised while the operation runs the request id: a coded one and a masked one', async () => {
    const unauthenticated = await post({ query: '{ mine }' }, 'run-1');
    expect(unauthenticated.data).toEqual({ mine: null });
    expect(unauthenticated.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED', requestId: 'run-1' });
    const broken = await post({ query: '{ broken }' }, 'run-2');
    expect(broken.errors![0]).toMatchObject({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'run-2' } });
    expect(JSON.stringify(broken)).not.toContain('on fire');
  });
});

import { graphql, printSchema } from 'graphql';
import { Directive, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { buildFederatedSchema } from '../build-federated-schema';
import { CORE_ENTITIES, EntityRef, EntityStub } from '../entity-stub';

@EntityStub('Organization')
class Organization extends EntityRef {}

@EntityStub('Person', { external: ['jobTitle'] })
class Person extends EntityRef {
  jobTitle?: string | null;
}

@ObjectType({ description: 'A thing of the test subgraph.' })
class Thing {
  @Field(() => ID, { description: 'Id.' })
  id!: string;

  @Field(() => Organization, { description: 'Its owner.' })
  owner!: Organization;
}

@Resolver()
class ThingResolver {
  @Query(() => Thing, { description: 'A thing.' })
  thing(): Thing {
    return { id: 't1', owner: Organization.ref('o1') };
  }
}

/** A field that reads the external `jobTitle` (without a use, federation refuses an @external field). */
@Resolver(() => Person)
class PersonResolver {
  @FieldResolver(() => String, { nullable: true, description: 'The job title, shouted.' })
  @Directive('@requires(fields: "jobTitle")')
  shouted(@Root() person: Person): string | null {
    return person.jobTitle?.toUpperCase() ?? null;
  }
}

describe('entity stubs', () => {
  it('generate the key-only type of CORE_ENTITIES, with the external fields declared', async () => {
    const schema = await buildFederatedSchema({ resolvers: [ThingResolver, PersonResolver], stubs: [Organization, Person] });
    const { data } = (await graphql({ schema, source: '{ _service { sdl } }' })) as { data?: { _service: { sdl: string } } };
    const sdl = data?._service.sdl ?? '';
    const flat = sdl.replace(/\s+/g, ' ');
    expect(flat).toContain(`"""${CORE_ENTITIES.Organization.description}""" type Organization @key(fields: "id") { """Opaque, stable id.""" id: ID! }`);
    expect(flat).toMatch(/type Person @key\(fields: "id"\) \{[^}]*jobTitle: String @external/);
    expect(printSchema(schema)).toContain('union _Entity = Organization | Person');
  });

  it('resolve a reference as an instance of the stub, with its external fields', async () => {
    const schema = await buildFederatedSchema({ resolvers: [ThingResolver, PersonResolver], stubs: [Organization, Person] });
    const result = await graphql({
      schema,
      source: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id jobTitle shouted } ... on Organization { id } } }',
      variableValues: { r: [{ __typename: 'Person', id: 'p1', jobTitle: 'Nurse' }, { __typename: 'Person', id: 'p2' }, { __typename: 'Organization', id: 'o1' }] },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([{ id: 'p1', jobTitle: 'Nurse', shouted: 'NURSE' }, { id: 'p2', jobTitle: null, shouted: null }, { id: 'o1' }]);
  });

  it('make references with `ref`', () => {
    const ref = Organization.ref('o9');
    expect(ref).toBeInstanceOf(Organization);
    expect(ref.id).toBe('o9');
  });
});

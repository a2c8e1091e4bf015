import { ConnectionType } from '@ecosystem/shared';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canSeeContactDetails } from '../common/authorization';
import { type MembersContext } from '../context';
import { Organization } from '../organization/organization.entity';
import { Affiliation } from './affiliation.entity';
import { Person } from './person.entity';
import { PeopleArgs, UpsertPersonArgs } from './person.inputs';
import { PersonService } from './person.service';

@ObjectType({ description: 'A page of people.' })
export class PersonConnection extends ConnectionType(Person, 'Person') {}

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => Person, { nullable: true, description: 'One person by id (erased people resolve as anonymised tombstones).' })
  async person(@Arg('id', () => ID, { description: 'Person id.' }) id: string, @Ctx() context: MembersContext): Promise<Person | null> {
    return context.loaders.personById.load(id);
  }

  @Query(() => PersonConnection, { nullable: true, description: 'The people directory (erased people are left out), filtered and paginated.' })
  async people(@Args() args: PeopleArgs, @Ctx() context: MembersContext): Promise<PersonConnection> {
    return new PersonService(context.dataSource).list(args);
  }

  @FieldResolver(() => [Affiliation], { description: 'Organisations the person works for, current first.' })
  async affiliations(@Root() person: Person, @Ctx() context: MembersContext): Promise<Affiliation[]> {
    return context.loaders.affiliationsByPersonId.load(person.id);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Professional e-mail: personal data, only for authenticated members (null with an error otherwise).',
  })
  email(@Root() person: Person, @Ctx() context: MembersContext): string | null {
    return canSeeContactDetails(context.viewer, person.id) ? person.email : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'Professional phone: personal data, only for authenticated members (null with an error otherwise).',
  })
  phone(@Root() person: Person, @Ctx() context: MembersContext): string | null {
    return canSeeContactDetails(context.viewer, person.id) ? person.phone : null;
  }

  @FieldResolver(() => Boolean, { description: 'True when the personal data were erased (GDPR tombstone).' })
  erased(@Root() person: Person): boolean {
    return person.erasedAt !== null;
  }

  @Mutation(() => Person, {
    description: 'Creates or updates a person (admins, the person, or managers of their organisation).',
  })
  async upsertPerson(
    @Args() { input }: UpsertPersonArgs,
    @Ctx() context: MembersContext,
  ): Promise<Person> {
    return new PersonService(context.dataSource).upsert(input, context.viewer);
  }

  @Mutation(() => Person, {
    description:
      'GDPR erasure: removes the personal data and leaves an anonymised tombstone (admins, the person, or managers of their organisation).',
  })
  async erasePerson(
    @Arg('id', () => ID, { description: 'Person id.' }) id: string,
    @Ctx() context: MembersContext,
  ): Promise<Person> {
    return new PersonService(context.dataSource).erase(id, context.viewer);
  }
}

@Resolver(() => Affiliation)
export class AffiliationResolver {
  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation.' })
  async organization(@Root() affiliation: Affiliation, @Ctx() context: MembersContext): Promise<Organization | null> {
    return context.loaders.organizationById.load(affiliation.organizationId);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The person.' })
  async person(@Root() affiliation: Affiliation, @Ctx() context: MembersContext): Promise<Person | null> {
    return context.loaders.personById.load(affiliation.personId);
  }

  @FieldResolver(() => Boolean, { description: 'True while the affiliation has not ended.' })
  current(@Root() affiliation: Affiliation): boolean {
    return affiliation.until === null;
  }
}

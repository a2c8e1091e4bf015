import { NotFoundError, requireViewer, Role } from '@ecosystem/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { Organization, organizationRef } from '../organization/organization.stub';
import { Person, personRef } from '../person/person.stub';
import { RegisterArgs } from './registration.inputs';
import { Registration } from './registration.entity';
import { RegistrationService } from './registration.service';
import { publishRegistrationChange } from './registration-changes';

@Resolver(() => Registration)
export class RegistrationResolver {
  @Authorized()
  @Query(() => [Registration], { nullable: true, description: 'The viewer\u2019s registrations, most recent first.' })
  async myRegistrations(@Ctx() context: EventsContext): Promise<Registration[]> {
    return context.loaders.registrationsByPersonId.load(requireViewer(context.viewer).sub);
  }

  @Authorized()
  @Mutation(() => Registration, {
    description:
      'Registers the viewer (an admin may register someone else). CONFIRMED while seats remain, else WAITLISTED in arrival order. Refusals: FORBIDDEN reason MEMBERS_ONLY; CONFLICT reason ALREADY_REGISTERED, EVENT_CANCELLED, REGISTRATION_NOT_OPEN or REGISTRATION_CLOSED.',
  })
  async register(@Args() { input }: RegisterArgs, @Ctx() context: EventsContext): Promise<Registration> {
    const registration = await new RegistrationService(context.dataSource).register(input, context.viewer);
    publishRegistrationChange(registration.eventId);
    return registration;
  }

  @Authorized()
  @Mutation(() => Registration, { description: 'Cancels a registration; a freed seat goes to the first waiting registration.' })
  async cancelRegistration(@Arg('id', () => ID, { description: 'Registration id.' }) id: string, @Ctx() context: EventsContext): Promise<Registration> {
    const registration = await new RegistrationService(context.dataSource).cancel(id, context.viewer);
    publishRegistrationChange(registration.eventId);
    return registration;
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => Registration, { description: 'Checks a confirmed registration in at the event (ATTENDED).' })
  async checkIn(@Arg('id', () => ID, { description: 'Registration id.' }) id: string, @Ctx() context: EventsContext): Promise<Registration> {
    const registration = await new RegistrationService(context.dataSource).checkIn(id, context.viewer);
    publishRegistrationChange(registration.eventId);
    return registration;
  }

  @FieldResolver(() => Event, { description: 'The event.' })
  async event(@Root() registration: Registration, @Ctx() context: EventsContext): Promise<Event> {
    const event = await context.loaders.eventById.load(registration.eventId);
    if (!event) throw new NotFoundError('Event', registration.eventId);
    return event;
  }

  @FieldResolver(() => Int, { nullable: true, description: 'Place on the waiting list (1 = next to get a seat); null unless WAITLISTED.' })
  async waitlistPosition(@Root() registration: Registration, @Ctx() context: EventsContext): Promise<number | null> {
    return context.loaders.waitlistPositionByRegistrationId.load(registration.id);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'The registered person.' })
  person(@Root() registration: Registration): Person {
    return personRef(registration.personId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Organisation the person comes for.' })
  organization(@Root() registration: Registration): Organization | null {
    return registration.organizationId ? organizationRef(registration.organizationId) : null;
  }
}

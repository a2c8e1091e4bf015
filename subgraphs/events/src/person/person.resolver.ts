import { ForbiddenError, hasRole, Role } from '@ecosystem/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { EventSpeaker } from '../event/event-speaker.entity';
import { Registration } from '../registration/registration.entity';
import { Person } from './person.stub';

@Resolver(() => Person)
export class PersonEventsResolver {
  @FieldResolver(() => [EventSpeaker], { nullable: true, description: 'Where this person speaks, in which role (public).' })
  async speakingEngagements(@Root() person: Person, @Ctx() context: EventsContext): Promise<EventSpeaker[]> {
    return context.loaders.speakersByPersonId.load(person.id);
  }

  @FieldResolver(() => [Registration], {
    nullable: true,
    description: 'The person\u2019s registrations, most recent first. Only for the person and admins (FORBIDDEN otherwise).',
  })
  async registrations(@Root() person: Person, @Ctx() context: EventsContext): Promise<Registration[] | null> {
    const viewer = context.viewer;
    if (!viewer || (viewer.sub !== person.id && !hasRole(viewer, Role.ADMIN))) {
      throw new ForbiddenError('Registrations are visible to the person and admins only');
    }
    return context.loaders.registrationsByPersonId.load(person.id);
  }
}

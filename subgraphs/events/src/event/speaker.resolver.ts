import { NotFoundError } from '@ecosystem/shared';
import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Organization, organizationRef } from '../organization/organization.stub';
import { Person, personRef } from '../person/person.stub';
import { EventSpeaker } from './event-speaker.entity';
import { Event } from './event.entity';

@Resolver(() => EventSpeaker)
export class SpeakerRoleResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'The speaker.' })
  person(@Root() speaker: EventSpeaker): Person {
    return personRef(speaker.personId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Organisation the person speaks for.' })
  organization(@Root() speaker: EventSpeaker): Organization | null {
    return speaker.organizationId ? organizationRef(speaker.organizationId) : null;
  }

  @FieldResolver(() => Event, { description: 'The event.' })
  async event(@Root() speaker: EventSpeaker, @Ctx() context: EventsContext): Promise<Event> {
    const event = await context.loaders.eventById.load(speaker.eventId);
    if (!event) throw new NotFoundError('Event', speaker.eventId);
    return event;
  }
}

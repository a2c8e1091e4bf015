import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type PartnerContext } from '../context';
import { EventLogistics } from '../event-logistics/event-logistics.entity';
import { Event } from './event.stub';

/** Fields the campus adds to the core Event. */
@Resolver(() => Event)
export class EventCampusResolver {
  @FieldResolver(() => EventLogistics, { nullable: true, description: 'How the partner campus hosts this event (null when it does not).' })
  async campusLogistics(@Root() event: Event, @Ctx() context: PartnerContext): Promise<EventLogistics | null> {
    return context.loaders.logisticsByEventId.load(event.id);
  }
}

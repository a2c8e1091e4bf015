import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { type PartnerContext } from '../context';
import { Event } from '../stubs/event.stub';
import { EventLogistics } from './event-logistics.entity';

/** Fields the campus adds to the core Event. */
@Resolver(() => Event)
export class EventLogisticsResolver {
  @FieldResolver(() => EventLogistics, { nullable: true, description: 'How the partner campus hosts this event (null when it does not).' })
  async campusLogistics(@Root() event: Event, @Ctx() context: PartnerContext): Promise<EventLogistics | null> {
    return context.loaders.logisticsByEventId.load(event.id);
  }
}

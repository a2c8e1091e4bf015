import { type GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Resolver, Root } from 'type-graphql';
import { Call } from '../call/call.entity';
import { type EventsContext } from '../context';
import { Event } from '../event/event.entity';
import { eventWindow, EventWindowArgs } from '../event/event-window';
import { eventListColumns } from '../event/event.loaders';
import { Organization } from './organization.stub';

@Resolver(() => Organization)
export class OrganizationEventsResolver {
  @FieldResolver(() => [Event], {
    nullable: true,
    description: 'Events this organisation organises or co-organises in a window, by start (at most `first`). Use Query.events with organizerId to page.',
  })
  async organizedEvents(
    @Root() organization: Organization,
    @Ctx() context: EventsContext,
    @Info() info: GraphQLResolveInfo,
    @Args() args: EventWindowArgs,
  ): Promise<Event[]> {
    return context.loaders.eventsByOrganizationId.load({ id: organization.id, window: { columns: eventListColumns(info), ...eventWindow(args) } });
  }

  @FieldResolver(() => [Call], { nullable: true, description: 'Calls this organisation published.' })
  async calls(@Root() organization: Organization, @Ctx() context: EventsContext): Promise<Call[]> {
    return context.loaders.callsByPublisherId.load(organization.id);
  }
}

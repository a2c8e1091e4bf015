import { ConnectionType } from '@ecosystem/shared';
import { Arg, Args, Ctx, FieldResolver, ID, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { type EventsContext } from '../context';
import { Dataset, datasetRef } from '../dataset/dataset.stub';
import { Organization, organizationRef } from '../organization/organization.stub';
import { Event } from './event.entity';
import { EventsArgs } from './event.inputs';
import { EventService } from './event.service';

@ObjectType({ description: 'A page of events, ordered by start then id.' })
export class EventConnection extends ConnectionType(Event, 'Event') {}

@Resolver(() => Event)
export class EventResolver {
  @Query(() => Event, { nullable: true, description: 'One event by id.' })
  async event(
    @Arg('id', () => ID, { description: 'Event id.' }) id: string,
    @Ctx() context: EventsContext,
  ): Promise<Event | null> {
    return context.loaders.eventById.load(id);
  }

  @Query(() => EventConnection, { description: 'Events, filtered and paginated, ordered by start then id.' })
  async events(@Args() args: EventsArgs, @Ctx() context: EventsContext): Promise<EventConnection> {
    return new EventService(context.dataSource).list(args);
  }

  @FieldResolver(() => [Organization], { description: 'Organisations organising the event, main organiser first.' })
  async organizers(@Root() event: Event, @Ctx() context: EventsContext): Promise<Organization[]> {
    return (await context.loaders.organizerIdsByEventId.load(event.id)).map(organizationRef);
  }

  @FieldResolver(() => [Dataset], { description: 'Datasets presented at the event, in order of presentation.' })
  async presentedDatasets(@Root() event: Event, @Ctx() context: EventsContext): Promise<Dataset[]> {
    return (await context.loaders.datasetIdsByEventId.load(event.id)).map(datasetRef);
  }
}

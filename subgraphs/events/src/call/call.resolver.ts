import { ConnectionType, LocalDateScalar, Role } from '@ecosystem/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { canOrganise } from '../common/authorization';
import { type EventsContext } from '../context';
import { Dataset, datasetRef } from '../dataset/dataset.stub';
import { Ecosystem, ecosystemRef } from '../ecosystem/ecosystem.stub';
import { Event } from '../event/event.entity';
import { EventKind } from '../event/event.enums';
import { loadEventsSorted } from '../event/event.loaders';
import { Organization, organizationRef } from '../organization/organization.stub';
import { Call } from './call.entity';
import { CallsArgs, ExpressionOfInterestArgs, PublishCallArgs } from './call.inputs';
import { CallService } from './call.service';
import { ExpressionOfInterest } from './expression-of-interest.entity';

@ObjectType({ description: 'A page of calls, newest last.' })
export class CallConnection extends ConnectionType(Call, 'Call') {}

@Resolver(() => Call)
export class CallResolver {
  @Query(() => Call, { nullable: true, description: 'One call by id.' })
  async call(@Arg('id', () => ID, { description: 'Call id.' }) id: string, @Ctx() context: EventsContext): Promise<Call | null> {
    return context.loaders.callById.load(id);
  }

  @Query(() => CallConnection, { nullable: true, description: 'Calls, filtered and paginated (by publication time).' })
  async calls(@Args() args: CallsArgs, @Ctx() context: EventsContext): Promise<CallConnection> {
    return new CallService(context.dataSource).list(args);
  }

  @Authorized(Role.EVENT_ORGANISER)
  @Mutation(() => Call, { description: 'Publishes a call (OPEN now, or PLANNED until its opening day).' })
  async publishCall(@Args() { input }: PublishCallArgs, @Ctx() context: EventsContext): Promise<Call> {
    return new CallService(context.dataSource).publish(input, context.viewer);
  }

  @Authorized()
  @Mutation(() => ExpressionOfInterest, {
    description: 'Expresses an organisation\u2019s interest in an open call, with the datasets it intends to use. Once per organisation and call.',
  })
  async submitExpressionOfInterest(
    @Args() { input }: ExpressionOfInterestArgs,
    @Ctx() context: EventsContext,
  ): Promise<ExpressionOfInterest> {
    return new CallService(context.dataSource).submitExpressionOfInterest(input, context.viewer);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The publishing organisation.' })
  publisher(@Root() call: Call): Organization {
    return organizationRef(call.publisherId);
  }

  @FieldResolver(() => Ecosystem, { nullable: true, description: 'The ecosystem.' })
  ecosystem(@Root() call: Call): Ecosystem | null {
    return call.ecosystemId ? ecosystemRef(call.ecosystemId) : null;
  }

  @FieldResolver(() => LocalDateScalar, { nullable: true, description: 'Day the call opens.' })
  opensAt(@Root() call: Call): string | null {
    return call.opensOn;
  }

  @FieldResolver(() => [Dataset], { nullable: true, description: 'Datasets applicants are expected to work on.' })
  async expectedDatasets(@Root() call: Call, @Ctx() context: EventsContext): Promise<Dataset[]> {
    return (await context.loaders.datasetIdsByCallId.load(call.id)).map(datasetRef);
  }

  @FieldResolver(() => [Event], { description: 'Information sessions about the call, by start.' })
  async infoSessions(@Root() call: Call, @Ctx() context: EventsContext): Promise<Event[]> {
    const events = await loadEventsSorted(context.loaders, await context.loaders.eventIdsByCallId.load(call.id));
    return events.filter((e) => e.kind === EventKind.INFO_SESSION);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The hackathon that follows the call.' })
  async followUpHackathon(@Root() call: Call, @Ctx() context: EventsContext): Promise<Event | null> {
    return call.followUpHackathonId ? context.loaders.eventById.load(call.followUpHackathonId) : null;
  }

  @FieldResolver(() => Int, { description: 'Number of expressions of interest received.' })
  async expressionOfInterestCount(@Root() call: Call, @Ctx() context: EventsContext): Promise<number> {
    return (await context.loaders.expressionsOfInterestByCallId.load(call.id)).length;
  }

  @FieldResolver(() => [ExpressionOfInterest], {
    nullable: true,
    description: 'Expressions of interest received: for admins and organisers acting for the publisher; null for others.',
  })
  async expressionsOfInterest(@Root() call: Call, @Ctx() context: EventsContext): Promise<ExpressionOfInterest[] | null> {
    if (!canOrganise(context.viewer, [call.publisherId])) return null;
    return context.loaders.expressionsOfInterestByCallId.load(call.id);
  }
}

@Resolver(() => ExpressionOfInterest)
export class ExpressionOfInterestResolver {
  @FieldResolver(() => Call, { nullable: true, description: 'The call.' })
  async call(@Root() expression: ExpressionOfInterest, @Ctx() context: EventsContext): Promise<Call | null> {
    return context.loaders.callById.load(expression.callId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The applying organisation.' })
  organization(@Root() expression: ExpressionOfInterest): Organization {
    return organizationRef(expression.organizationId);
  }

  @FieldResolver(() => [Dataset], { nullable: true, description: 'Datasets the organisation intends to use.' })
  datasets(@Root() expression: ExpressionOfInterest): Dataset[] {
    return expression.datasetIds.map(datasetRef);
  }
}

/** The call side of an event: a call contributes the field, so that events know nothing of calls. */
@Resolver(() => Event)
export class EventCallResolver {
  @FieldResolver(() => Call, { nullable: true, description: 'The call this event belongs to (information session, hackathon).' })
  async call(@Root() event: Event, @Ctx() context: EventsContext): Promise<Call | null> {
    return event.callId ? context.loaders.callById.load(event.callId) : null;
  }
}

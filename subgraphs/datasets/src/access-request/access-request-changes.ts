import { ForbiddenError, requireViewer } from '@ecosystem/shared';
import { Arg, Args, Authorized, Ctx, Field, FieldResolver, ID, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { type DatasetsContext } from '../context';
import { ACCESS_REQUEST_CHANGED, ACCESS_REQUESTS_CHANGED, type AccessRequestChange } from '../pub-sub';
import { AccessRequest } from './access-request.entity';
import { AccessRequestsArgs } from './access-request.inputs';
import { canSeeAccessRequest } from './access-request.policy';
import { AccessRequestService } from './access-request.service';
import { AccessRequestConnection } from './access-request.resolver';

@ObjectType({ description: 'Where an access request stands now, as the viewer may see it (what accessRequestChanged sends on every transition).' })
export class AccessRequestState {
  @Field(() => ID, { description: 'The access request.' })
  id!: string;
}

/**
 * Subscriptions of the access-request workflow. The gateway answers every event with the Query field
 * of the same type (accessRequestState, accessRequests), so that the visibility of the moment
 * (canSeeAccessRequest, read from the database per event) decides what the subscriber gets.
 */
@Resolver(() => AccessRequestState)
export class AccessRequestChangesResolver {
  @Authorized()
  @Query(() => AccessRequestState, {
    description:
      'Where an access request stands now (what accessRequestChanged sends). FORBIDDEN when the viewer may not see it, or it does not exist (the same answer: no leak).',
  })
  async accessRequestState(@Arg('id', () => ID, { description: 'Access request id.' }) id: string, @Ctx() context: DatasetsContext): Promise<AccessRequestState> {
    await visibleRequest(id, context);
    return { id };
  }

  @Authorized()
  @Subscription(() => AccessRequestState, {
    topics: ACCESS_REQUEST_CHANGED,
    topicId: ({ args }) => (args as { id: string }).id,
    description:
      'Sent on every transition of the access request (requester and the publisher\u2019s data stewards, as accessRequest). Through the gateway: over Server-Sent Events or graphql-ws; the stream ends with FORBIDDEN once the viewer may no longer see the request.',
  })
  accessRequestChanged(@Arg('id', () => ID, { description: 'Access request id.' }) id: string, @Root() payload: AccessRequestChange): AccessRequestState {
    return { id: payload.id ?? id };
  }

  @Authorized()
  @Subscription(() => AccessRequestConnection, {
    topics: ACCESS_REQUESTS_CHANGED,
    // Only the changes of requests the subscriber may see; the page itself is read again by the gateway (Query.accessRequests).
    filter: ({ payload, context }) =>
      canSeeAccessRequest((context as DatasetsContext).viewer, {
        ...(payload as AccessRequestChange),
        submittedAt: (payload as AccessRequestChange).submittedAt ? new Date((payload as AccessRequestChange).submittedAt!) : null,
      }),
    description:
      'The access requests the viewer may see (as accessRequests, same arguments), sent again whenever one of them is created or moves. Through the gateway: over Server-Sent Events or graphql-ws.',
  })
  async myAccessRequests(@Args() args: AccessRequestsArgs, @Ctx() context: DatasetsContext): Promise<AccessRequestConnection> {
    return new AccessRequestService(context.dataSource).list(context.viewer, args.filter, args);
  }

  @FieldResolver(() => AccessRequest, { description: 'The access request, read at the time of the event.' })
  accessRequest(@Root() state: AccessRequestState, @Ctx() context: DatasetsContext): Promise<AccessRequest> {
    return visibleRequest(state.id, context);
  }
}

/**
 * The request, read from the database (not the request's DataLoaders: a subscription's context lives
 * as long as the stream), if the viewer may see it now; FORBIDDEN otherwise.
 */
async function visibleRequest(id: string, context: DatasetsContext): Promise<AccessRequest> {
  const viewer = requireViewer(context.viewer);
  const request = await context.dataSource.getRepository(AccessRequest).findOneBy({ id });
  if (!request || !canSeeAccessRequest(viewer, request)) throw new ForbiddenError('You may not see this access request (or it does not exist)');
  return request;
}

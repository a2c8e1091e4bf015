import { BadUserInputError, ConnectionType } from '@ecosystem/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, ObjectType, Query, Resolver, Root, Subscription } from 'type-graphql';
import { ACCESS_REQUEST_CHANGED, ACCESS_REQUESTS_CHANGED, type AccessRequestChange } from '../common/pub-sub';
import { type DatasetsContext } from '../context';
import { Dataset } from '../dataset/dataset.entity';
import { Organization } from '../organization/organization.stub';
import { Person } from '../person/person.stub';
import { Project } from '../project/project.stub';
import { AccessRequest } from './access-request.entity';
import { AccessRequestStatus } from './access-request.enums';
import { AccessRequestsArgs, CreateAccessRequestArgs, TransitionAccessRequestArgs } from './access-request.inputs';
import { canSeeAccessRequest } from './access-request.policy';
import { AccessRequestService } from './access-request.service';
import { AccessRequestState } from './access-request.types';
import { StatusChange } from './status-change.entity';

/** A note given as a plain argument: trimmed, and no longer than the input's (TransitionAccessRequestInput.note). */
function historyNote(note: string | null | undefined): string | null {
  const trimmed = note?.trim() ?? null;
  if (trimmed && trimmed.length > 2000) throw new BadUserInputError('note must be shorter than or equal to 2000 characters', 'note');
  return trimmed || null;
}

@ObjectType({ description: 'A page of access requests.' })
export class AccessRequestConnection extends ConnectionType(AccessRequest, 'AccessRequest') {}

@Resolver(() => AccessRequest)
export class AccessRequestResolver {
  @Authorized()
  @Query(() => AccessRequest, { nullable: true, description: 'One access request, if the viewer may see it.' })
  async accessRequest(
    @Arg('id', () => ID, { description: 'Access request id.' }) id: string,
    @Ctx() context: DatasetsContext,
  ): Promise<AccessRequest | null> {
    const request = await context.loaders.accessRequestById.load(id);
    return request && canSeeAccessRequest(context.viewer, request) ? request : null;
  }

  @Authorized()
  @Query(() => AccessRequestConnection, {
    nullable: true,
    description: 'Access requests the viewer may see (own organisation\u2019s, or as a steward its datasets\u2019; admins all).',
  })
  async accessRequests(@Args() args: AccessRequestsArgs, @Ctx() context: DatasetsContext): Promise<AccessRequestConnection> {
    return new AccessRequestService(context.dataSource).list(context.viewer, args.filter, args);
  }

  @Authorized()
  @Mutation(() => AccessRequest, { description: 'Drafts an access request for the viewer\u2019s organisation (status DRAFT).' })
  async createAccessRequest(
    @Args() { input }: CreateAccessRequestArgs,
    @Ctx() context: DatasetsContext,
  ): Promise<AccessRequest> {
    return new AccessRequestService(context.dataSource).create(context.viewer, input);
  }

  @Authorized()
  @Mutation(() => AccessRequest, { description: 'Moves an access request to another status (see the transition table).' })
  async transitionAccessRequest(
    @Args() { input }: TransitionAccessRequestArgs,
    @Ctx() context: DatasetsContext,
  ): Promise<AccessRequest> {
    return new AccessRequestService(context.dataSource).transition(context.viewer, input);
  }

  @Authorized()
  @Mutation(() => AccessRequest, { description: 'Submits (or resubmits) a draft or incomplete request: requester only.' })
  async submitAccessRequest(
    @Arg('id', () => ID, { description: 'The access request.' }) id: string,
    @Ctx() context: DatasetsContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version the caller last saw.' })
    expectedVersion?: number | null,
    @Arg('note', () => String, { nullable: true, description: 'Comment kept in the history.' }) note?: string | null,
  ): Promise<AccessRequest> {
    return new AccessRequestService(context.dataSource).transition(context.viewer, {
      id,
      to: AccessRequestStatus.SUBMITTED,
      expectedVersion,
      note: historyNote(note),
    });
  }

  @Authorized()
  @Mutation(() => AccessRequest, { description: 'Withdraws a request that is not final: requester only.' })
  async withdrawAccessRequest(
    @Arg('id', () => ID, { description: 'The access request.' }) id: string,
    @Ctx() context: DatasetsContext,
    @Arg('expectedVersion', () => Int, { nullable: true, description: 'The version the caller last saw.' })
    expectedVersion?: number | null,
    @Arg('note', () => String, { nullable: true, description: 'Reason kept in the history.' }) note?: string | null,
  ): Promise<AccessRequest> {
    return new AccessRequestService(context.dataSource).transition(context.viewer, {
      id,
      to: AccessRequestStatus.WITHDRAWN,
      expectedVersion,
      note: historyNote(note),
    });
  }

  @FieldResolver(() => [Dataset], { description: 'The datasets requested.' })
  async datasets(@Root() request: AccessRequest, @Ctx() context: DatasetsContext): Promise<Dataset[]> {
    return context.loaders.datasetsByAccessRequestId.load(request.id);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The requesting organisation.' })
  requester(@Root() request: AccessRequest): Organization {
    return Organization.ref(request.requesterId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'Publisher of the requested datasets, whose data stewards review the request.' })
  publisher(@Root() request: AccessRequest): Organization {
    return Organization.ref(request.publisherId);
  }

  @FieldResolver(() => Person, { nullable: true, description: 'Person responsible for the project.' })
  principalInvestigator(@Root() request: AccessRequest): Person {
    return Person.ref(request.principalInvestigatorId);
  }

  @FieldResolver(() => Project, { nullable: true, description: 'R&D project the request serves.' })
  project(@Root() request: AccessRequest): Project | null {
    return request.projectId ? Project.ref(request.projectId) : null;
  }

  @FieldResolver(() => [StatusChange], { description: 'Every transition, oldest first, starting with the creation of the draft.' })
  async history(@Root() request: AccessRequest, @Ctx() context: DatasetsContext): Promise<StatusChange[]> {
    return context.loaders.historyByAccessRequestId.load(request.id);
  }
}

@Resolver(() => StatusChange)
export class StatusChangeResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'Who made the change.' })
  by(@Root() change: StatusChange): Person {
    return Person.ref(change.byPersonId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The organisation the person acted for.' })
  byOrganization(@Root() change: StatusChange): Organization | null {
    return change.byOrganizationId ? Organization.ref(change.byOrganizationId) : null;
  }
}

/**
 * Subscriptions of the access-request workflow. The gateway answers every event with the Query field
 * of the same type (accessRequestState, accessRequests), so that the visibility of the moment
 * (canSeeAccessRequest on the row read per event) decides what the subscriber gets.
 */
@Resolver(() => AccessRequestState)
export class AccessRequestStateResolver {
  @Authorized()
  @Query(() => AccessRequestState, {
    nullable: true,
    description:
      'Where an access request stands now (what accessRequestChanged sends). FORBIDDEN when the viewer may not see it, or it does not exist (the same answer: no leak).',
  })
  async accessRequestState(@Arg('id', () => ID, { description: 'Access request id.' }) id: string, @Ctx() context: DatasetsContext): Promise<AccessRequestState> {
    await new AccessRequestService(context.dataSource).getForSubscriber(context.viewer, id);
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
    // Only the changes of requests the subscriber may see wake the stream; the gateway reads the page again (Query.accessRequests).
    filter: ({ payload, context }) => {
      const change = payload as AccessRequestChange;
      return canSeeAccessRequest((context as DatasetsContext).viewer, { ...change, submittedAt: change.submittedAt ? new Date(change.submittedAt) : null });
    },
    description:
      'The access requests the viewer may see (as accessRequests, same arguments), sent again whenever one of them is created or moves. Through the gateway: over Server-Sent Events or graphql-ws.',
  })
  async myAccessRequests(@Args() args: AccessRequestsArgs, @Ctx() context: DatasetsContext): Promise<AccessRequestConnection> {
    return new AccessRequestService(context.dataSource).list(context.viewer, args.filter, args);
  }

  @FieldResolver(() => AccessRequest, { description: 'The access request, read at the time of the event.' })
  accessRequest(@Root() state: AccessRequestState, @Ctx() context: DatasetsContext): Promise<AccessRequest> {
    // Read now, not through the request's loaders: a subscription's context lives as long as its stream.
    return new AccessRequestService(context.dataSource).getForSubscriber(context.viewer, state.id);
  }
}

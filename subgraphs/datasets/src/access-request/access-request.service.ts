import {
  BadUserInputError,
  ConflictError,
  type Connection,
  ForbiddenError,
  hasRole,
  InvalidStateTransitionError,
  newId,
  NotFoundError,
  paginate,
  requireViewer,
  Role,
  runTransaction,
  type Viewer,
} from '@ecosystem/shared';
import { type DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { Dataset } from '../dataset/dataset.entity';
import { AccessRights } from '../dataset/dataset.enums';
import { publishAccessRequestChange } from '../common/pub-sub';
import { AccessRequestDataset } from './access-request-dataset.entity';
import { AccessRequest } from './access-request.entity';
import { AccessRequestActor, AccessRequestStatus as S } from './access-request.enums';
import {
  type AccessRequestFilter,
  type CreateAccessRequestInput,
  type TransitionAccessRequestInput,
} from './access-request.inputs';
import { DECISION_STATUSES, findTransition } from './access-request.machine';
import { canSeeAccessRequest, isRequesterOf, isStewardOf } from './access-request.policy';
import { StatusChange } from './status-change.entity';

/** Base of the public HDH project register where decisions are listed. */
export const PUBLIC_REPERTOIRE_BASE = 'https://www.health-data-hub.fr/projets/';

/**
 * The access request workflow: who may see and move a request, and the optimistic lock that makes
 * each transition apply at most once however many callers race for it.
 */
export class AccessRequestService {
  constructor(private readonly dataSource: DataSource) {}

  /** Restricts a query over `access_request ar` to what the viewer may see. */
  private visible(query: SelectQueryBuilder<AccessRequest>, viewer: Viewer): void {
    if (hasRole(viewer, Role.ADMIN)) return;
    if (!viewer.org) {
      query.andWhere('1 = 0');
      return;
    }
    if (viewer.roles.includes(Role.DATA_STEWARD)) {
      query.andWhere('(ar.requesterId = :vOrg OR (ar.publisherId = :vOrg AND ar.submittedAt IS NOT NULL))', {
        vOrg: viewer.org,
      });
    } else {
      query.andWhere('ar.requesterId = :vOrg', { vOrg: viewer.org });
    }
  }

  async list(
    viewer: Viewer | null,
    filter: AccessRequestFilter | null | undefined,
    page: { first?: number | null; after?: string | null },
  ): Promise<Connection<AccessRequest>> {
    const who = requireViewer(viewer);
    const query = this.dataSource.getRepository(AccessRequest).createQueryBuilder('ar');
    this.visible(query, who);
    if (filter?.status?.length) query.andWhere('ar.status IN (:...fStatus)', { fStatus: filter.status });
    if (filter?.requesterId) query.andWhere('ar.requesterId = :fRequester', { fRequester: filter.requesterId });
    if (filter?.publisherId) query.andWhere('ar.publisherId = :fPublisher', { fPublisher: filter.publisherId });
    if (filter?.datasetId) {
      const sub = this.dataSource
        .getRepository(AccessRequestDataset)
        .createQueryBuilder('ard')
        .select('1')
        .where('ard.accessRequestId = ar.id')
        .andWhere('ard.datasetId = :fDataset');
      query.andWhere(`EXISTS (${sub.getQuery()})`, { fDataset: filter.datasetId });
    }
    return paginate(query, 'ar', { column: 'ar.id', valueOf: (r) => r.id }, page);
  }

  /** A request the viewer may see, read fresh from the database; NOT_FOUND otherwise (no leak). */
  async get(viewer: Viewer | null, id: string): Promise<AccessRequest> {
    const who = requireViewer(viewer);
    const request = await this.dataSource.getRepository(AccessRequest).findOneBy({ id });
    if (!request || !canSeeAccessRequest(who, request)) throw new NotFoundError('AccessRequest', id);
    return request;
  }

  /**
   * The same read for a subscriber, on every event: FORBIDDEN when the viewer may not see the request
   * now (or it does not exist: the same answer, no leak), which ends the stream.
   */
  async getForSubscriber(viewer: Viewer | null, id: string): Promise<AccessRequest> {
    try {
      return await this.get(viewer, id);
    } catch (error) {
      if (error instanceof NotFoundError) throw new ForbiddenError('You may not see this access request (or it does not exist)');
      throw error;
    }
  }

  /** Drafts a request for the viewer's organisation. Every rule is checked before the one transaction. */
  async create(viewer: Viewer | null, input: CreateAccessRequestInput): Promise<AccessRequest> {
    const who = requireViewer(viewer);
    if (!who.org) throw new ForbiddenError('Act for an organisation to request data access');
    const datasets = await this.dataSource.getRepository(Dataset).findBy({ id: In(input.datasetIds) });
    const missing = input.datasetIds.filter((id) => !datasets.some((d) => d.id === id));
    if (missing.length) throw new BadUserInputError(`Unknown dataset ${missing[0]}`, 'input.datasetIds');
    if (datasets.some((d) => d.accessRights === AccessRights.PUBLIC)) {
      throw new BadUserInputError('Public datasets need no access request', 'input.datasetIds');
    }
    const publishers = new Set(datasets.map((d) => d.publisherId));
    if (publishers.size > 1) {
      throw new BadUserInputError('All datasets of a request must have the same publisher', 'input.datasetIds');
    }
    const now = new Date();
    const request = this.dataSource.getRepository(AccessRequest).create({
      id: newId(),
      requesterId: who.org,
      publisherId: [...publishers][0] as string,
      principalInvestigatorId: input.principalInvestigatorId ?? who.sub,
      createdById: who.sub,
      purpose: input.purpose.trim(),
      publicInterest: input.publicInterest ?? null,
      methodology: input.methodology ?? null,
      referenceMethodology: input.referenceMethodology ?? null,
      status: S.DRAFT,
      version: 1,
      cesreesOpinion: null,
      cnilDecisionRef: null,
      submittedAt: null,
      decidedAt: null,
      projectId: input.projectId ?? null,
      publicRepertoireUrl: null,
      createdAt: now,
      updatedAt: now,
    });
    await runTransaction(this.dataSource, async (manager) => {
      await manager.insert(AccessRequest, request);
      await manager.insert(
        AccessRequestDataset,
        input.datasetIds.map((datasetId) => ({ accessRequestId: request.id, datasetId })),
      );
      await manager.insert(StatusChange, {
        id: newId(),
        accessRequestId: request.id,
        fromStatus: null,
        toStatus: S.DRAFT,
        byPersonId: who.sub,
        byOrganizationId: who.org,
        at: now,
        note: null,
      });
    });
    publishAccessRequestChange(request);
    return request;
  }

  /**
   * Moves a request along the state machine. Order of checks: visible (else NOT_FOUND), legal
   * (else INVALID_STATE_TRANSITION), allowed for the viewer's side (else FORBIDDEN), expected
   * version (else CONFLICT), required fields (else BAD_USER_INPUT); then one transaction whose
   * UPDATE applies only if status and version are still those read, so that of two concurrent
   * transitions exactly one applies and the other gets CONFLICT with nothing written.
   */
  async transition(viewer: Viewer | null, input: TransitionAccessRequestInput): Promise<AccessRequest> {
    const who = requireViewer(viewer);
    const request = await this.get(who, input.id);
    const from = request.status;
    const transition = findTransition(from, input.to);
    if (!transition) throw new InvalidStateTransitionError('AccessRequest', from, input.to);
    const allowed =
      transition.by === AccessRequestActor.REQUESTER ? isRequesterOf(who, request) : isStewardOf(who, request.publisherId);
    if (!allowed) {
      throw new ForbiddenError(
        transition.by === AccessRequestActor.REQUESTER
          ? `Only the requesting organisation may move a request to ${input.to}`
          : `Only a data steward of the publisher may move a request to ${input.to}`,
      );
    }
    if (input.expectedVersion != null && input.expectedVersion !== request.version) {
      throw new ConflictError(
        `The request changed since version ${input.expectedVersion} (now ${request.version}, ${from})`,
        'input.expectedVersion',
      );
    }
    const cesreesDecision = input.to === S.CESREES_FAVOURABLE || input.to === S.CESREES_UNFAVOURABLE;
    if (cesreesDecision && !input.cesreesOpinion?.trim()) {
      throw new BadUserInputError('The CESREES opinion is required', 'input.cesreesOpinion');
    }
    if (!cesreesDecision && input.cesreesOpinion) {
      throw new BadUserInputError('A CESREES opinion goes only with a CESREES decision', 'input.cesreesOpinion');
    }
    const cnilDecision = from === S.CNIL_REVIEW && (input.to === S.AUTHORISED || input.to === S.REFUSED);
    if (cnilDecision && !input.cnilDecisionRef?.trim()) {
      throw new BadUserInputError('The CNIL decision reference is required', 'input.cnilDecisionRef');
    }
    if (!cnilDecision && input.cnilDecisionRef) {
      throw new BadUserInputError('A CNIL decision reference goes only with a CNIL decision', 'input.cnilDecisionRef');
    }
    if (input.to === S.INCOMPLETE && !input.note?.trim()) {
      throw new BadUserInputError('Say what is missing', 'input.note');
    }

    const now = new Date();
    const changes: Partial<AccessRequest> = { status: input.to, updatedAt: now };
    if (input.to === S.SUBMITTED && !request.submittedAt) changes.submittedAt = now;
    if (DECISION_STATUSES.includes(input.to)) changes.decidedAt = now;
    if (cesreesDecision) changes.cesreesOpinion = input.cesreesOpinion?.trim() ?? null;
    if (cnilDecision) changes.cnilDecisionRef = input.cnilDecisionRef?.trim() ?? null;
    if (input.to === S.AUTHORISED) changes.publicRepertoireUrl = `${PUBLIC_REPERTOIRE_BASE}${request.id}`;

    await runTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(AccessRequest)
        .set({ ...changes, version: () => 'version + 1' })
        .where('id = :id AND version = :version AND status = :from', { id: request.id, version: request.version, from })
        .execute();
      if (result.affected !== 1) {
        throw new ConflictError(
          `The request was changed by someone else meanwhile; reload it (it was ${from}, version ${request.version})`,
          'input.id',
        );
      }
      await manager.insert(StatusChange, {
        id: newId(),
        accessRequestId: request.id,
        fromStatus: from,
        toStatus: input.to,
        byPersonId: who.sub,
        byOrganizationId: who.org ?? null,
        at: now,
        note: input.note?.trim() || null,
      });
    });
    const moved = await this.dataSource.getRepository(AccessRequest).findOneByOrFail({ id: request.id });
    publishAccessRequestChange(moved);
    return moved;
  }
}

import { authorizeMutation, BadUserInputError, ConflictError, ForbiddenError, hasRole, InvalidStateTransitionError, newId, NotFoundError, Role, type Viewer, isUniqueViolation, supportsLockingReads } from '@ecosystem/shared';
import { inTransaction } from '../common/transaction';
import { type DataSource, type EntityManager, In } from 'typeorm';
import { Format, PublicationStatus } from '../catalogue/catalogue.enums';
import { Module } from '../module/module.entity';
import { PathStep } from '../path/path-step.entity';
import { CourseSession } from '../session/session.entity';
import { EnrolmentStatus, OPEN_STATUSES, SEAT_STATUSES } from './enrolment.enums';
import { Enrolment } from './enrolment.entity';
import { type CompleteEnrolmentInput, type EnrolInput, type RecordProgressInput } from './enrolment.inputs';
import { canActFor, managesEmployer } from './enrolment.policy';

/** Score from which an assessed enrolment is PASSED. */
export const PASS_MARK = 50;

/**
 * Enrolments: capacity, waiting lists and the status lifecycle. Seats are taken and given back
 * with conditional UPDATEs on the session row, which also serialise concurrent writers of one
 * session on MySQL; "one open enrolment per person and module" is a unique index.
 */
export class EnrolmentService {
  constructor(private readonly dataSource: DataSource) {}

  async enrol(viewer: Viewer, input: EnrolInput): Promise<Enrolment> {
    if (!input.sessionId && !input.moduleId) {
      throw new BadUserInputError('Give a sessionId or a moduleId', 'input.sessionId');
    }
    const learnerId = input.learnerId ?? viewer.sub;
    const employerId = input.employerId ?? (viewer.org ?? null);
    await this.assertCanEnrol(viewer, learnerId, employerId);
    let session: CourseSession | null = null;
    if (input.sessionId) {
      session = await this.dataSource.getRepository(CourseSession).findOneBy({ id: input.sessionId });
      if (!session) throw new BadUserInputError(`Session ${input.sessionId} was not found`, 'input.sessionId');
      if (input.moduleId && input.moduleId !== session.moduleId) {
        throw new BadUserInputError('The session is not a session of this module', 'input.moduleId');
      }
      if (session.startsAt.getTime() <= Date.now()) {
        throw new BadUserInputError('The session has already started', 'input.sessionId');
      }
    }
    const moduleId = session?.moduleId ?? (input.moduleId as string);
    const module = await this.dataSource.getRepository(Module).findOneBy({ id: moduleId });
    if (!module || module.status !== PublicationStatus.PUBLISHED) {
      throw new BadUserInputError(`Module ${moduleId} is not open to enrolment`, 'input.moduleId');
    }
    if (!session && !module.formats.includes(Format.E_LEARNING)) {
      throw new BadUserInputError('This module is taught in sessions only: give a sessionId', 'input.sessionId');
    }
    if (input.pathId) {
      const step = await this.dataSource.getRepository(PathStep).findOneBy({ pathId: input.pathId, moduleId });
      if (!step) throw new BadUserInputError('The module is not a step of this learning path', 'input.pathId');
    }
    const open = await this.dataSource
      .getRepository(Enrolment)
      .findOneBy({ learnerId, moduleId, status: In([...OPEN_STATUSES]) });
    if (open) throw new ConflictError('The person already has an open enrolment in this module', 'input.moduleId');

    try {
      return await inTransaction(this.dataSource, async (manager) => {
        let status = EnrolmentStatus.ENROLLED;
        if (session && session.capacity !== null) {
          const taken = await manager
            .createQueryBuilder()
            .update(CourseSession)
            .set({ seatsTaken: () => 'seatsTaken + 1' })
            .where('id = :id AND seatsTaken < capacity', { id: session.id })
            .execute();
          if (!taken.affected) status = EnrolmentStatus.WAITLISTED;
        }
        const enrolment = manager.create(Enrolment, {
          id: newId(),
          learnerId,
          employerId,
          moduleId,
          openModuleId: moduleId,
          pathId: input.pathId ?? null,
          sessionId: session?.id ?? null,
          status,
          progress: null,
          score: null,
          satisfaction: null,
          enrolledAt: new Date(),
          completedAt: null,
          credentialUrl: null,
        });
        await manager.insert(Enrolment, enrolment);
        return enrolment;
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError('The person already has an open enrolment in this module', 'input.moduleId');
      }
      throw error;
    }
  }

  /**
   * Learners enrol themselves, with their own organisation (or none) as employer; a training
   * manager enrols someone else for their own organisation only, and only a person that training
   * already knows as a learner of that organisation (who enrolled as its employee before, or whom an
   * admin enrolled for it): training does not hold affiliations, so it relies on what it recorded.
   */
  private async assertCanEnrol(viewer: Viewer, learnerId: string, employerId: string | null): Promise<void> {
    if (hasRole(viewer, Role.ADMIN)) return;
    if (learnerId === viewer.sub) {
      if (employerId !== null && employerId !== viewer.org) {
        throw new ForbiddenError('You may enrol yourself only with the organisation you act for as employer');
      }
      return;
    }
    const known =
      employerId !== null &&
      (await this.dataSource.getRepository(Enrolment).existsBy({ learnerId, employerId }));
    authorizeMutation(
      viewer,
      'enrol',
      { orgIds: known ? [employerId] : [] },
      'Only the learner, the training managers of an employer the learner already trains with, and admins can enrol them',
    );
  }

  /** Withdraws an open enrolment; a seat it held goes to the first of the waiting list, if any. */
  async withdraw(viewer: Viewer, enrolmentId: string): Promise<Enrolment> {
    const before = await this.load(enrolmentId);
    if (!canActFor(viewer, before.learnerId, before.employerId)) {
      throw new ForbiddenError('Only the learner, their employer’s training managers and admins can withdraw them');
    }
    if (!OPEN_STATUSES.includes(before.status)) {
      throw new InvalidStateTransitionError('Enrolment', before.status, EnrolmentStatus.WITHDRAWN);
    }
    await inTransaction(this.dataSource, async (manager) => {
      if (before.sessionId) await this.lockSession(manager, before.sessionId);
      const withdrawn = await manager
        .createQueryBuilder()
        .update(Enrolment)
        .set({ status: EnrolmentStatus.WITHDRAWN, openModuleId: null })
        .where('id = :id AND status = :status', { id: enrolmentId, status: before.status })
        .execute();
      if (!withdrawn.affected) {
        // Changed since we read it (promoted, completed...): let the caller retry on fresh data.
        throw new ConflictError('The enrolment changed meanwhile; try again', 'enrolmentId');
      }
      if (before.sessionId && SEAT_STATUSES.includes(before.status)) {
        await this.giveSeatToWaitingList(manager, before.sessionId);
      }
    });
    return this.load(enrolmentId);
  }

  async recordProgress(viewer: Viewer, input: RecordProgressInput): Promise<Enrolment> {
    const before = await this.load(input.enrolmentId);
    if (!canActFor(viewer, before.learnerId, before.employerId)) {
      throw new ForbiddenError('Only the learner, their employer’s training managers and admins can record progress');
    }
    const result = await inTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(Enrolment)
        .set({ progress: input.progress, status: EnrolmentStatus.IN_PROGRESS })
        .where('id = :id AND status IN (:...statuses)', {
          id: input.enrolmentId,
          statuses: [EnrolmentStatus.ENROLLED, EnrolmentStatus.IN_PROGRESS],
        })
        .execute(),
    );
    if (!result.affected) throw new InvalidStateTransitionError('Enrolment', before.status, EnrolmentStatus.IN_PROGRESS);
    return this.load(input.enrolmentId);
  }

  /** Ends an enrolment: PASSED or FAILED with a score, COMPLETED without. Training managers and admins only. */
  async complete(viewer: Viewer, input: CompleteEnrolmentInput): Promise<Enrolment> {
    const before = await this.load(input.enrolmentId);
    if (!managesEmployer(viewer, before.employerId)) {
      throw new ForbiddenError('Only the employer’s training managers and admins can complete an enrolment');
    }
    const score = input.score ?? null;
    const status =
      score === null ? EnrolmentStatus.COMPLETED : score >= PASS_MARK ? EnrolmentStatus.PASSED : EnrolmentStatus.FAILED;
    const module = await this.dataSource.getRepository(Module).findOneByOrFail({ id: before.moduleId });
    const credentialUrl =
      status !== EnrolmentStatus.FAILED && module.credential
        ? `https://academie-digital-sante.example/credentials/${before.id}`
        : null;
    const result = await inTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(Enrolment)
        .set({
          status,
          score,
          satisfaction: input.satisfaction ?? null,
          progress: status === EnrolmentStatus.FAILED ? before.progress : 1,
          completedAt: new Date(),
          credentialUrl,
          openModuleId: null,
        })
        .where('id = :id AND status IN (:...statuses)', {
          id: input.enrolmentId,
          statuses: [EnrolmentStatus.ENROLLED, EnrolmentStatus.IN_PROGRESS],
        })
        .execute(),
    );
    if (!result.affected) throw new InvalidStateTransitionError('Enrolment', before.status, status);
    return this.load(input.enrolmentId);
  }

  private async load(id: string): Promise<Enrolment> {
    const enrolment = await this.dataSource.getRepository(Enrolment).findOneBy({ id });
    if (!enrolment) throw new NotFoundError('Enrolment', id);
    return enrolment;
  }

  /** Serialises the writers of one session on MySQL (the embedded database has one writer anyway). */
  private async lockSession(manager: EntityManager, sessionId: string): Promise<void> {
    if (!supportsLockingReads(this.dataSource)) return;
    await manager
      .getRepository(CourseSession)
      .createQueryBuilder('s')
      .select('s.id')
      .where('s.id = :sessionId', { sessionId })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Promotes the oldest waiting enrolment into the freed seat, or frees the seat when nobody waits. */
  private async giveSeatToWaitingList(manager: EntityManager, sessionId: string): Promise<void> {
    const first = await manager
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .where('e.sessionId = :sessionId AND e.status = :waiting', { sessionId, waiting: EnrolmentStatus.WAITLISTED })
      .orderBy('e.enrolledAt', 'ASC')
      .addOrderBy('e.id', 'ASC')
      .limit(1)
      .getOne();
    if (first) {
      await manager
        .createQueryBuilder()
        .update(Enrolment)
        .set({ status: EnrolmentStatus.ENROLLED })
        .where('id = :id AND status = :waiting', { id: first.id, waiting: EnrolmentStatus.WAITLISTED })
        .execute();
      return;
    }
    await manager
      .createQueryBuilder()
      .update(CourseSession)
      .set({ seatsTaken: () => 'seatsTaken - 1' })
      .where('id = :id AND seatsTaken > 0', { id: sessionId })
      .execute();
  }
}

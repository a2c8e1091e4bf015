import { registerEnumType } from 'type-graphql';

/**
 * Lifecycle of an enrolment. WAITLISTED is ours (DOMAIN.md has no waiting list state): a session
 * that is full takes further enrolments on its waiting list, promoted in order on withdrawals.
 */
export enum EnrolmentStatus {
  WAITLISTED = 'WAITLISTED',
  ENROLLED = 'ENROLLED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  PASSED = 'PASSED',
  FAILED = 'FAILED',
  WITHDRAWN = 'WITHDRAWN',
}

/** Statuses in which an enrolment is still open (at most one per person and module). */
export const OPEN_STATUSES: readonly EnrolmentStatus[] = [
  EnrolmentStatus.WAITLISTED,
  EnrolmentStatus.ENROLLED,
  EnrolmentStatus.IN_PROGRESS,
];

/** Statuses that hold a seat of the session (`course_session.seatsTaken` counts them). */
export const SEAT_STATUSES: readonly EnrolmentStatus[] = [
  EnrolmentStatus.ENROLLED,
  EnrolmentStatus.IN_PROGRESS,
  EnrolmentStatus.COMPLETED,
  EnrolmentStatus.PASSED,
  EnrolmentStatus.FAILED,
];

/** Statuses that count as a completion (the module's competencies are acquired). */
export const COMPLETED_STATUSES: readonly EnrolmentStatus[] = [EnrolmentStatus.COMPLETED, EnrolmentStatus.PASSED];

registerEnumType(EnrolmentStatus, {
  name: 'EnrolmentStatus',
  description: 'Where an enrolment stands.',
  valuesConfig: {
    WAITLISTED: { description: 'On the waiting list of a full session; promoted in order when a seat frees up.' },
    ENROLLED: { description: 'Confirmed, holds a seat; not started yet.' },
    IN_PROGRESS: { description: 'Started; progress is being recorded.' },
    COMPLETED: { description: 'Finished, with no assessment.' },
    PASSED: { description: 'Finished and passed the assessment.' },
    FAILED: { description: 'Finished and failed the assessment.' },
    WITHDRAWN: { description: 'Withdrawn by the learner or their training manager.' },
  },
});

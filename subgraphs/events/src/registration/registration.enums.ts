import { registerEnumType } from 'type-graphql';

export enum RegistrationStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  WAITLISTED = 'WAITLISTED',
  CANCELLED = 'CANCELLED',
  ATTENDED = 'ATTENDED',
  NO_SHOW = 'NO_SHOW',
}

/** Statuses that hold a seat. */
export const SEAT_HOLDING: readonly RegistrationStatus[] = [
  RegistrationStatus.CONFIRMED,
  RegistrationStatus.ATTENDED,
  RegistrationStatus.NO_SHOW,
];

registerEnumType(RegistrationStatus, {
  name: 'RegistrationStatus',
  description: 'Where a registration stands.',
  valuesConfig: {
    PENDING: { description: 'Awaiting approval by the organisers.' },
    CONFIRMED: { description: 'Holds a seat.' },
    WAITLISTED: { description: 'On the waiting list, in arrival order; promoted when a seat frees up.' },
    CANCELLED: { description: 'Cancelled by the person or the organisers.' },
    ATTENDED: { description: 'Checked in at the event.' },
    NO_SHOW: { description: 'Held a seat but did not come.' },
  },
});

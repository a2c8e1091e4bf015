import { AppError, authorizeMutation, authorizeReference, BadUserInputError, ErrorCode, ForbiddenError, hasRole, InvalidStateTransitionError, newId, requireViewer, Role, type Viewer, runTransaction, isUniqueViolation } from '@ecosystem/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import { canOrganise, MembersOnlyError, notFound } from '../common/authorization';
import { EventOrganizer } from '../event/event-organizer.entity';
import { Event } from '../event/event.entity';
import { AttendanceMode, EventStatus } from '../event/event.enums';
import { type RegisterInput } from './registration.inputs';
import { Registration } from './registration.entity';
import { RegistrationStatus } from './registration.enums';

function refusal(message: string, reason: string, field = 'input.eventId'): AppError {
  return new AppError(ErrorCode.CONFLICT, message, { field, reason });
}

/**
 * Registrations with a capacity that holds under concurrency. Every change to an event's
 * registrations starts by updating the event row (`registrationTicket = registrationTicket + 1`):
 * on MySQL that row lock serialises them until commit, so the ticket is the arrival order, seats are
 * counted exactly, and the waitlist is served in ticket order. Reads that follow the lock see every
 * earlier commit (the snapshot is taken after it).
 */
export class RegistrationService {
  constructor(private readonly dataSource: DataSource) {}

  private async organizerIds(eventId: string): Promise<string[]> {
    return (await this.dataSource.getRepository(EventOrganizer).findBy({ eventId })).map((o) => o.organizationId);
  }

  /** Who may see or change a registration: the person, admins, organisers of the event. */
  async canManage(viewer: Viewer | null, registration: Registration): Promise<boolean> {
    if (!viewer) return false;
    if (viewer.sub === registration.personId || hasRole(viewer, Role.ADMIN)) return true;
    return canOrganise(viewer, await this.organizerIds(registration.eventId));
  }

  async register(input: RegisterInput, viewer: Viewer | null, now = new Date()): Promise<Registration> {
    const who = requireViewer(viewer);
    const personId = input.personId ?? who.sub;
    const event = await this.dataSource.getRepository(Event).findOneBy({ id: input.eventId });
    if (!event) throw notFound('Event', input.eventId, 'input.eventId');
    const forSomeoneElse = personId !== who.sub;
    // Registering binds the person (their name on the list, their calendar): only they, or an admin, may.
    authorizeMutation(who, 'register', { personId }, 'Only the person themself (or an admin) may register them');
    if (input.organizationId) {
      authorizeReference(who, 'register', 'input.organizationId', { orgIds: [input.organizationId] },
        'A registration can only be made on behalf of an organisation the viewer acts for');
    }
    if (event.status === EventStatus.CANCELLED) throw refusal('This event is cancelled', 'EVENT_CANCELLED');
    if (event.registrationOpensAt && event.registrationOpensAt > now) {
      throw refusal('Registrations are not open yet', 'REGISTRATION_NOT_OPEN');
    }
    const closesAt = event.registrationClosesAt ?? event.start;
    if (closesAt <= now) throw refusal('Registrations are closed', 'REGISTRATION_CLOSED');
    if (event.membersOnly && !forSomeoneElse && !hasRole(who, Role.MEMBER)) throw new MembersOnlyError(event.id);
    let mode: AttendanceMode | null = null;
    if (input.mode) {
      if (event.attendanceMode === AttendanceMode.MIXED ? input.mode === AttendanceMode.MIXED : input.mode !== event.attendanceMode) {
        throw new BadUserInputError('This attendance mode is not offered by the event', 'input.mode');
      }
      mode = input.mode;
    } else if (event.attendanceMode !== AttendanceMode.MIXED) {
      mode = event.attendanceMode;
    }
    const repo = this.dataSource.getRepository(Registration);
    const existing = await repo.findOneBy({ eventId: event.id, personId });
    const alreadyRegistered = (): AppError => refusal('This person is already registered for this event', 'ALREADY_REGISTERED');
    if (existing && existing.status !== RegistrationStatus.CANCELLED) throw alreadyRegistered();

    return runTransaction(this.dataSource, async (manager) => {
      await manager
        .createQueryBuilder()
        .update(Event)
        .set({ registrationTicket: () => 'registrationTicket + 1' })
        .where('id = :id', { id: event.id })
        .execute();
      const locked = await manager.getRepository(Event).findOneByOrFail({ id: event.id });
      const current = await manager.getRepository(Registration).findOneBy({ eventId: event.id, personId });
      if (current && current.status !== RegistrationStatus.CANCELLED) throw alreadyRegistered();
      let status = RegistrationStatus.WAITLISTED;
      if (locked.maxCapacity === null || locked.seatsTaken < locked.maxCapacity) {
        const taken = await manager
          .createQueryBuilder()
          .update(Event)
          .set({ seatsTaken: () => 'seatsTaken + 1' })
          .where('id = :id AND (maxCapacity IS NULL OR seatsTaken < maxCapacity)', { id: event.id })
          .execute();
        if (taken.affected === 1) status = RegistrationStatus.CONFIRMED;
      }
      const registration = Object.assign(current ?? new Registration(), {
        id: current?.id ?? newId(),
        eventId: event.id,
        personId,
        organizationId: input.organizationId ?? (forSomeoneElse ? null : (who.org ?? null)),
        status,
        mode,
        registeredAt: new Date(),
        ticket: locked.registrationTicket,
        checkedInAt: null,
        cancelledAt: null,
      });
      try {
        if (current) await manager.save(Registration, registration);
        else await manager.insert(Registration, registration);
      } catch (error) {
        if (isUniqueViolation(error)) throw alreadyRegistered();
        throw error;
      }
      return registration;
    });
  }

  /** Cancels a registration; a freed seat goes to the first waiting registration (lowest ticket). */
  async cancel(id: string, viewer: Viewer | null, now = new Date()): Promise<Registration> {
    requireViewer(viewer);
    const registration = await this.dataSource.getRepository(Registration).findOneBy({ id });
    if (!registration) throw notFound('Registration', id, 'id');
    if (!(await this.canManage(viewer, registration))) throw new ForbiddenError('Not your registration');
    const cancellable = [RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING];
    if (!cancellable.includes(registration.status)) {
      throw new InvalidStateTransitionError('Registration', registration.status, RegistrationStatus.CANCELLED);
    }
    return runTransaction(this.dataSource, async (manager) => {
      await this.lockEvent(manager, registration.eventId);
      const current = await manager.getRepository(Registration).findOneByOrFail({ id });
      if (!cancellable.includes(current.status)) {
        throw new InvalidStateTransitionError('Registration', current.status, RegistrationStatus.CANCELLED);
      }
      await manager.update(Registration, { id, status: current.status }, { status: RegistrationStatus.CANCELLED, cancelledAt: now });
      if (current.status === RegistrationStatus.CONFIRMED) {
        const next = await manager.getRepository(Registration).findOne({
          where: { eventId: current.eventId, status: RegistrationStatus.WAITLISTED },
          order: { ticket: 'ASC' },
        });
        if (next) {
          await manager.update(Registration, { id: next.id, status: RegistrationStatus.WAITLISTED }, { status: RegistrationStatus.CONFIRMED });
        } else {
          await manager
            .createQueryBuilder()
            .update(Event)
            .set({ seatsTaken: () => 'seatsTaken - 1' })
            .where('id = :id AND seatsTaken > 0', { id: current.eventId })
            .execute();
        }
      }
      return Object.assign(current, { status: RegistrationStatus.CANCELLED, cancelledAt: now });
    });
  }

  /** Checks a confirmed registration in (ATTENDED). Organisers of the event and admins only. */
  async checkIn(id: string, viewer: Viewer | null, now = new Date()): Promise<Registration> {
    requireViewer(viewer);
    const registration = await this.dataSource.getRepository(Registration).findOneBy({ id });
    if (!registration) throw notFound('Registration', id, 'id');
    if (!canOrganise(viewer, await this.organizerIds(registration.eventId))) {
      throw new ForbiddenError('Only organisers of the event may check people in');
    }
    if (registration.status !== RegistrationStatus.CONFIRMED) {
      throw new InvalidStateTransitionError('Registration', registration.status, RegistrationStatus.ATTENDED);
    }
    return runTransaction(this.dataSource, async (manager) => {
      const result = await manager.update(
        Registration,
        { id, status: RegistrationStatus.CONFIRMED },
        { status: RegistrationStatus.ATTENDED, checkedInAt: now },
      );
      if (result.affected === 0) {
        const current = await manager.getRepository(Registration).findOneByOrFail({ id });
        throw new InvalidStateTransitionError('Registration', current.status, RegistrationStatus.ATTENDED);
      }
      return Object.assign(registration, { status: RegistrationStatus.ATTENDED, checkedInAt: now });
    });
  }

  /** Takes the event row's lock (a no-op UPDATE still locks the row on InnoDB). */
  private async lockEvent(manager: EntityManager, eventId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Event)
      .set({ registrationTicket: () => 'registrationTicket' })
      .where('id = :id', { id: eventId })
      .execute();
  }
}

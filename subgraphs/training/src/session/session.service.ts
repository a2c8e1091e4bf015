import { authorizeMutation, BadUserInputError, newId, type Viewer } from '@ecosystem/shared';
import { academyOperatorId } from '../common/authorization';
import { inTransaction } from '../common/transaction';
import { type DataSource } from 'typeorm';
import { Format, PublicationStatus } from '../catalogue/catalogue.enums';
import { ModuleProvider } from '../module/module-provider.entity';
import { Module } from '../module/module.entity';
import { CourseSession } from './session.entity';
import { type ScheduleSessionInput } from './session.inputs';

const YEAR_MS = 366 * 24 * 3600 * 1000;

/** Scheduling sessions: every rule is checked before the single insert. */
export class SessionService {
  constructor(private readonly dataSource: DataSource) {}

  async schedule(viewer: Viewer | null, input: ScheduleSessionInput): Promise<CourseSession> {
    authorizeMutation(viewer, 'scheduleSession', { orgIds: [input.providerId, academyOperatorId()] },
      'Only training managers of the session’s provider (or of the academy, or admins) may schedule it');
    const module = await this.dataSource.getRepository(Module).findOneBy({ id: input.moduleId });
    if (!module) throw new BadUserInputError(`Module ${input.moduleId} was not found`, 'input.moduleId');
    if (module.status !== PublicationStatus.PUBLISHED) {
      throw new BadUserInputError('Only published modules can be scheduled', 'input.moduleId');
    }
    if (!module.formats.includes(input.courseMode)) {
      throw new BadUserInputError(`The module is not offered as ${input.courseMode}`, 'input.courseMode');
    }
    if (input.startsAt.getTime() <= Date.now()) throw new BadUserInputError('The session must start in the future', 'input.startsAt');
    if (input.endsAt.getTime() <= input.startsAt.getTime()) {
      throw new BadUserInputError('The session must end after it starts', 'input.endsAt');
    }
    if (input.endsAt.getTime() - input.startsAt.getTime() > YEAR_MS) {
      throw new BadUserInputError('A session lasts at most a year', 'input.endsAt');
    }
    const inRoom = input.courseMode === Format.IN_PERSON || input.courseMode === Format.BLENDED;
    if (inRoom && !input.place?.city) throw new BadUserInputError('An in-person session needs a place with a city', 'input.place');
    if (!inRoom && !input.virtualUrl) throw new BadUserInputError('An online session needs a virtualUrl', 'input.virtualUrl');
    if (input.courseMode !== Format.E_LEARNING && !input.capacity) {
      throw new BadUserInputError('Only self-paced e-learning sessions may have unlimited seats', 'input.capacity');
    }
    const provides = await this.dataSource
      .getRepository(ModuleProvider)
      .existsBy({ moduleId: module.id, organizationId: input.providerId });
    if (!provides) throw new BadUserInputError('The provider does not deliver this module', 'input.providerId');

    const session = this.dataSource.getRepository(CourseSession).create({
      id: newId(),
      moduleId: module.id,
      courseMode: input.courseMode,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      placeStreet: input.place?.street ?? null,
      placePostalCode: input.place?.postalCode ?? null,
      placeCity: input.place?.city ?? null,
      placeRegion: input.place?.region ?? null,
      placeCountry: input.place ? input.place.country : null,
      virtualUrl: input.virtualUrl ?? null,
      instructorIds: [...new Set(input.instructorIds ?? [])],
      providerId: input.providerId,
      capacity: input.capacity ?? null,
      seatsTaken: 0,
      eventId: input.eventId ?? null,
      createdAt: new Date(),
    });
    await inTransaction(this.dataSource, (manager) => manager.insert(CourseSession, session));
    return session;
  }
}

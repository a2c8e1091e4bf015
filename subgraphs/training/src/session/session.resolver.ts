import { NotFoundError, Role } from '@ecosystem/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { type TrainingContext } from '../context';
import { Module } from '../module/module.entity';
import { Organization, organizationStub } from '../organization/organization.stub';
import { Event } from '../event/event.stub';
import { Person, personStub } from '../person/person.stub';
import { CourseSession } from './course-session.entity';
import { ScheduleSessionArgs } from './session.inputs';
import { SessionService } from './session.service';

@Resolver(() => CourseSession)
export class CourseSessionResolver {
  @Query(() => CourseSession, { nullable: true, description: 'One session by id.' })
  async courseSession(
    @Arg('id', () => ID, { description: 'Session id.' }) id: string,
    @Ctx() context: TrainingContext,
  ): Promise<CourseSession | null> {
    return context.loaders.sessionById.load(id);
  }

  @FieldResolver(() => Module, { description: 'The module this is a session of.' })
  async module(@Root() session: CourseSession, @Ctx() context: TrainingContext): Promise<Module> {
    const module = await context.loaders.moduleById.load(session.moduleId);
    if (!module) throw new NotFoundError('Module', session.moduleId);
    return module;
  }

  @FieldResolver(() => [Person], { nullable: true, description: 'Instructors of the session.' })
  instructors(@Root() session: CourseSession): Person[] {
    return session.instructorIds.map(personStub);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The training partner delivering the session.' })
  provider(@Root() session: CourseSession): Organization {
    return organizationStub(session.providerId);
  }

  @FieldResolver(() => Event, { nullable: true, description: 'The event publishing the session, if any.' })
  event(@Root() session: CourseSession): Event | null {
    return session.eventId ? { id: session.eventId } : null;
  }

  @Authorized(Role.TRAINING_MANAGER)
  @Mutation(() => CourseSession, { description: 'Schedules a session of a published module (training managers of its provider, or of the academy).' })
  async scheduleSession(
    @Args() { input }: ScheduleSessionArgs,
    @Ctx() context: TrainingContext,
  ): Promise<CourseSession> {
    return new SessionService(context.dataSource).schedule(context.viewer, input);
  }
}

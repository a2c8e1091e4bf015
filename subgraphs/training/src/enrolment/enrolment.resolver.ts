import { NotFoundError, UnauthenticatedError } from '@ecosystem/shared';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { type TrainingContext } from '../context';
import { Module } from '../module/module.entity';
import { Organization, organizationStub } from '../organization/organization.stub';
import { LearningPath } from '../path/path.entity';
import { Person, personStub } from '../person/person.stub';
import { CourseSession } from '../session/session.entity';
import { Enrolment } from './enrolment.entity';
import { CompleteEnrolmentArgs, EnrolArgs, RecordProgressArgs } from './enrolment.inputs';
import { EnrolmentService } from './enrolment.service';

function viewerOf(context: TrainingContext): NonNullable<TrainingContext['viewer']> {
  if (!context.viewer) throw new UnauthenticatedError();
  return context.viewer;
}

@Resolver(() => Enrolment)
export class EnrolmentResolver {
  @FieldResolver(() => Person, { nullable: true, description: 'The learner.' })
  learner(@Root() enrolment: Enrolment): Person {
    return personStub(enrolment.learnerId);
  }

  @FieldResolver(() => Organization, { nullable: true, description: 'The employer the training is followed for.' })
  employer(@Root() enrolment: Enrolment): Organization | null {
    return enrolment.employerId ? organizationStub(enrolment.employerId) : null;
  }

  @FieldResolver(() => Module, { description: 'The module.' })
  async module(@Root() enrolment: Enrolment, @Ctx() context: TrainingContext): Promise<Module> {
    const module = await context.loaders.moduleById.load(enrolment.moduleId);
    if (!module) throw new NotFoundError('Module', enrolment.moduleId);
    return module;
  }

  @FieldResolver(() => LearningPath, { nullable: true, description: 'The learning path this enrolment is a step of.' })
  async path(@Root() enrolment: Enrolment, @Ctx() context: TrainingContext): Promise<LearningPath | null> {
    return enrolment.pathId ? context.loaders.pathById.load(enrolment.pathId) : null;
  }

  @FieldResolver(() => CourseSession, { nullable: true, description: 'The session, unless self-paced.' })
  async session(@Root() enrolment: Enrolment, @Ctx() context: TrainingContext): Promise<CourseSession | null> {
    return enrolment.sessionId ? context.loaders.sessionById.load(enrolment.sessionId) : null;
  }

  @Authorized()
  @Mutation(() => Enrolment, {
    description:
      'Enrols a person (default: the viewer) in a session or a self-paced module. A full session puts them on its waiting list (WAITLISTED).',
  })
  async enrol(
    @Args() { input }: EnrolArgs,
    @Ctx() context: TrainingContext,
  ): Promise<Enrolment> {
    return new EnrolmentService(context.dataSource).enrol(viewerOf(context), input);
  }

  @Authorized()
  @Mutation(() => Enrolment, { description: 'Withdraws an open enrolment; a freed seat goes to the first on the waiting list.' })
  async withdraw(
    @Arg('enrolmentId', () => ID, { description: 'The enrolment.' }) enrolmentId: string,
    @Ctx() context: TrainingContext,
  ): Promise<Enrolment> {
    return new EnrolmentService(context.dataSource).withdraw(viewerOf(context), enrolmentId);
  }

  @Authorized()
  @Mutation(() => Enrolment, { description: 'Records progress (0 to 1) of an ENROLLED or IN_PROGRESS enrolment.' })
  async recordProgress(
    @Args() { input }: RecordProgressArgs,
    @Ctx() context: TrainingContext,
  ): Promise<Enrolment> {
    return new EnrolmentService(context.dataSource).recordProgress(viewerOf(context), input);
  }

  @Authorized()
  @Mutation(() => Enrolment, {
    description: 'Ends an enrolment: PASSED or FAILED with a score, COMPLETED without (employer’s training managers, admins).',
  })
  async completeEnrolment(
    @Args() { input }: CompleteEnrolmentArgs,
    @Ctx() context: TrainingContext,
  ): Promise<Enrolment> {
    return new EnrolmentService(context.dataSource).complete(viewerOf(context), input);
  }
}

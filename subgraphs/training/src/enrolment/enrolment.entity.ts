import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { EnrolmentStatus } from './enrolment.enums';

/**
 * A person's enrolment in a module, possibly in a session and as part of a path. `openModuleId`
 * equals `moduleId` while the enrolment is open and is null afterwards: the unique index on
 * (learnerId, openModuleId) makes "one open enrolment per person and module" hold under
 * concurrency on both databases (NULLs never collide).
 */
@ObjectType({ description: 'A person enrolled in a module, possibly in a session and as part of a learning path.' })
@Directive('@key(fields: "id")')
@Entity('enrolment')
@Index('uq_enrolment_open', ['learnerId', 'openModuleId'], { unique: true })
@Index('idx_enrolment_session_queue', ['sessionId', 'status', 'enrolledAt'])
@Index('idx_enrolment_employer', ['employerId', 'moduleId'])
@Index('idx_enrolment_module', ['moduleId'])
export class Enrolment {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  /** Person id (members subgraph); exposed as `learner`. */
  @RefColumn()
  learnerId!: string;

  /** Organization id (members subgraph) of the employer paying for or following the training. */
  @RefColumn({ nullable: true })
  employerId!: string | null;

  @RefColumn()
  moduleId!: string;

  @RefColumn({ nullable: true })
  openModuleId!: string | null;

  @RefColumn({ nullable: true })
  pathId!: string | null;

  @RefColumn({ nullable: true })
  sessionId!: string | null;

  @Field(() => EnrolmentStatus, { description: 'Where the enrolment stands.' })
  @EnumColumn()
  status!: EnrolmentStatus;

  @Field(() => Float, { nullable: true, description: 'Share of the module done, from 0 to 1.' })
  @Column({ type: 'float', nullable: true })
  progress!: number | null;

  @Field(() => Float, { nullable: true, description: 'Assessment score, from 0 to 100.' })
  @Column({ type: 'float', nullable: true })
  score!: number | null;

  @Field(() => Int, { nullable: true, description: 'Satisfaction given by the learner, from 1 to 5.' })
  @Column({ type: 'int', nullable: true })
  satisfaction!: number | null;

  @Field(() => Date, { description: 'When the person enrolled (also their place in a waiting list).' })
  @Column({ type: 'datetime', precision: 3 })
  enrolledAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When the enrolment was completed, passed or failed.' })
  @Column({ type: 'datetime', nullable: true })
  completedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'Link to the credential awarded (open badge, certificate).' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  credentialUrl!: string | null;
}

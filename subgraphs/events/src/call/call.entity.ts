import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { CallKind, CallStatus } from './call.enums';

@ObjectType({ description: 'A call (AMI, call for projects, challenge) published by an organisation of the ecosystem.' })
@Directive('@key(fields: "id")')
@Entity('call_for_proposals')
@Index('idx_call_publisher', ['publisherId'])
export class Call {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field(() => CallKind, { description: 'Kind of call.' })
  @EnumColumn()
  kind!: CallKind;

  @Field({ description: 'Title.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field({ description: 'Theme, a short stable word such as cardiovascular or breast-cancer.' })
  @Index('idx_call_theme')
  @Column({ type: 'varchar', length: 64 })
  theme!: string;

  @Field(() => String, { nullable: true, description: 'Description (plain text).' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  /** Publishing organisation (members); exposed as `publisher`. */
  @RefColumn()
  publisherId!: string;

  /** Ecosystem (members); exposed as `ecosystem`. */
  @RefColumn({ nullable: true })
  ecosystemId!: string | null;

  /** Day the call opens, YYYY-MM-DD; exposed as `opensAt`. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  opensOn!: string | null;

  @Field(() => Date, { nullable: true, description: 'Deadline for expressions of interest.' })
  @Column({ type: 'datetime', nullable: true })
  deadline!: Date | null;

  @Field(() => CallStatus, { description: 'Where the call stands.' })
  @Index('idx_call_status')
  @EnumColumn()
  status!: CallStatus;

  /** Hackathon that follows the call (an event of this subgraph); exposed as `followUpHackathon`. */
  @RefColumn({ nullable: true })
  followUpHackathonId!: string | null;

  @Field({ description: 'When the call was published in the graph.' })
  @Column({ type: 'datetime' })
  createdAt!: Date;
}

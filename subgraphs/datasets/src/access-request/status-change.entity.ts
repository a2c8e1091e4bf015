import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { AccessRequestStatus } from './access-request.enums';

/** One transition of an access request: who, when, from what to what, and why. Never updated. */
@ObjectType({ description: 'One transition in the history of an access request.' })
@Entity('access_request_status_change')
@Index('idx_status_change_request', ['accessRequestId', 'at', 'id'])
export class StatusChange {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @RefColumn()
  accessRequestId!: string;

  @Field(() => AccessRequestStatus, { nullable: true, description: 'Status before; null for the creation of the draft.' })
  @EnumColumn({ nullable: true })
  fromStatus!: AccessRequestStatus | null;

  @Field(() => AccessRequestStatus, { description: 'Status after.' })
  @EnumColumn()
  toStatus!: AccessRequestStatus;

  /** Person who made the change; exposed as `by`. */
  @RefColumn()
  byPersonId!: string;

  /** Organisation the person acted for; exposed as `byOrganization`. */
  @RefColumn({ nullable: true })
  byOrganizationId!: string | null;

  @Field(() => Date, { description: 'When.' })
  @Column({ type: 'datetime' })
  at!: Date;

  @Field(() => String, { nullable: true, description: 'Note left with the change (reason, missing items...).' })
  @Column({ type: 'text', nullable: true })
  note!: string | null;
}

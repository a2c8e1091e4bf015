import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { AccessRequestStatus } from './access-request.enums';

/**
 * A request by an organisation to access one or more datasets of a single publisher, whose data
 * stewards review it. `version` is bumped by every transition: a transition applies only if the
 * version it read is still current (optimistic locking), so two concurrent ones cannot both apply.
 */
@ObjectType({ description: 'A request to access datasets for a project (HDH single entry, CESREES, CNIL).' })
@Directive('@key(fields: "id")')
@Entity('access_request')
@Index('idx_access_request_requester', ['requesterId', 'createdAt', 'id'])
@Index('idx_access_request_publisher', ['publisherId', 'createdAt', 'id'])
@Index('idx_access_request_pi', ['principalInvestigatorId'])
@Index('idx_access_request_status', ['status'])
export class AccessRequest {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  /** Requesting Organization; exposed as `requester`. */
  @RefColumn()
  requesterId!: string;

  /** Publisher of the requested datasets, whose data stewards review the request. */
  @RefColumn()
  publisherId!: string;

  /** Person responsible for the project; exposed as `principalInvestigator`. */
  @RefColumn()
  principalInvestigatorId!: string;

  /** Person who drafted the request. */
  @RefColumn()
  createdById!: string;

  @Field({ description: 'Purpose of the processing, as stated by the requester.' })
  @Column({ type: 'text' })
  purpose!: string;

  @Field(() => String, { nullable: true, description: 'Why the project is of public interest (required by the CESREES).' })
  @Column({ type: 'text', nullable: true })
  publicInterest!: string | null;

  @Field(() => String, { nullable: true, description: 'Summary of the methodology.' })
  @Column({ type: 'text', nullable: true })
  methodology!: string | null;

  @Field(() => String, { nullable: true, description: 'CNIL reference methodology claimed, MR-001 to MR-008.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  referenceMethodology!: string | null;

  @Field(() => AccessRequestStatus, { description: 'Current status.' })
  @EnumColumn()
  status!: AccessRequestStatus;

  @Field(() => Int, { description: 'Bumped by every transition; pass it as `expectedVersion` to detect concurrent changes.' })
  @Column({ type: 'int', default: 1 })
  version!: number;

  @Field(() => String, { nullable: true, description: 'Text of the CESREES opinion, once given.' })
  @Column({ type: 'text', nullable: true })
  cesreesOpinion!: string | null;

  @Field(() => String, { nullable: true, description: 'Reference of the CNIL decision, once authorised or refused.' })
  @Column({ type: 'varchar', length: 64, nullable: true })
  cnilDecisionRef!: string | null;

  @Field(() => Date, { nullable: true, description: 'When the request was first submitted.' })
  @Column({ type: 'datetime', nullable: true })
  submittedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the authorisation, refusal or redirection was decided.' })
  @Column({ type: 'datetime', nullable: true })
  decidedAt!: Date | null;

  /** R&D project (members subgraph) the request serves; exposed as `project`. */
  @RefColumn({ nullable: true })
  projectId!: string | null;

  @Field(() => String, { nullable: true, description: 'Entry of the decision in the public HDH project register.' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  publicRepertoireUrl!: string | null;

  @Field(() => Date, { description: 'When the request was drafted.' })
  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => Date, { description: 'Last transition or change.' })
  @Column({ type: 'datetime' })
  updatedAt!: Date;
}

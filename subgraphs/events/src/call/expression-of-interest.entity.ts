import { IdColumn, RefColumn } from '@ecosystem/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';

@ObjectType({ description: 'An organisation\u2019s expression of interest in a call, with the datasets it intends to use.' })
@Entity('expression_of_interest')
@Index('uq_expression_of_interest', ['callId', 'organizationId'], { unique: true })
export class ExpressionOfInterest {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @RefColumn()
  callId!: string;

  @RefColumn()
  organizationId!: string;

  /** Person (members) who submitted it. */
  @RefColumn()
  submittedById!: string;

  /** Datasets (datasets subgraph) intended, exposed as `datasets`. */
  @Column({ type: 'simple-array' })
  datasetIds!: string[];

  @Field(() => String, { nullable: true, description: 'Free text from the applicant.' })
  @Column({ type: 'text', nullable: true })
  message!: string | null;

  @Field({ description: 'When it was submitted.' })
  @Column({ type: 'datetime' })
  submittedAt!: Date;
}

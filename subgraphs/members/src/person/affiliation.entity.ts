import { IdColumn, LocalDateScalar, RefColumn } from '@ecosystem/shared';
import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';

@ObjectType({ description: 'A person working for, or attached to, an organisation.' })
@Entity('affiliation')
@Index('idx_affiliation_person_org', ['personId', 'organizationId'], { unique: true })
@Index('idx_affiliation_org', ['organizationId', 'until'])
export class Affiliation {
  @IdColumn()
  id!: string;

  @RefColumn()
  personId!: string;

  @RefColumn()
  organizationId!: string;

  @Field(() => String, { nullable: true, description: 'Position held in this organisation.' })
  @Column({ type: 'varchar', length: 200, nullable: true })
  role!: string | null;

  @Field({ name: 'primary', description: 'The main affiliation of the person.' })
  @Column({ type: 'boolean', default: false })
  isPrimary!: boolean;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the affiliation started.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  since!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the affiliation ended; null while current.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  until!: string | null;
}

import { IdColumn, LocalDateScalar, RefColumn, EnumColumn } from '@ecosystem/shared';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Sector } from '../organization/organization.enums';

export enum MembershipRole {
  MEMBER = 'MEMBER',
  FOUNDING_MEMBER = 'FOUNDING_MEMBER',
  RESIDENT = 'RESIDENT',
  CORPORATE_SPONSOR = 'CORPORATE_SPONSOR',
  INSTITUTIONAL = 'INSTITUTIONAL',
  TRAINING_PARTNER = 'TRAINING_PARTNER',
  PEDAGOGICAL_COMMITTEE = 'PEDAGOGICAL_COMMITTEE',
  OPERATOR = 'OPERATOR',
}

registerEnumType(MembershipRole, {
  name: 'MembershipRole',
  description: 'The part an organisation plays in an ecosystem.',
  valuesConfig: {
    MEMBER: { description: 'Ordinary member.' },
    FOUNDING_MEMBER: { description: 'Founding member.' },
    RESIDENT: { description: 'Hosted on the campus.' },
    CORPORATE_SPONSOR: { description: 'Large company sponsoring the ecosystem.' },
    INSTITUTIONAL: { description: 'Public institution or regulator taking part.' },
    TRAINING_PARTNER: { description: 'Partner delivering training.' },
    PEDAGOGICAL_COMMITTEE: { description: 'Member of the pedagogical committee.' },
    OPERATOR: { description: 'Operates the ecosystem.' },
  },
});

@ObjectType({ description: 'Membership of an organisation in an ecosystem.' })
@Entity('membership')
@Index('idx_membership_ecosystem', ['ecosystemId', 'organizationId'])
@Index('idx_membership_organization', ['organizationId'])
@Index('idx_membership_current', ['organizationId', 'currentEcosystemId'], { unique: true })
export class Membership {
  @IdColumn()
  id!: string;

  @RefColumn()
  organizationId!: string;

  @RefColumn()
  ecosystemId!: string;

  /**
   * The ecosystem id while the membership is current, null once ended: with the unique index above,
   * the database itself refuses two current memberships of one organisation in one ecosystem.
   */
  @RefColumn({ nullable: true })
  currentEcosystemId!: string | null;

  @Field(() => MembershipRole, { description: 'Role of the organisation in the ecosystem.' })
  @EnumColumn()
  role!: MembershipRole;

  @Field(() => [Sector], { description: 'Filières of the ecosystem the organisation takes part in.' })
  @Column({ type: 'simple-json', nullable: true, transformer: { to: (v: Sector[] | null) => v ?? [], from: (v: Sector[] | null) => v ?? [] } })
  filieres!: Sector[];

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the membership started.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  since!: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the membership ended; null while current.' })
  @Column({ type: 'varchar', length: 10, nullable: true })
  until!: string | null;
}

import { RefPrimaryColumn } from '@ecosystem/shared';
import { Column, Entity } from 'typeorm';
import { Field, Int, ObjectType } from 'type-graphql';

/** What the campus knows about an organisation: residency, badge, local programme. */
@Entity('campus_profile')
@ObjectType({ description: "The partner campus's own data about an organisation." })
export class CampusProfile {
  /** The organisation's id in the members subgraph (no foreign key across databases). */
  @RefPrimaryColumn()
  organizationId!: string;

  @Field({ description: 'Whether the organisation is resident on the campus (has desks there).' })
  @Column({ type: 'boolean', default: false })
  resident!: boolean;

  @Field(() => String, { nullable: true, description: 'Building and floor, for residents.' })
  @Column({ type: 'varchar', length: 120, nullable: true })
  building!: string | null;

  @Field(() => String, { nullable: true, description: "The campus programme the organisation follows (incubator, accelerator...)." })
  @Column({ name: 'local_programme', type: 'varchar', length: 120, nullable: true })
  localProgramme!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the organisation joined the campus.' })
  @Column({ name: 'since_year', type: 'int', nullable: true })
  sinceYear!: number | null;
}

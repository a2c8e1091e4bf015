import { Address, DateRange, EnumColumn, IdColumn, RefColumn, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Format } from '../catalogue/catalogue.enums';

/**
 * A scheduled run of a module (schema.org CourseInstance). `seatsTaken` counts confirmed
 * enrolments; it only changes through conditional UPDATEs (`seatsTaken < capacity`), so that
 * parallel enrolments can never overbook.
 */
@ObjectType({ description: 'A scheduled session of a module (schema.org CourseInstance).' })
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CONTRACT)
@Entity('course_session')
@Index('idx_session_module_start', ['moduleId', 'startsAt'])
@Index('idx_session_start', ['startsAt'])
export class CourseSession {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  /** Exposed as `module`. */
  @RefColumn()
  moduleId!: string;

  @Field(() => Format, { description: 'How this session is delivered (schema.org courseMode).' })
  @EnumColumn()
  courseMode!: Format;

  @Column({ type: 'datetime' })
  startsAt!: Date;

  @Column({ type: 'datetime' })
  endsAt!: Date;

  @Column({ type: 'varchar', length: 255, nullable: true })
  placeStreet!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  placePostalCode!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  placeCity!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  placeRegion!: string | null;

  @Column({ type: 'varchar', length: 2, nullable: true })
  placeCountry!: string | null;

  @Field(() => String, { nullable: true, description: 'Link to the virtual classroom or learning platform.' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  virtualUrl!: string | null;

  /** Person ids (members subgraph); exposed as `instructors`. */
  @Column({ type: 'simple-json' })
  instructorIds!: string[];

  /** Organization id (members subgraph); exposed as `provider`. */
  @RefColumn()
  providerId!: string;

  @Field(() => Int, { nullable: true, description: 'Number of seats; null means unlimited (self-paced e-learning).' })
  @Column({ type: 'int', nullable: true })
  capacity!: number | null;

  /** Confirmed enrolments holding a seat. */
  @Column({ type: 'int', default: 0 })
  seatsTaken!: number;

  /** Event id (events subgraph), when the session is also published as an event. */
  @RefColumn({ nullable: true })
  eventId!: string | null;

  @Column({ type: 'datetime' })
  createdAt!: Date;

  @Field(() => DateRange, { description: 'When the session runs.' })
  period(): DateRange {
    return { start: this.startsAt, end: this.endsAt };
  }

  @Field(() => Address, { nullable: true, description: 'Where the session takes place, if in a room.' })
  place(): Address | null {
    if (!this.placeCity && !this.placeStreet) return null;
    return {
      street: this.placeStreet,
      postalCode: this.placePostalCode,
      city: this.placeCity,
      region: this.placeRegion,
      country: this.placeCountry ?? 'FR',
      latitude: null,
      longitude: null,
    };
  }

  @Field(() => Int, { nullable: true, description: 'Seats still free; null when unlimited.' })
  seatsLeft(): number | null {
    return this.capacity === null ? null : Math.max(0, this.capacity - this.seatsTaken);
  }
}

import { EnumColumn, foldForSearch, IdColumn } from '@ecosystem/shared';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Format } from '../catalogue/catalogue.enums';
import { JobFamily } from './persona.enums';

@ObjectType({ description: 'What a persona can fit into their working life.' })
export class PersonaConstraints {
  @Field(() => Int, { nullable: true, description: 'Longest session the persona can attend in one go, in minutes.' })
  maxSessionMinutes!: number | null;

  @Field(() => Boolean, { nullable: true, description: 'Needs flexible (self-paced or split) formats.' })
  needsFlexibility!: boolean | null;

  @Field(() => [Format], { description: 'Formats the persona prefers, best first.' })
  preferredFormats!: Format[];
}

/** A job profile of the health industries (seed C: ~150 personae cover the sector's jobs). */
@ObjectType({ description: 'A job profile (persona) that the academy designs learning paths for.' })
@Directive('@key(fields: "id")')
@Entity('persona')
@Index('idx_persona_family', ['jobFamily', 'code'])
export class Persona {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Short stable code, e.g. P-DATA-IT-MED-1.' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field({ description: 'Job title of the persona.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => JobFamily, { description: 'Job family.' })
  @EnumColumn()
  jobFamily!: JobFamily;

  @Field(() => String, { nullable: true, description: 'ESCO occupation (or ISCO group) concept URI.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  escoOccupation!: string | null;

  @Field(() => String, { nullable: true, description: 'ISCO-08 unit group code (4 digits).' })
  @Column({ type: 'varchar', length: 4, nullable: true })
  iscoCode!: string | null;

  @Field(() => String, { nullable: true, description: 'France Travail ROME code, e.g. M1403.' })
  @Column({ type: 'varchar', length: 5, nullable: true })
  romeCode!: string | null;

  @Column({ type: 'int', nullable: true })
  maxSessionMinutes!: number | null;

  @Column({ type: 'boolean', nullable: true })
  needsFlexibility!: boolean | null;

  @Column({ type: 'simple-json' })
  preferredFormats!: Format[];

  /** Other job titles this persona covers (used to suggest a persona from a job title). */
  @Field(() => [String], { description: 'Other job titles the persona covers.' })
  @Column({ type: 'simple-json' })
  aliases!: string[];

  /** Folded title, aliases and code. */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => PersonaConstraints, { description: 'Constraints on the training the persona can follow.' })
  constraints(): PersonaConstraints {
    return {
      maxSessionMinutes: this.maxSessionMinutes,
      needsFlexibility: this.needsFlexibility,
      preferredFormats: this.preferredFormats,
    };
  }

  fold(): void {
    this.searchText = foldForSearch(this.code, this.title, ...this.aliases);
  }
}

import { EnumColumn, RefPrimaryColumn } from '@ecosystem/shared';
import { Field, ObjectType } from 'type-graphql';
import { Entity, Index } from 'typeorm';
import { Level } from '../catalogue/catalogue.enums';
import { Priority } from './persona.enums';

/** A cell of the needs matrix: a persona needs a competency at a level. */
@ObjectType({ description: 'A persona needs a competency at a level (a cell of the competency matrix).' })
@Entity('competency_requirement')
@Index('idx_requirement_competency', ['competencyId', 'personaId'])
export class CompetencyRequirement {
  @RefPrimaryColumn()
  personaId!: string;

  @RefPrimaryColumn()
  competencyId!: string;

  @Field(() => Level, { description: 'Level the persona needs.' })
  @EnumColumn()
  requiredLevel!: Level;

  @Field(() => Priority, { description: 'Essential or optional for the persona.' })
  @EnumColumn()
  priority!: Priority;
}

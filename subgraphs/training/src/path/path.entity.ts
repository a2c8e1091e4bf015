import { EnumColumn, IdColumn, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { Level } from '../catalogue/catalogue.enums';

/** An ordered list of modules for a persona. Its total duration is derived from its steps. */
@ObjectType({ description: 'A learning path for a persona: ordered steps that respect prerequisites.' })
@Directive('@key(fields: "id")')
@Entity('learning_path')
@Index('idx_learning_path_persona', ['personaId'])
export class LearningPath {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  /** Exposed as `persona`. */
  @RefColumn()
  personaId!: string;

  @Field({ description: 'Title of the path.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => Level, { description: 'Level the path leads to.' })
  @EnumColumn()
  targetLevel!: Level;
}

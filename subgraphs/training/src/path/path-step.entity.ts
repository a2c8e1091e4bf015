import { RefColumn, RefPrimaryColumn } from '@ecosystem/shared';
import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

@ObjectType({ description: 'A step of a learning path.' })
@Entity('path_step')
@Index('idx_path_step_module', ['moduleId'])
export class PathStep {
  @RefPrimaryColumn()
  pathId!: string;

  @Field(() => Int, { description: 'Position in the path, from 1; prerequisites come first.' })
  @PrimaryColumn({ type: 'int', name: 'position' })
  order!: number;

  /** Exposed as `module`. */
  @RefColumn()
  moduleId!: string;

  @Field({ description: 'The step serves only optional competencies.' })
  @Column({ type: 'boolean' })
  optional!: boolean;
}

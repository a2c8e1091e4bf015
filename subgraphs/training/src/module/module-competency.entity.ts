import { RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Competency } from '../competency/competency.entity';
import { Module } from './module.entity';

/** A competency a module teaches (at the module's level). */
@Entity('module_competency')
@Index('idx_module_competency_competency', ['competencyId', 'moduleId'])
export class ModuleCompetency {
  @RefPrimaryColumn()
  moduleId!: string;

  @RefPrimaryColumn()
  competencyId!: string;

  /** Loaded in the same statement by `competenciesByModuleId`. */
  @ManyToOne(() => Competency, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'competencyId' })
  competency?: Competency;

  /** Loaded in the same statement by `modulesByCompetencyId`. */
  @ManyToOne(() => Module, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'moduleId' })
  module?: Module;
}

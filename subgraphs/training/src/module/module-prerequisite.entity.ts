import { RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Module } from './module.entity';

/** `moduleId` requires `prerequisiteId` first. The graph never has a cycle (checked on every write). */
@Entity('module_prerequisite')
@Index('idx_module_prerequisite_prerequisite', ['prerequisiteId', 'moduleId'])
export class ModulePrerequisite {
  @RefPrimaryColumn()
  moduleId!: string;

  @RefPrimaryColumn()
  prerequisiteId!: string;

  /** Loaded in the same statement by `prerequisitesByModuleId`. */
  @ManyToOne(() => Module, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'prerequisiteId' })
  prerequisite?: Module;
}

import { RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { Module } from './module.entity';

/** A training partner (an Organization of the members subgraph) that delivers a module. */
@Entity('module_provider')
@Index('idx_module_provider_organization', ['organizationId', 'moduleId'])
export class ModuleProvider {
  @RefPrimaryColumn()
  moduleId!: string;

  @RefPrimaryColumn()
  organizationId!: string;

  /** Loaded in the same statement by `modulesByProviderId`. */
  @ManyToOne(() => Module, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'moduleId' })
  module?: Module;
}

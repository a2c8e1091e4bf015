import { EnumPrimaryColumn, RefPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index } from 'typeorm';
import { type Format } from '../catalogue/catalogue.enums';

/** One row per format of a module: filterable and countable in SQL. */
@Entity('module_format')
@Index('idx_module_format_format', ['format', 'moduleId'])
export class ModuleFormat {
  @RefPrimaryColumn()
  moduleId!: string;

  @EnumPrimaryColumn()
  format!: Format;
}

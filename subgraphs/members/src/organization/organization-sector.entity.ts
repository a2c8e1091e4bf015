import { RefPrimaryColumn, EnumPrimaryColumn } from '@ecosystem/shared';
import { Entity, Index } from 'typeorm';
import { Sector } from './organization.enums';

/** One row per sector of an organisation: filterable and countable in SQL. */
@Entity('organization_sector')
@Index('idx_organization_sector_sector', ['sector', 'organizationId'])
export class OrganizationSector {
  @RefPrimaryColumn()
  organizationId!: string;

  @EnumPrimaryColumn()
  sector!: Sector;
}

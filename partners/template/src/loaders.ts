import { byId } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { CampusProfile } from './campus-profile/campus-profile.entity';
import { EventLogistics } from './event-logistics/event-logistics.entity';

export interface PartnerLoaders {
  profileByOrganizationId: DataLoader<string, CampusProfile | null>;
  logisticsByEventId: DataLoader<string, EventLogistics | null>;
}

/** A fresh set per request: each batch is one SQL statement (the gateway sends 100 organisations as 100 references). */
export function createLoaders(dataSource: DataSource): PartnerLoaders {
  return {
    profileByOrganizationId: byId(dataSource, CampusProfile, 'organizationId'),
    logisticsByEventId: byId(dataSource, EventLogistics, 'eventId'),
  };
}

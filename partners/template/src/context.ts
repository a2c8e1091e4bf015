import { type BaseContext } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type CampusProfileLoaders, createCampusProfileLoaders } from './campus-profile/campus-profile.loaders';
import { createEventLogisticsLoaders, type EventLogisticsLoaders } from './event-logistics/event-logistics.loaders';

/** The per-request loader set: each concept's loaders, assembled here so that no concept imports another's through a root file. */
export type PartnerLoaders = CampusProfileLoaders & EventLogisticsLoaders;

/** A fresh set per request (DataLoader caches live as long as the request). */
export function createLoaders(dataSource: DataSource): PartnerLoaders {
  return {
    ...createCampusProfileLoaders(dataSource),
    ...createEventLogisticsLoaders(dataSource),
  };
}

export interface PartnerContext extends BaseContext {
  loaders: PartnerLoaders;
  dataSource: DataSource;
}

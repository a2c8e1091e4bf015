import { orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { CampusProfile } from './campus-profile/campus-profile.entity';
import { EventLogistics } from './event-logistics/event-logistics.entity';

export interface PartnerLoaders {
  profileByOrganizationId: DataLoader<string, CampusProfile | null>;
  logisticsByEventId: DataLoader<string, EventLogistics | null>;
}

/** A fresh set per request: each batch is one SQL statement (the gateway sends 100 organisations as 100 references). */
export function createLoaders(dataSource: DataSource): PartnerLoaders {
  return {
    profileByOrganizationId: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(CampusProfile).findBy({ organizationId: In([...ids]) }), (p) => p.organizationId),
    ),
    logisticsByEventId: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(EventLogistics).findBy({ eventId: In([...ids]) }), (l) => l.eventId),
    ),
  };
}

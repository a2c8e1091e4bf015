import { byId } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { EventLogistics } from './event-logistics.entity';

export interface EventLogisticsLoaders {
  logisticsByEventId: DataLoader<string, EventLogistics | null>;
}

/** One SQL statement per batch of event references. */
export function createEventLogisticsLoaders(dataSource: DataSource): EventLogisticsLoaders {
  return {
    logisticsByEventId: byId(dataSource, EventLogistics, 'eventId'),
  };
}

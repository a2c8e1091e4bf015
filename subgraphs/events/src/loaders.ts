import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { EventDataset } from './event/event-dataset.entity';
import { EventOrganizer } from './event/event-organizer.entity';
import { Event } from './event/event.entity';

export interface EventsLoaders {
  eventById: DataLoader<string, Event | null>;
  organizerIdsByEventId: DataLoader<string, string[]>;
  datasetIdsByEventId: DataLoader<string, string[]>;
  eventIdsByOrganizationId: DataLoader<string, string[]>;
  eventIdsByDatasetId: DataLoader<string, string[]>;
}

/** Events sorted as every list of the subgraph: by start, then id. */
export function byStart(a: Event, b: Event): number {
  return a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Loads events by ids (through `eventById`), drops missing ones and sorts them by start. */
export async function loadEventsSorted(loaders: EventsLoaders, ids: readonly string[]): Promise<Event[]> {
  const events = await loaders.eventById.loadMany(ids);
  return events
    .filter((event): event is Event => event instanceof Event)
    .sort(byStart);
}

/** A fresh set per request: each batch function is one SQL statement, whatever the number of keys. */
export function createLoaders(dataSource: DataSource): EventsLoaders {
  return {
    eventById: new DataLoader(async (ids) =>
      orderByKeys(ids, await dataSource.getRepository(Event).findBy({ id: In([...ids]) }), (e) => e.id),
    ),
    organizerIdsByEventId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(EventOrganizer)
          .find({ where: { eventId: In([...ids]) }, order: { position: 'ASC', organizationId: 'ASC' } }),
        (row) => row.eventId,
      ).map((rows) => rows.map((row) => row.organizationId)),
    ),
    datasetIdsByEventId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource
          .getRepository(EventDataset)
          .find({ where: { eventId: In([...ids]) }, order: { position: 'ASC', datasetId: 'ASC' } }),
        (row) => row.eventId,
      ).map((rows) => rows.map((row) => row.datasetId)),
    ),
    eventIdsByOrganizationId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(EventOrganizer).findBy({ organizationId: In([...ids]) }),
        (row) => row.organizationId,
      ).map((rows) => rows.map((row) => row.eventId)),
    ),
    eventIdsByDatasetId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await dataSource.getRepository(EventDataset).findBy({ datasetId: In([...ids]) }),
        (row) => row.datasetId,
      ).map((rows) => rows.map((row) => row.eventId)),
    ),
  };
}

import { type Logger } from '@ecosystem/shared';
import { type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { EventDataset } from '../event/event-dataset.entity';
import { EventOrganizer } from '../event/event-organizer.entity';
import { Event } from '../event/event.entity';
import { EventStatus } from '../event/event.enums';
import { icalUidFor } from '../event/ical-uid';
import { demoEvents } from './demo-events';

async function insertChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  size = 200,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + size)).execute();
  }
}

/** Seeds the demo events (2021-2026) when the database has no event yet. */
export async function seedEventsDemo(dataSource: DataSource, logger: Logger): Promise<boolean> {
  if ((await dataSource.getRepository(Event).count()) > 0) return false;
  const events = demoEvents();
  await dataSource.transaction(async (manager) => {
    await insertChunks(
      manager,
      Event,
      events.map((e) => ({
        id: e.id,
        title: e.title,
        description: e.description,
        kind: e.kind,
        status: EventStatus.SCHEDULED,
        attendanceMode: e.attendanceMode,
        start: e.start,
        end: e.end,
        timezone: 'Europe/Paris',
        language: 'fr',
        icalUid: icalUidFor(e.id),
        sequence: 0,
      })),
    );
    await insertChunks(
      manager,
      EventOrganizer,
      events.flatMap((e) => e.organizerIds.map((organizationId, position) => ({ eventId: e.id, organizationId, position }))),
    );
    await insertChunks(
      manager,
      EventDataset,
      events.flatMap((e) => e.datasetIds.map((datasetId, position) => ({ eventId: e.id, datasetId, position }))),
    );
  });
  logger.info({ events: events.length }, 'events demo data');
  return true;
}

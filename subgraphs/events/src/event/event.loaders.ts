import { ALL_COLUMNS, byId, entityProjection, manyByKey, projectionColumns, selectColumns, windowedList, type WindowedKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type GraphQLResolveInfo } from 'graphql';
import { type DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { sqlDateTime } from '../common/sql-date';
import { EventDataset } from './event-dataset.entity';
import { EventOrganizer } from './event-organizer.entity';
import { EventSpeaker } from './event-speaker.entity';
import { Event } from './event.entity';

/**
 * A window over a list of events, by start then id: the events that end at or after `from` and start
 * before `to` (either may be open), at most `first` of them. Every list of events contributed to
 * another subgraph's entity takes one (Ecosystem.events, Organization.organizedEvents,
 * Dataset.presentedAt), so that no list grows with the data: an organiser's events accumulate year
 * after year.
 */
export interface EventWindow {
  from: Date | null;
  to: Date | null;
  first: number;
}

/** The text of a window, in loader cache keys and batch groups. */
export function eventWindowKey({ from, to, first }: EventWindow): string {
  return `${from?.toISOString() ?? ''}|${to?.toISOString() ?? ''}|${first}`;
}

export interface EventLoaders {
  eventById: DataLoader<string, Event | null>;
  organizerIdsByEventId: DataLoader<string, string[]>;
  datasetIdsByEventId: DataLoader<string, string[]>;
  speakersByEventId: DataLoader<string, EventSpeaker[]>;
  /** Organization.organizedEvents in a window (see eventsThrough), with the columns the selection reads. */
  eventsByOrganizationId: DataLoader<WindowedKey<EventListWindow>, Event[], string>;
  /** Dataset.presentedAt in a window (see eventsThrough), with the columns the selection reads. */
  eventsByDatasetId: DataLoader<WindowedKey<EventListWindow>, Event[], string>;
  speakersByPersonId: DataLoader<string, EventSpeaker[]>;
  /** The ids of an ecosystem's events in a window. */
  eventIdsByEcosystem: DataLoader<WindowedKey<EventWindow>, string[], string>;
}

/** Events sorted as every list of the subgraph: by start, then id. */
export function byStart(a: Event, b: Event): number {
  return a.start.getTime() - b.start.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Loads events by ids (through `eventById`), drops missing ones and sorts them by start. */
export async function loadEventsSorted(loaders: Pick<EventLoaders, 'eventById'>, ids: readonly string[]): Promise<Event[]> {
  const events = await loaders.eventById.loadMany(ids);
  return events.filter((event): event is Event => event instanceof Event).sort(byStart);
}

/**
 * What each Event field reads of the entity: a column read as is, or the columns its resolver
 * reads (the relations resolved by loaders read the event's `id` only). A list or page whose
 * selection asks for these fields only reads only their columns (shared/src/dataloader/projection.ts);
 * a field not listed here (place, registration...) reads every column. `id` and `start` (the sort)
 * are always read.
 */
export const EVENT_PROJECTION = entityProjection(
  [
    'id',
    'title',
    'description',
    'kind',
    'status',
    'attendanceMode',
    'start',
    'end',
    'timezone',
    'language',
    'icalUid',
    'sequence',
    'placeName',
    'maxCapacity',
    'keywords',
    'createdAt',
    'updatedAt',
  ],
  {
    organizers: [],
    presentedDatasets: [],
    speakers: [],
    icalUrl: [],
    ecosystem: ['ecosystemId'],
    series: ['seriesId'],
    call: ['callId'],
    remainingCapacity: ['maxCapacity', 'seatsTaken'],
    virtualLocation: ['virtualUrl', 'virtualPlatform'],
  },
  ['id', 'start'],
);

/** A window of a list of events read with `columns`: ALL_COLUMNS, or a column list of eventListColumns. */
export interface EventListWindow extends EventWindow {
  columns: string;
}

/** The lists read together: same columns, same window. */
const eventListWindowKey = (window: EventListWindow): string => `${window.columns}\0${eventWindowKey(window)}`;

/**
 * The columns a list of events must read for the Event selection sets of `info`'s fields (`path`:
 * the fields from the resolved field down to its events, e.g. `edges.node` for a page).
 */
export function eventListColumns(info: GraphQLResolveInfo, path: readonly string[] = []): string {
  return projectionColumns(info, EVENT_PROJECTION, { path });
}

/**
 * The events of `query` (which reads `event`, alone or joined) in a window, for each key: ranked per
 * key by start then id in SQL (a window function: MySQL 8 / MariaDB 10.2 / SQLite 3.25), within the
 * window's dates, cut at `first`; ordered by key, then rank. One statement.
 */
async function firstInWindow(
  dataSource: DataSource,
  query: SelectQueryBuilder<ObjectLiteral>,
  eventId: string,
  key: string,
  { from, to, first }: EventWindow,
): Promise<{ eventId: string; linkKey: string }[]> {
  query
    .select(eventId, 'eventId')
    .addSelect(key, 'linkKey')
    .addSelect(`ROW_NUMBER() OVER (PARTITION BY ${key} ORDER BY event.startsAt, event.id)`, 'rn');
  if (from) query.andWhere('event.endsAt >= :from', { from: sqlDateTime(from) });
  if (to) query.andWhere('event.startsAt < :to', { to: sqlDateTime(to) });
  return (await dataSource
    .createQueryBuilder()
    .select('ranked.eventId', 'eventId')
    .addSelect('ranked.linkKey', 'linkKey')
    .from(`(${query.getQuery()})`, 'ranked')
    .where('ranked.rn <= :first', { first })
    .orderBy('ranked.linkKey', 'ASC')
    .addOrderBy('ranked.rn', 'ASC')
    .setParameters(query.getParameters())
    .getRawMany()) as { eventId: string; linkKey: string }[];
}

/**
 * A window of the events linked to each key through a link table (organisers, presented datasets),
 * by start. Two statements whatever the number of keys and events: the links in the window
 * (firstInWindow), then the events they name, at most keys x first (unbounded before the windows:
 * an organiser's events accumulate year after year). Every whole event read primes
 * `eventById`.
 */
async function eventsThrough(
  dataSource: DataSource,
  eventById: DataLoader<string, Event | null>,
  link: typeof EventOrganizer | typeof EventDataset,
  keyColumn: 'organizationId' | 'datasetId',
  keys: readonly string[],
  columns: string,
  window: EventWindow,
): Promise<Event[][]> {
  if (window.first <= 0) return keys.map(() => []);
  const linked = dataSource
    .getRepository(link)
    .createQueryBuilder('link')
    .innerJoin(Event, 'event', 'event.id = link.eventId')
    .where(`link.${keyColumn} IN (:...keys)`, { keys: [...keys] });
  const links = await firstInWindow(dataSource, linked, 'link.eventId', `link.${keyColumn}`, window);
  if (links.length === 0) return keys.map(() => []);
  const full = columns === ALL_COLUMNS;
  const query = dataSource
    .getRepository(Event)
    .createQueryBuilder('event')
    .where('event.id IN (:...ids)', { ids: [...new Set(links.map((row) => row.eventId))] });
  const events = await selectColumns(query, columns, EVENT_PROJECTION).getMany();
  const byId = new Map<string, Event>();
  for (const event of events) {
    byId.set(event.id, event);
    // Only whole events may answer eventById; a projection has some columns only.
    if (full) eventById.prime(event.id, event);
  }
  const grouped = new Map<string, Event[]>();
  for (const { eventId, linkKey } of links) {
    const event = byId.get(eventId);
    if (!event) continue;
    const list = grouped.get(linkKey);
    if (list) list.push(event);
    else grouped.set(linkKey, [event]);
  }
  // The links came in rank order (by start, then id), so each list is too.
  return keys.map((key) => grouped.get(key) ?? []);
}

/**
 * The event loaders of a request: each batch function is one SQL statement whatever the number of
 * keys (two for the event lists through a link table, see eventsThrough, per distinct column set).
 */
export function createEventLoaders(dataSource: DataSource): EventLoaders {
  const repo = dataSource.getRepository.bind(dataSource);
  const eventById = byId(dataSource, Event);
  return {
    eventById,
    organizerIdsByEventId: manyByKey(dataSource, EventOrganizer, 'eventId', {
      order: { position: 'ASC', organizationId: 'ASC' },
      map: (rows) => rows.map((row) => row.organizationId),
    }),
    datasetIdsByEventId: manyByKey(dataSource, EventDataset, 'eventId', {
      order: { position: 'ASC', datasetId: 'ASC' },
      map: (rows) => rows.map((row) => row.datasetId),
    }),
    speakersByEventId: manyByKey(dataSource, EventSpeaker, 'eventId', { order: { position: 'ASC', id: 'ASC' } }),
    eventsByOrganizationId: windowedList<EventListWindow, Event[]>({
      load: (ids, window) => eventsThrough(dataSource, eventById, EventOrganizer, 'organizationId', ids, window.columns, window),
      windowKey: eventListWindowKey,
    }),
    eventsByDatasetId: windowedList<EventListWindow, Event[]>({
      load: (ids, window) => eventsThrough(dataSource, eventById, EventDataset, 'datasetId', ids, window.columns, window),
      windowKey: eventListWindowKey,
    }),
    speakersByPersonId: manyByKey(dataSource, EventSpeaker, 'personId', { order: { id: 'ASC' } }),
    // The first N events per ecosystem: one statement per distinct window.
    eventIdsByEcosystem: windowedList<EventWindow, string[]>({
      load: async (ids, window) => {
        const events = repo(Event).createQueryBuilder('event').where('event.ecosystemId IN (:...ecosystemIds)', { ecosystemIds: ids });
        const rows = await firstInWindow(dataSource, events, 'event.id', 'event.ecosystemId', window);
        return ids.map((id) => rows.filter((row) => row.linkKey === id).map((row) => row.eventId));
      },
      windowKey: eventWindowKey,
    }),
  };
}

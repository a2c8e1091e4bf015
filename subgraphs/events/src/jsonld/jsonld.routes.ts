import { type Logger } from '@ecosystem/shared';
import { type Express, type Request, type Response } from 'express';
import { Between, type DataSource, type FindOptionsWhere, In, LessThanOrEqual, MoreThanOrEqual } from 'typeorm';
import { EventOrganizer } from '../event/event-organizer.entity';
import { EventSpeaker } from '../event/event-speaker.entity';
import { Event } from '../event/event.entity';
import { EventSeries } from '../series/event-series.entity';
import { eventDocument, eventJsonLd, eventListDocument, seriesJsonLd } from './event-jsonld';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The schema.org nodes of events, in four statements whatever their number. */
async function eventNodes(dataSource: DataSource, events: Event[]): Promise<ReturnType<typeof eventJsonLd>[]> {
  if (events.length === 0) return [];
  const ids = events.map((e) => e.id);
  const seriesIds = [...new Set(events.flatMap((e) => (e.seriesId ? [e.seriesId] : [])))];
  const [organizers, speakers, series] = await Promise.all([
    dataSource.getRepository(EventOrganizer).find({ where: { eventId: In(ids) }, order: { position: 'ASC', organizationId: 'ASC' } }),
    dataSource.getRepository(EventSpeaker).find({ where: { eventId: In(ids) }, order: { position: 'ASC', id: 'ASC' } }),
    seriesIds.length ? dataSource.getRepository(EventSeries).findBy({ id: In(seriesIds) }) : Promise.resolve([]),
  ]);
  return events.map((event) =>
    eventJsonLd({
      event,
      organizerIds: organizers.filter((o) => o.eventId === event.id).map((o) => o.organizationId),
      speakers: speakers.filter((s) => s.eventId === event.id),
      series: series.find((s) => s.id === event.seriesId) ?? null,
    }),
  );
}

class BadQuery extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

function dateParam(req: Request, name: string): Date | undefined {
  const raw = req.query[name];
  if (raw === undefined || raw === '') return undefined;
  const date = typeof raw === 'string' ? new Date(raw) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) throw new BadQuery(`"${name}" must be an ISO 8601 date or date-time`, name);
  return date;
}

/**
 * schema.org exports of the events subgraph (public data):
 * - GET /jsonld/events[?from=&to=]   the events (by start) as an ItemList of Events
 * - GET /jsonld/events/:id           one Event (Hackathon, EducationEvent)
 * - GET /jsonld/series/:id           an EventSeries with its schedule and occurrences
 */
export function eventJsonLdRoutes(app: Express, dataSource: DataSource, logger: Logger): void {
  const wrap =
    (handler: (req: Request, res: Response) => Promise<unknown>) =>
    (req: Request, res: Response): void => {
      handler(req, res)
        .then((document) => {
          if (document === null) res.status(404).json({ error: { code: 'NOT_FOUND', message: `${req.path} was not found` } });
          else res.type('application/ld+json').send(JSON.stringify(document));
        })
        .catch((error: unknown) => {
          if (error instanceof BadQuery) {
            res.status(400).json({ error: { code: 'BAD_USER_INPUT', message: error.message, field: error.field } });
            return;
          }
          logger.error({ err: error, path: req.path }, 'schema.org export failed');
          res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Export failed' } });
        });
    };

  app.get('/jsonld/events', wrap(async (req) => {
    const from = dateParam(req, 'from');
    const to = dateParam(req, 'to');
    const where: FindOptionsWhere<Event> =
      from && to ? { start: Between(from, to) } : from ? { start: MoreThanOrEqual(from) } : to ? { start: LessThanOrEqual(to) } : {};
    const events = await dataSource.getRepository(Event).find({ where, order: { start: 'ASC', id: 'ASC' } });
    return eventListDocument('Événements', await eventNodes(dataSource, events));
  }));

  app.get('/jsonld/events/:id', wrap(async (req) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) return null;
    const event = await dataSource.getRepository(Event).findOneBy({ id });
    if (!event) return null;
    const [node] = await eventNodes(dataSource, [event]);
    return node ? eventDocument(node) : null;
  }));

  app.get('/jsonld/series/:id', wrap(async (req) => {
    const id = String(req.params.id);
    if (!UUID.test(id)) return null;
    const series = await dataSource.getRepository(EventSeries).findOneBy({ id });
    if (!series) return null;
    const occurrences = await dataSource.getRepository(Event).find({ where: { seriesId: id }, order: { start: 'ASC', id: 'ASC' } });
    return seriesJsonLd(series, await eventNodes(dataSource, occurrences));
  }));
}

import { BadQueryParameterError, dateWindowParams, type Logger, pathOf, sendHttpError } from '@ecosystem/shared';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { And, type DataSource, type FindOptionsWhere, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { EventOrganizer } from '../event/event-organizer.entity';
import { EventSpeaker } from '../event/event-speaker.entity';
import { Event } from '../event/event.entity';
import { EventSeries } from '../series/series.entity';
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

/**
 * schema.org exports of the events subgraph (public data):
 * - GET /jsonld/events[?from=&to=]   the events (by start) as an ItemList of Events
 * - GET /jsonld/events/:id           one Event (Hackathon, EducationEvent)
 * - GET /jsonld/series/:id           an EventSeries with its schedule and occurrences
 */
export function eventJsonLdRoutes(app: FastifyInstance, dataSource: DataSource, logger: Logger): void {
  type IdRequest = FastifyRequest<{ Params: { id: string } }>;
  const wrap =
    (handler: (req: IdRequest) => Promise<unknown>) =>
    (req: IdRequest, reply: FastifyReply): void => {
      handler(req)
        .then((document) => {
          if (document === null) sendHttpError(reply, 404, 'NOT_FOUND', `${pathOf(req)} was not found`);
          else void reply.type('application/ld+json').send(JSON.stringify(document));
        })
        .catch((error: unknown) => {
          if (error instanceof BadQueryParameterError) {
            sendHttpError(reply, 400, 'BAD_USER_INPUT', error.message, error.field);
            return;
          }
          logger.error({ err: error, path: req.url }, 'schema.org export failed');
          sendHttpError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Export failed');
        });
    };

  app.get<{ Params: { id: string } }>('/jsonld/events', wrap(async (req) => {
    // Read as GraphQL reads EventFilter.from/to (the shared DateTime scalar): same answers, same refusals.
    const { from, to } = dateWindowParams(req);
    const where: FindOptionsWhere<Event> =
      from && to ? { start: And(MoreThanOrEqual(from), LessThan(to)) } : from ? { start: MoreThanOrEqual(from) } : to ? { start: LessThan(to) } : {};
    const events = await dataSource.getRepository(Event).find({ where, order: { start: 'ASC', id: 'ASC' } });
    return eventListDocument('Événements', await eventNodes(dataSource, events));
  }));

  app.get<{ Params: { id: string } }>('/jsonld/events/:id', wrap(async (req) => {
    const id = req.params.id;
    if (!UUID.test(id)) return null;
    const event = await dataSource.getRepository(Event).findOneBy({ id });
    if (!event) return null;
    const [node] = await eventNodes(dataSource, [event]);
    return node ? eventDocument(node) : null;
  }));

  app.get<{ Params: { id: string } }>('/jsonld/series/:id', wrap(async (req) => {
    const id = req.params.id;
    if (!UUID.test(id)) return null;
    const series = await dataSource.getRepository(EventSeries).findOneBy({ id });
    if (!series) return null;
    const occurrences = await dataSource.getRepository(Event).find({ where: { seriesId: id }, order: { start: 'ASC', id: 'ASC' } });
    return seriesJsonLd(series, await eventNodes(dataSource, occurrences));
  }));
}

import { type Logger, pathOf, sendHttpError } from '@ecosystem/shared';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { In, Not, type DataSource } from 'typeorm';
import { EventOrganizer } from '../event/event-organizer.entity';
import { Event } from '../event/event.entity';
import { Registration } from '../registration/registration.entity';
import { RegistrationStatus } from '../registration/registration.enums';
import { EventSeries } from '../series/series.entity';
import { CalendarFeedService } from '../calendar-feed/calendar-feed.service';
import { addEvent, addSeries, newCalendar, renderCalendar } from './ical.builder';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type FileRequest = FastifyRequest<{ Params: { file: string } }>;

function idFrom(req: FileRequest): string | null {
  const raw = req.params.file;
  const id = raw.endsWith('.ics') ? raw.slice(0, -4) : raw;
  return id;
}

function send(reply: FastifyReply, body: string, filename: string, privateFeed = false): void {
  void reply
    .header('content-type', 'text/calendar; charset=utf-8')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', privateFeed ? 'private, no-store' : 'public, max-age=300')
    .send(body);
}

function notFoundResponse(req: FileRequest, reply: FastifyReply): void {
  sendHttpError(reply, 404, 'NOT_FOUND', `${pathOf(req)} was not found`);
}

/**
 * iCalendar (RFC 5545) export as plain HTTP routes:
 * - GET /ical/events/:id.ics          one event
 * - GET /ical/series/:id.ics          a series: RRULE, EXDATE, VTIMEZONE, overrides
 * - GET /ical/organizations/:id.ics   the events an organisation organises
 * - GET /ical/feeds/:token.ics        a person's registrations, behind a private revocable token
 */
export function icalRoutes(app: FastifyInstance, dataSource: DataSource, logger?: Logger): void {
  const wrap =
    (handler: (req: FileRequest, reply: FastifyReply) => Promise<void>) =>
    (req: FileRequest, reply: FastifyReply): void => {
      handler(req, reply).catch((error: unknown) => {
        logger?.error({ err: error, path: req.url }, 'ical export failed');
        if (!reply.sent) sendHttpError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Export failed');
      });
    };

  app.get<{ Params: { file: string } }>('/ical/events/:file', wrap(async (req, reply) => {
    const id = idFrom(req);
    if (!id || !UUID.test(id)) return notFoundResponse(req, reply);
    const event = await dataSource.getRepository(Event).findOneBy({ id });
    if (!event) return notFoundResponse(req, reply);
    const calendar = newCalendar(event.title);
    addEvent(calendar, event);
    send(reply, renderCalendar(calendar), `${id}.ics`);
  }));

  app.get<{ Params: { file: string } }>('/ical/series/:file', wrap(async (req, reply) => {
    const id = idFrom(req);
    if (!id || !UUID.test(id)) return notFoundResponse(req, reply);
    const series = await dataSource.getRepository(EventSeries).findOneBy({ id });
    if (!series) return notFoundResponse(req, reply);
    const occurrences = await dataSource.getRepository(Event).find({ where: { seriesId: id }, order: { start: 'ASC', id: 'ASC' } });
    const calendar = newCalendar(series.title);
    addSeries(calendar, series, occurrences);
    send(reply, renderCalendar(calendar), `${id}.ics`);
  }));

  app.get<{ Params: { file: string } }>('/ical/organizations/:file', wrap(async (req, reply) => {
    const id = idFrom(req);
    if (!id || !UUID.test(id)) return notFoundResponse(req, reply);
    const links = await dataSource.getRepository(EventOrganizer).findBy({ organizationId: id });
    const events = links.length
      ? await dataSource.getRepository(Event).find({ where: { id: In(links.map((l) => l.eventId)) }, order: { start: 'ASC', id: 'ASC' } })
      : [];
    const calendar = newCalendar('Événements');
    for (const event of events) addEvent(calendar, event);
    send(reply, renderCalendar(calendar), `${id}.ics`);
  }));

  const feeds = new CalendarFeedService(dataSource);
  app.get<{ Params: { file: string } }>('/ical/feeds/:file', wrap(async (req, reply) => {
    const token = idFrom(req);
    const personId = token ? await feeds.personForToken(token) : null;
    if (!personId) return notFoundResponse(req, reply);
    const registrations = await dataSource
      .getRepository(Registration)
      .findBy({ personId, status: Not(RegistrationStatus.CANCELLED) });
    const events = registrations.length
      ? await dataSource.getRepository(Event).find({ where: { id: In(registrations.map((r) => r.eventId)) }, order: { start: 'ASC', id: 'ASC' } })
      : [];
    const calendar = newCalendar('Mes inscriptions');
    for (const event of events) addEvent(calendar, event);
    send(reply, renderCalendar(calendar), 'registrations.ics', true);
  }));
}

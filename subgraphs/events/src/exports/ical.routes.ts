import { type Logger, sendHttpError } from '@ecosystem/shared';
import { type Express, type Request, type Response } from 'express';
import { In, Not, type DataSource } from 'typeorm';
import { EventOrganizer } from '../event/event-organizer.entity';
import { Event } from '../event/event.entity';
import { Registration } from '../registration/registration.entity';
import { RegistrationStatus } from '../registration/registration.enums';
import { EventSeries } from '../series/series.entity';
import { CalendarFeedService } from '../calendar-feed/calendar-feed.service';
import { addEvent, addSeries, newCalendar, renderCalendar } from './ical.builder';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idFrom(req: Request): string | null {
  const raw = String(req.params.file ?? '');
  const id = raw.endsWith('.ics') ? raw.slice(0, -4) : raw;
  return id;
}

function send(res: Response, body: string, filename: string, privateFeed = false): void {
  res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
  res.setHeader('Content-Disposition', `inline; filename="${filename}"`);
  res.setHeader('Cache-Control', privateFeed ? 'private, no-store' : 'public, max-age=300');
  res.send(body);
}

function notFoundResponse(res: Response): void {
  sendHttpError(res, 404, 'NOT_FOUND', `${res.req.path} was not found`);
}

/**
 * iCalendar (RFC 5545) export as plain HTTP routes:
 * - GET /ical/events/:id.ics          one event
 * - GET /ical/series/:id.ics          a series: RRULE, EXDATE, VTIMEZONE, overrides
 * - GET /ical/organizations/:id.ics   the events an organisation organises
 * - GET /ical/feeds/:token.ics        a person's registrations, behind a private revocable token
 */
export function icalRoutes(app: Express, dataSource: DataSource, logger?: Logger): void {
  const wrap =
    (handler: (req: Request, res: Response) => Promise<void>) =>
    (req: Request, res: Response): void => {
      handler(req, res).catch((error: unknown) => {
        logger?.error({ err: error, path: req.path }, 'ical export failed');
        if (!res.headersSent) sendHttpError(res, 500, 'INTERNAL_SERVER_ERROR', 'Export failed');
      });
    };

  app.get('/ical/events/:file', wrap(async (req, res) => {
    const id = idFrom(req);
    if (!id || !UUID.test(id)) return notFoundResponse(res);
    const event = await dataSource.getRepository(Event).findOneBy({ id });
    if (!event) return notFoundResponse(res);
    const calendar = newCalendar(event.title);
    addEvent(calendar, event);
    send(res, renderCalendar(calendar), `${id}.ics`);
  }));

  app.get('/ical/series/:file', wrap(async (req, res) => {
    const id = idFrom(req);
    if (!id || !UUID.test(id)) return notFoundResponse(res);
    const series = await dataSource.getRepository(EventSeries).findOneBy({ id });
    if (!series) return notFoundResponse(res);
    const occurrences = await dataSource.getRepository(Event).find({ where: { seriesId: id }, order: { start: 'ASC', id: 'ASC' } });
    const calendar = newCalendar(series.title);
    addSeries(calendar, series, occurrences);
    send(res, renderCalendar(calendar), `${id}.ics`);
  }));

  app.get('/ical/organizations/:file', wrap(async (req, res) => {
    const id = idFrom(req);
    if (!id || !UUID.test(id)) return notFoundResponse(res);
    const links = await dataSource.getRepository(EventOrganizer).findBy({ organizationId: id });
    const events = links.length
      ? await dataSource.getRepository(Event).find({ where: { id: In(links.map((l) => l.eventId)) }, order: { start: 'ASC', id: 'ASC' } })
      : [];
    const calendar = newCalendar('Événements');
    for (const event of events) addEvent(calendar, event);
    send(res, renderCalendar(calendar), `${id}.ics`);
  }));

  const feeds = new CalendarFeedService(dataSource);
  app.get('/ical/feeds/:file', wrap(async (req, res) => {
    const token = idFrom(req);
    const personId = token ? await feeds.personForToken(token) : null;
    if (!personId) return notFoundResponse(res);
    const registrations = await dataSource
      .getRepository(Registration)
      .findBy({ personId, status: Not(RegistrationStatus.CANCELLED) });
    const events = registrations.length
      ? await dataSource.getRepository(Event).find({ where: { id: In(registrations.map((r) => r.eventId)) }, order: { start: 'ASC', id: 'ASC' } })
      : [];
    const calendar = newCalendar('Mes inscriptions');
    for (const event of events) addEvent(calendar, event);
    send(res, renderCalendar(calendar), 'registrations.ics', true);
  }));
}

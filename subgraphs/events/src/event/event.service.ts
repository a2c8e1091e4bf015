import { addressColumns, ALL_COLUMNS, selectColumns, authorizeMutation, BadUserInputError, byCountThenValue, byValue, ConflictError, type FacetCount, InvalidStateTransitionError, likePattern, withoutSelection, withSelected, newId, paginate, type Connection, type Viewer, runTransaction, isUniqueViolation, upperBound } from '@ecosystem/shared';
import { type DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { assertCanOrganise, notFound } from '../common/authorization';
import { sqlDateTime } from '../common/sql-date';
import { isValidZone } from '../common/time-zone';
import { EventDataset } from './event-dataset.entity';
import { EventOrganizer } from './event-organizer.entity';
import { EventSpeaker } from './event-speaker.entity';
import { Event } from './event.entity';
import { AttendanceMode, EventStatus } from './event.enums';
import { type AddSpeakerInput, type CreateEventInput, type EventFilter, type EventsArgs } from './event.inputs';
import { icalUidFor } from './event.ical';
import { EVENT_PROJECTION } from './event.loaders';

/** A page of events that remembers its filter, so that `facets` can be computed when asked for. */
export interface EventPage extends Connection<Event> {
  facetFilter: EventFilter;
}

/** The event list's facets: each has a filter field of the same name. */
export interface EventFacetCounts {
  kinds: FacetCount[];
  attendanceModes: FacetCount[];
  statuses: FacetCount[];
  ecosystems: FacetCount[];
  languages: FacetCount[];
  years: FacetCount[];
}

export function normalizeKeywords(keywords: readonly string[]): string[] {
  return [...new Set(keywords.map((k) => k.trim().toLowerCase()).filter(Boolean))];
}

/** Events: the filtered list and its facets, and the organisers' mutations. */
export class EventService {
  constructor(private readonly dataSource: DataSource) {}

  /** Applies a filter as WHERE clauses and EXISTS subqueries (never joins, so LIMIT counts events). */
  private filtered(filter: EventFilter): SelectQueryBuilder<Event> {
    const query = this.dataSource.getRepository(Event).createQueryBuilder('event');
    // A plain day as `to` takes that whole day (its end in Europe/Paris).
    const to = upperBound(filter.to);
    if (filter.from && to && filter.from > to) {
      throw new BadUserInputError('from must not be after to', 'filter.from');
    }
    if (filter.from) query.andWhere('event.end >= :from', { from: sqlDateTime(filter.from) });
    if (to) query.andWhere('event.start < :to', { to: sqlDateTime(to) });
    if (filter.kinds?.length) query.andWhere('event.kind IN (:...kinds)', { kinds: filter.kinds });
    if (filter.attendanceModes?.length) query.andWhere('event.attendanceMode IN (:...modes)', { modes: filter.attendanceModes });
    if (filter.statuses?.length) query.andWhere('event.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.ecosystems?.length) query.andWhere('event.ecosystemId IN (:...ecosystems)', { ecosystems: filter.ecosystems });
    // Languages are stored as lower-case BCP 47 tags (fr, en): compared in lower case.
    if (filter.languages?.length) {
      query.andWhere('event.language IN (:...languages)', { languages: [...new Set(filter.languages.map((l) => l.trim().toLowerCase()))] });
    }
    if (filter.years?.length) {
      // One range of the start per year (the index on the start serves it), OR'ed.
      const ranges = filter.years.map((_, i) => `(event.start >= :yearStart${i} AND event.start < :yearEnd${i})`);
      const parameters = Object.fromEntries(
        filter.years.flatMap((year, i) => [
          [`yearStart${i}`, sqlDateTime(new Date(Date.UTC(year, 0, 1)))],
          [`yearEnd${i}`, sqlDateTime(new Date(Date.UTC(year + 1, 0, 1)))],
        ]),
      );
      query.andWhere(`(${ranges.join(' OR ')})`, parameters);
    }
    if (filter.seriesId) query.andWhere('event.seriesId = :seriesId', { seriesId: filter.seriesId });
    if (filter.text?.trim()) query.andWhere('event.searchText LIKE :text', { text: likePattern(filter.text) });
    if (filter.organizerId) {
      const sub = query.subQuery().select('1').from(EventOrganizer, 'eo').where('eo.eventId = event.id').andWhere('eo.organizationId = :organizerId');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { organizerId: filter.organizerId });
    }
    if (filter.datasetId) {
      const sub = query.subQuery().select('1').from(EventDataset, 'ed').where('ed.eventId = event.id').andWhere('ed.datasetId = :datasetId');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { datasetId: filter.datasetId });
    }
    if (filter.speakerId) {
      const sub = query.subQuery().select('1').from(EventSpeaker, 'es').where('es.eventId = event.id').andWhere('es.personId = :speakerId');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { speakerId: filter.speakerId });
    }
    return query;
  }

  /** A page of events; `columns`: what the selection reads (eventListColumns), every column by default. */
  async list(args: EventsArgs, columns = ALL_COLUMNS): Promise<EventPage> {
    const filter = args.filter ?? {};
    const page = await paginate(this.filtered(filter), 'event', { column: 'event.start', valueOf: (e) => sqlDateTime(e.start) }, args, (query) =>
      selectColumns(query, columns, EVENT_PROJECTION),
    );
    return { ...page, facetFilter: filter };
  }

  /** One GROUP BY per facet, each over the filter without the facet's own field (disjunctive facets, see FacetCount). */
  async facets(filter: EventFilter): Promise<EventFacetCounts> {
    // `selected`: the field's values as stored (languages are matched lower-cased).
    const count = async (
      expression: string,
      own: keyof EventFilter,
      selected = filter[own] as readonly (string | number)[] | null | undefined,
      order: (a: FacetCount, b: FacetCount) => number = byCountThenValue,
    ): Promise<FacetCount[]> => {
      const rows = (await this.filtered(withoutSelection(filter, own))
        .select(expression, 'value')
        .addSelect('COUNT(*)', 'count')
        .groupBy(expression)
        .getRawMany()) as { value: string | number | null; count: string | number }[];
      const counts = rows.filter((r) => r.value !== null).map((r) => ({ value: String(r.value), count: Number(r.count) }));
      return withSelected(counts, selected, order);
    };
    const [kinds, attendanceModes, statuses, ecosystems, languages, years] = [
      await count('event.kind', 'kinds'),
      await count('event.attendanceMode', 'attendanceModes'),
      await count('event.status', 'statuses'),
      await count('event.ecosystemId', 'ecosystems'),
      await count('event.language', 'languages', filter.languages?.map((l) => l.trim().toLowerCase())),
      // Years in year order, a ticked one included: a timeline, not a ranking.
      await count('SUBSTR(event.startsAt, 1, 4)', 'years', filter.years, byValue),
    ];
    return { kinds, attendanceModes, statuses, ecosystems, languages, years };
  }

  private async requireEvent(manager: EntityManager | DataSource, id: string, field: string): Promise<Event> {
    const event = await manager.getRepository(Event).findOneBy({ id });
    if (!event) throw notFound('Event', id, field);
    return event;
  }

  private async organizerIds(manager: EntityManager | DataSource, eventId: string): Promise<string[]> {
    return (await manager.getRepository(EventOrganizer).findBy({ eventId })).map((o) => o.organizationId);
  }

  /** Validates a new event completely, then writes it, its organisers and datasets in one transaction. */
  async create(input: CreateEventInput, viewer: Viewer | null): Promise<Event> {
    const organizerIds = [...new Set(input.organizerIds)];
    // Naming an organiser gives it rights over the event: every one named must be the viewer's own.
    authorizeMutation(viewer, 'createEvent', { orgIds: organizerIds }, 'Only admins and event organisers acting for every organising organisation may create this event');
    if (input.end <= input.start) throw new BadUserInputError('end must be after start', 'input.end');
    if (!isValidZone(input.timezone)) throw new BadUserInputError('Unknown IANA time zone', 'input.timezone');
    if (input.attendanceMode !== AttendanceMode.ONLINE && !input.place?.city) {
      throw new BadUserInputError('An event attended in person needs a place with a city', 'input.place');
    }
    if (input.attendanceMode !== AttendanceMode.OFFLINE && !input.virtualLocation) {
      throw new BadUserInputError('An event attended online needs a virtual location', 'input.virtualLocation');
    }
    const policy = input.registration;
    const closesAt = policy?.closesAt ?? null;
    if (closesAt && closesAt > input.end) {
      throw new BadUserInputError('Registrations cannot close after the end', 'input.registration.closesAt');
    }
    if (policy?.opensAt && closesAt && policy.opensAt >= closesAt) {
      throw new BadUserInputError('Registrations must open before they close', 'input.registration.opensAt');
    }
    // The call is read by its table, not its entity: calls build on events, never the other way round.
    if (input.callId && !(await this.dataSource.createQueryBuilder().select('1').from('call_for_proposals', 'c').where('c.id = :id', { id: input.callId }).getRawOne())) {
      throw new BadUserInputError(`Call ${input.callId} does not exist`, 'input.callId');
    }
    const now = new Date();
    const id = newId();
    const event = this.dataSource.getRepository(Event).create({
      id,
      title: input.title.trim(),
      description: input.description ?? null,
      kind: input.kind,
      status: EventStatus.SCHEDULED,
      attendanceMode: input.attendanceMode,
      start: input.start,
      end: input.end,
      timezone: input.timezone,
      language: input.language,
      icalUid: icalUidFor(id),
      sequence: 0,
      seriesId: null,
      recurrenceId: null,
      ecosystemId: input.ecosystemId ?? null,
      callId: input.callId ?? null,
      placeName: input.placeName ?? null,
      address: addressColumns(input.place),
      virtualUrl: input.virtualLocation?.url ?? null,
      virtualPlatform: input.virtualLocation?.platform ?? null,
      maxCapacity: input.maxCapacity ?? null,
      seatsTaken: 0,
      registrationTicket: 0,
      registrationRequired: policy?.required ?? true,
      registrationOpensAt: policy?.opensAt ?? null,
      registrationClosesAt: closesAt,
      membersOnly: policy?.membersOnly ?? false,
      priceAmount: policy?.price?.amount ?? null,
      priceCurrency: policy?.price ? policy.price.currency : null,
      registrationUrl: policy?.url ?? null,
      keywords: normalizeKeywords(input.keywords),
      createdAt: now,
      updatedAt: now,
    });
    event.fold();
    await runTransaction(this.dataSource, async (manager) => {
      await manager.insert(Event, event);
      await manager.insert(EventOrganizer, organizerIds.map((organizationId, position) => ({ eventId: id, organizationId, position })));
      const datasetIds = [...new Set(input.datasetIds)];
      if (datasetIds.length) {
        await manager.insert(EventDataset, datasetIds.map((datasetId, position) => ({ eventId: id, datasetId, position })));
      }
    });
    return event;
  }

  /** Moves an event: status RESCHEDULED and SEQUENCE + 1 (calendar clients replace their copy). */
  async reschedule(id: string, start: Date, end: Date, viewer: Viewer | null): Promise<Event> {
    const event = await this.requireEvent(this.dataSource, id, 'id');
    assertCanOrganise(viewer, await this.organizerIds(this.dataSource, id));
    if (end <= start) throw new BadUserInputError('end must be after start', 'end');
    if (event.status === EventStatus.CANCELLED) {
      throw new InvalidStateTransitionError('Event', EventStatus.CANCELLED, EventStatus.RESCHEDULED);
    }
    return runTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Event)
        .set({ start, end, status: EventStatus.RESCHEDULED, sequence: () => 'sequence + 1', updatedAt: new Date() })
        .where('id = :id AND status <> :cancelled', { id, cancelled: EventStatus.CANCELLED })
        .execute();
      if (result.affected === 0) throw new InvalidStateTransitionError('Event', EventStatus.CANCELLED, EventStatus.RESCHEDULED);
      return this.requireEvent(manager, id, 'id');
    });
  }

  /**
   * Postpones an event whose new date is not known yet (schema.org EventPostponed, iCalendar
   * TENTATIVE): status POSTPONED and SEQUENCE + 1. `rescheduleEvent` later gives it its new times.
   */
  async postpone(id: string, viewer: Viewer | null): Promise<Event> {
    const event = await this.requireEvent(this.dataSource, id, 'id');
    assertCanOrganise(viewer, await this.organizerIds(this.dataSource, id));
    if (event.status === EventStatus.CANCELLED || event.status === EventStatus.POSTPONED) {
      throw new InvalidStateTransitionError('Event', event.status, EventStatus.POSTPONED);
    }
    return runTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Event)
        .set({ status: EventStatus.POSTPONED, sequence: () => 'sequence + 1', updatedAt: new Date() })
        .where('id = :id AND status NOT IN (:...final)', { id, final: [EventStatus.CANCELLED, EventStatus.POSTPONED] })
        .execute();
      if (result.affected === 0) {
        const current = await this.requireEvent(manager, id, 'id');
        throw new InvalidStateTransitionError('Event', current.status, EventStatus.POSTPONED);
      }
      return this.requireEvent(manager, id, 'id');
    });
  }

  /** Cancels an event: status CANCELLED and SEQUENCE + 1. Registrations are kept for the record. */
  async cancel(id: string, viewer: Viewer | null): Promise<Event> {
    const event = await this.requireEvent(this.dataSource, id, 'id');
    assertCanOrganise(viewer, await this.organizerIds(this.dataSource, id));
    if (event.status === EventStatus.CANCELLED) {
      throw new InvalidStateTransitionError('Event', EventStatus.CANCELLED, EventStatus.CANCELLED);
    }
    return runTransaction(this.dataSource, async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(Event)
        .set({ status: EventStatus.CANCELLED, sequence: () => 'sequence + 1', updatedAt: new Date() })
        .where('id = :id AND status <> :cancelled', { id, cancelled: EventStatus.CANCELLED })
        .execute();
      if (result.affected === 0) throw new InvalidStateTransitionError('Event', EventStatus.CANCELLED, EventStatus.CANCELLED);
      return this.requireEvent(manager, id, 'id');
    });
  }

  async addSpeaker(input: AddSpeakerInput, viewer: Viewer | null): Promise<EventSpeaker> {
    await this.requireEvent(this.dataSource, input.eventId, 'input.eventId');
    assertCanOrganise(viewer, await this.organizerIds(this.dataSource, input.eventId));
    const repo = this.dataSource.getRepository(EventSpeaker);
    if (await repo.existsBy({ eventId: input.eventId, personId: input.personId, role: input.role })) {
      throw new ConflictError('This person already has this role at this event', 'input.personId');
    }
    return runTransaction(this.dataSource, async (manager) => {
      const position = await manager.getRepository(EventSpeaker).countBy({ eventId: input.eventId });
      const speaker = manager.getRepository(EventSpeaker).create({
        id: newId(),
        eventId: input.eventId,
        personId: input.personId,
        organizationId: input.organizationId ?? null,
        role: input.role,
        talkTitle: input.talkTitle ?? null,
        position,
      });
      try {
        await manager.insert(EventSpeaker, speaker);
      } catch (error) {
        if (isUniqueViolation(error)) throw new ConflictError('This person already has this role at this event', 'input.personId');
        throw error;
      }
      return speaker;
    });
  }

  /** Links a dataset presented at an event; linking it again changes nothing. */
  async linkDataset(eventId: string, datasetId: string, viewer: Viewer | null): Promise<Event> {
    const event = await this.requireEvent(this.dataSource, eventId, 'eventId');
    assertCanOrganise(viewer, await this.organizerIds(this.dataSource, eventId));
    await runTransaction(this.dataSource, async (manager) => {
      const repo = manager.getRepository(EventDataset);
      if (await repo.existsBy({ eventId, datasetId })) return;
      const position = await repo.countBy({ eventId });
      await repo.insert({ eventId, datasetId, position });
      await manager.update(Event, { id: eventId }, { updatedAt: new Date() });
    });
    return event;
  }
}

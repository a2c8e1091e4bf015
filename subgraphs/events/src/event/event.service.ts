import { BadUserInputError, paginate, type Connection } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { sqlDateTime } from '../common/sql-date';
import { Event } from './event.entity';
import { type EventsArgs } from './event.inputs';

/** The event list: filtering and keyset pagination by (start, id). */
export class EventService {
  constructor(private readonly dataSource: DataSource) {}

  async list(args: EventsArgs): Promise<Connection<Event>> {
    const filter = args.filter ?? {};
    if (filter.from && filter.to && filter.from > filter.to) {
      throw new BadUserInputError('from must not be after to', 'filter.from');
    }
    const query = this.dataSource.getRepository(Event).createQueryBuilder('event');
    if (filter.from) query.andWhere('event.end >= :from', { from: sqlDateTime(filter.from) });
    if (filter.to) query.andWhere('event.start < :to', { to: sqlDateTime(filter.to) });
    if (filter.kinds?.length) query.andWhere('event.kind IN (:...kinds)', { kinds: filter.kinds });
    return paginate(query, 'event', { column: 'event.start', valueOf: (e) => sqlDateTime(e.start) }, args);
  }
}

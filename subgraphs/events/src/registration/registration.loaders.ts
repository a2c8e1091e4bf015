import { groupByKeys, orderByKeys } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource, In } from 'typeorm';
import { Registration } from './registration.entity';
import { RegistrationStatus } from './registration.enums';

export interface RegistrationLoaders {
  registrationById: DataLoader<string, Registration | null>;
  registrationsByPersonId: DataLoader<string, Registration[]>;
  waitlistPositionByRegistrationId: DataLoader<string, number | null>;
}

/** The registration loaders of a request: one SQL statement per batch. */
export function createRegistrationLoaders(dataSource: DataSource): RegistrationLoaders {
  const repo = dataSource.getRepository.bind(dataSource);
  return {
    registrationById: new DataLoader(async (ids) =>
      orderByKeys(ids, await repo(Registration).findBy({ id: In([...ids]) }), (r) => r.id),
    ),
    waitlistPositionByRegistrationId: new DataLoader(async (ids) => {
      // Position = waiting registrations of the same event with a ticket up to this one's.
      const rows = (await repo(Registration)
        .createQueryBuilder('r')
        .innerJoin(Registration, 'w', 'w.eventId = r.eventId AND w.status = :waiting AND w.ticket <= r.ticket')
        .select('r.id', 'id')
        .addSelect('COUNT(w.id)', 'position')
        .where('r.id IN (:...ids)', { ids: [...ids] })
        .andWhere('r.status = :waiting', { waiting: RegistrationStatus.WAITLISTED })
        .groupBy('r.id')
        .getRawMany()) as { id: string; position: string | number }[];
      const byId = new Map(rows.map((row) => [row.id, Number(row.position)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    registrationsByPersonId: new DataLoader(async (ids) =>
      groupByKeys(
        ids,
        await repo(Registration).find({ where: { personId: In([...ids]) }, order: { registeredAt: 'DESC', id: 'DESC' } }),
        (row) => row.personId,
      ),
    ),
  };
}

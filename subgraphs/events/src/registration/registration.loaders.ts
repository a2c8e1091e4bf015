import { byId, manyByKey } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
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
    registrationById: byId(dataSource, Registration),
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
      const positions = new Map(rows.map((row) => [row.id, Number(row.position)]));
      return ids.map((id) => positions.get(id) ?? null);
    }),
    registrationsByPersonId: manyByKey(dataSource, Registration, 'personId', { order: { registeredAt: 'DESC', id: 'DESC' } }),
  };
}

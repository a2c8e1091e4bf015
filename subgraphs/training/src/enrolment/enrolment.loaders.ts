import { byId, groupByKeys, inList } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Module } from '../module/module.entity';
import { COMPLETED_STATUSES } from './enrolment.enums';
import { Enrolment } from './enrolment.entity';

/** A person's enrolments, all of them (`employerId` null) or only those with one employer. */
export interface EnrolmentsKey {
  personId: string;
  employerId: string | null;
}

export interface DomainCount {
  domainId: string;
  enrolments: number;
  completions: number;
}

export interface EnrolmentLoaders {
  enrolmentById: DataLoader<string, Enrolment | null>;
  enrolmentsByPerson: DataLoader<EnrolmentsKey, Enrolment[], string>;
  /** Enrolments and completions of an organisation's people, per domain. */
  learningStatsByOrganizationId: DataLoader<string, DomainCount[]>;
}

/** The enrolment loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createEnrolmentLoaders(dataSource: DataSource): EnrolmentLoaders {
  return {
    enrolmentById: byId(dataSource, Enrolment),
    enrolmentsByPerson: new DataLoader(
      async (keys) => {
        const rows = await dataSource.getRepository(Enrolment).find({
          where: { learnerId: inList([...new Set(keys.map((k) => k.personId))]) },
          order: { enrolledAt: 'DESC', id: 'DESC' },
        });
        return keys.map((k) =>
          rows.filter((e) => e.learnerId === k.personId && (k.employerId === null || e.employerId === k.employerId)),
        );
      },
      { cacheKeyFn: (k) => `${k.personId}|${k.employerId ?? '*'}` },
    ),
    learningStatsByOrganizationId: new DataLoader(async (ids) => {
      const rows = (await dataSource
        .getRepository(Enrolment)
        .createQueryBuilder('e')
        .innerJoin(Module, 'm', 'm.id = e.moduleId')
        .select('e.employerId', 'employerId')
        .addSelect('m.domainId', 'domainId')
        .addSelect('COUNT(*)', 'enrolments')
        .addSelect('SUM(CASE WHEN e.status IN (:...completed) THEN 1 ELSE 0 END)', 'completions')
        .where('e.employerId IN (:...ids)', { ids: [...ids], completed: COMPLETED_STATUSES })
        .groupBy('e.employerId')
        .addGroupBy('m.domainId')
        .orderBy('m.domainId')
        .getRawMany()) as { employerId: string; domainId: string; enrolments: string | number; completions: string | number }[];
      return groupByKeys(ids, rows, (r) => r.employerId).map((group) =>
        group.map((r) => ({ domainId: r.domainId, enrolments: Number(r.enrolments), completions: Number(r.completions) })),
      );
    }),
  };
}

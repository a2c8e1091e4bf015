import { type Connection, hasRole, likePattern, paginate, Role, type Viewer } from '@ecosystem/shared';
import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import { PublicationStatus } from '../catalogue/catalogue.enums';
import { Domain } from '../catalogue/domain.entity';
import { ModuleFormat } from './module-format.entity';
import { ModuleProvider } from './module-provider.entity';
import { Module } from './module.entity';
import { type ModuleFilter, type ModulesArgs } from './module.inputs';

/** Whether the viewer may see modules that are not published (drafts, archived). */
export function seesUnpublished(viewer: Viewer | null): boolean {
  return hasRole(viewer, Role.TRAINING_MANAGER);
}

/** Reads of the catalogue: filters as EXISTS subqueries so that LIMIT and COUNT count modules. */
export class ModuleService {
  constructor(private readonly dataSource: DataSource) {}

  filtered(filter: ModuleFilter | null | undefined): SelectQueryBuilder<Module> {
    const query = this.dataSource.getRepository(Module).createQueryBuilder('m');
    query.where('m.status = :published', { published: PublicationStatus.PUBLISHED });
    if (!filter) return query;
    if (filter.text?.trim()) {
      for (const [index, word] of filter.text.trim().split(/\s+/).slice(0, 10).entries()) {
        query.andWhere(`m.searchText LIKE :word${index}`, { [`word${index}`]: likePattern(word) });
      }
    }
    if (filter.domainId) query.andWhere('m.domainId = :domainId', { domainId: filter.domainId });
    if (filter.categoryId) {
      const sub = this.dataSource
        .getRepository(Domain)
        .createQueryBuilder('d')
        .select('1')
        .where('d.id = m.domainId')
        .andWhere('d.categoryId = :categoryId');
      query.andWhere(`EXISTS (${sub.getQuery()})`, { categoryId: filter.categoryId });
    }
    if (filter.levels?.length) query.andWhere('m.level IN (:...levels)', { levels: filter.levels });
    if (filter.formats?.length) {
      const sub = this.dataSource
        .getRepository(ModuleFormat)
        .createQueryBuilder('mf')
        .select('1')
        .where('mf.moduleId = m.id')
        .andWhere('mf.format IN (:...formats)');
      query.andWhere(`EXISTS (${sub.getQuery()})`, { formats: filter.formats });
    }
    if (filter.providerId) {
      const sub = this.dataSource
        .getRepository(ModuleProvider)
        .createQueryBuilder('mp')
        .select('1')
        .where('mp.moduleId = m.id')
        .andWhere('mp.organizationId = :providerId');
      query.andWhere(`EXISTS (${sub.getQuery()})`, { providerId: filter.providerId });
    }
    return query;
  }

  async list(args: ModulesArgs): Promise<Connection<Module>> {
    return paginate(this.filtered(args.filter), 'm', { column: 'm.code', valueOf: (m) => m.code }, args);
  }
}

import { type Connection, likePattern, paginate } from '@ecosystem/shared';
import { type DataSource, type SelectQueryBuilder } from 'typeorm';
import { DatasetHealthCategory } from './dataset-health-category.entity';
import { Dataset } from './dataset.entity';
import { type DatasetFilter, type DatasetsArgs } from './dataset.inputs';

/** Reads of the catalogue: filters as EXISTS subqueries so LIMIT and COUNT count datasets. */
export class DatasetService {
  constructor(private readonly dataSource: DataSource) {}

  filtered(filter: DatasetFilter | null | undefined): SelectQueryBuilder<Dataset> {
    const query = this.dataSource.getRepository(Dataset).createQueryBuilder('d');
    if (!filter) return query;
    if (filter.text?.trim()) {
      for (const [index, word] of filter.text.trim().split(/\s+/).slice(0, 10).entries()) {
        query.andWhere(`d.searchText LIKE :word${index}`, { [`word${index}`]: likePattern(word) });
      }
    }
    if (filter.healthCategories?.length) {
      const sub = this.dataSource
        .getRepository(DatasetHealthCategory)
        .createQueryBuilder('hc')
        .select('1')
        .where('hc.datasetId = d.id')
        .andWhere('hc.category IN (:...healthCategories)');
      query.andWhere(`EXISTS (${sub.getQuery()})`, { healthCategories: filter.healthCategories });
    }
    if (filter.typology?.length) query.andWhere('d.typology IN (:...typology)', { typology: filter.typology });
    if (filter.accessRights?.length) {
      query.andWhere('d.accessRights IN (:...accessRights)', { accessRights: filter.accessRights });
    }
    if (filter.publisherId) query.andWhere('d.publisherId = :publisherId', { publisherId: filter.publisherId });
    return query;
  }

  async list(args: DatasetsArgs): Promise<Connection<Dataset>> {
    return paginate(this.filtered(args.filter), 'd', { column: 'd.sortTitle', valueOf: (d) => d.sortTitle }, args);
  }
}

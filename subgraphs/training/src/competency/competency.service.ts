import { type Connection, likePattern, paginate } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { Competency } from './competency.entity';
import { type CompetenciesArgs } from './competency.inputs';

/** Reads of the competency framework that no loader serves. */
export class CompetencyService {
  constructor(private readonly dataSource: DataSource) {}

  /** The framework filtered (words of the search text, domain, type) and paginated by code. */
  async search(args: CompetenciesArgs): Promise<Connection<Competency>> {
    const query = this.dataSource.getRepository(Competency).createQueryBuilder('c');
    const filter = args.filter;
    if (filter?.text?.trim()) {
      for (const [index, word] of filter.text.trim().split(/\s+/).slice(0, 10).entries()) {
        query.andWhere(`c.searchText LIKE :word${index}`, { [`word${index}`]: likePattern(word) });
      }
    }
    if (filter?.domainId) query.andWhere('c.domainId = :domainId', { domainId: filter.domainId });
    if (filter?.type) query.andWhere('c.type = :type', { type: filter.type });
    return paginate(query, 'c', { column: 'c.code', valueOf: (c) => c.code }, args);
  }
}

import { likePattern, paginate, type Connection } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { Ecosystem } from '../ecosystem/ecosystem.entity';
import { Membership } from '../membership/membership.entity';
import { OrganizationSector } from './organization-sector.entity';
import { Organization } from './organization.entity';
import { type OrganizationsArgs } from './organization.inputs';

/** The organisation directory: filtering and keyset pagination. */
export class OrganizationService {
  constructor(private readonly dataSource: DataSource) {}

  async list(args: OrganizationsArgs): Promise<Connection<Organization>> {
    const filter = args.filter ?? {};
    const query = this.dataSource.getRepository(Organization).createQueryBuilder('org');
    if (filter.text?.trim()) {
      query.andWhere('org.searchText LIKE :text', { text: likePattern(filter.text) });
    }
    if (filter.kinds?.length) {
      query.andWhere('org.kind IN (:...kinds)', { kinds: filter.kinds });
    }
    if (filter.sectors?.length) {
      const sub = query
        .subQuery()
        .select('1')
        .from(OrganizationSector, 's')
        .where('s.organizationId = org.id')
        .andWhere('s.sector IN (:...sectors)');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { sectors: filter.sectors });
    }
    if (filter.ecosystem) {
      const sub = query
        .subQuery()
        .select('1')
        .from(Membership, 'm')
        .innerJoin(Ecosystem, 'e', 'e.id = m.ecosystemId')
        .where('m.organizationId = org.id')
        .andWhere('e.code = :ecosystem')
        .andWhere('m.until IS NULL');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { ecosystem: filter.ecosystem });
    }
    return paginate(query, 'org', { column: 'org.sortName', valueOf: (o) => o.sortName }, args);
  }
}

import { countsByKey, likePattern, pagesByKey, windowedList, type GroupedListSpec, type KeysetPageArgs, type LazyPage, type WindowedKey } from '@ecosystem/shared';
import type DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { Organization } from '../organization/organization.entity';
import { Membership } from './membership.entity';
import { type MemberFilter } from './membership.inputs';

/** Plain-object form of the filter (stable JSON for cache keys). */
export interface MemberFilterValue {
  roles: string[];
  kinds: string[];
  filieres: string[];
  text: string | null;
  includePast: boolean;
}

export function memberFilterValue(filter: MemberFilter | null | undefined): MemberFilterValue {
  return {
    roles: [...(filter?.roles ?? [])].sort(),
    kinds: [...(filter?.kinds ?? [])].sort(),
    filieres: [...(filter?.filieres ?? [])].sort(),
    text: filter?.text?.trim() || null,
    includePast: filter?.includePast ?? false,
  };
}

/** The window of `membersByEcosystem`: a page of the members a filter keeps. */
export interface MembersPage extends KeysetPageArgs {
  filter: MemberFilterValue;
}

export interface MembershipLoaders {
  /** Members of an ecosystem, one page per (ecosystem, filter, first, after), ordered by organisation name. */
  membersByEcosystem: DataLoader<WindowedKey<MembersPage>, LazyPage<Membership>, string>;
  membersCountByEcosystem: DataLoader<WindowedKey<MemberFilterValue>, number, string>;
}

function membersOf(filter: MemberFilterValue): GroupedListSpec {
  return {
    base: (query) => {
      query
        .from(Membership, 'm')
        .innerJoin(Organization, 'o', 'o.id = m.organizationId')
        .where('m.ecosystemId IN (:...__keys)');
      if (!filter.includePast) query.andWhere('m.until IS NULL');
      if (filter.roles.length) query.andWhere('m.role IN (:...__roles)', { __roles: filter.roles });
      if (filter.kinds.length) query.andWhere('o.kind IN (:...__kinds)', { __kinds: filter.kinds });
      if (filter.text) query.andWhere('o.searchText LIKE :__text', { __text: likePattern(filter.text) });
      if (filter.filieres.length) {
        // Filières are a short JSON list: match each as a quoted JSON string.
        query.andWhere(`(${filter.filieres.map((_, i) => `m.filieres LIKE :__filiere${i}`).join(' OR ')})`,
          Object.fromEntries(filter.filieres.map((f, i) => [`__filiere${i}`, `%"${f}"%`])));
      }
      return query;
    },
    partition: 'm.ecosystemId',
    sort: 'o.sortName',
    id: 'm.id',
  };
}

export function createMembershipLoaders(dataSource: DataSource): MembershipLoaders {
  const membersCountByEcosystem = windowedList<MemberFilterValue, number>({
    load: (ids, filter) => countsByKey(dataSource, membersOf(filter), ids),
  });
  return {
    membersByEcosystem: windowedList<MembersPage, LazyPage<Membership>>({
      load: (ids, page) =>
        pagesByKey(dataSource, Membership, membersOf(page.filter), ids, page, (id) =>
          membersCountByEcosystem.load({ id, window: page.filter }),
        ),
    }),
    membersCountByEcosystem,
  };
}

import { facetType, labelOf } from '@ecosystem/shared';
import { Field, ObjectType } from 'type-graphql';
import { type MembersContext } from '../context';
import { MembershipRole } from '../membership/membership.entity';
import { directoryIndexOf } from './directory-index';
import { CompanySize, OrgKind, Sector } from './organization.enums';
import { COMPANY_SIZE_LABELS, MEMBERSHIP_ROLE_LABELS, ORG_KIND_LABELS, SECTOR_LABELS } from './organization.labels';

const COUNTED = 'Organisations matching every other field of the filter (not this facet\u2019s own selection) with this value.';

export const OrgKindFacet = facetType<MembersContext>('OrgKindFacet', 'An organisation kind and how many organisations have it.', {
  value: () => OrgKind,
  valueDescription: 'The kind.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(ORG_KIND_LABELS, value, language),
});

export const SectorFacet = facetType<MembersContext>('SectorFacet', 'A sector and how many organisations are active in it.', {
  value: () => Sector,
  valueDescription: 'The sector.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(SECTOR_LABELS, value, language),
});

export const CompanySizeFacet = facetType<MembersContext>('CompanySizeFacet', 'A size category and how many organisations have it.', {
  value: () => CompanySize,
  valueDescription: 'The size category.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(COMPANY_SIZE_LABELS, value, language),
});

export const MembershipRoleFacet = facetType<MembersContext>('MembershipRoleFacet', 'A membership role and how many organisations hold it in a current membership.', {
  value: () => MembershipRole,
  valueDescription: 'The role.',
  countDescription: COUNTED,
  label: (value, language) => labelOf(MEMBERSHIP_ROLE_LABELS, value, language),
});

export const EcosystemFacet = facetType<MembersContext>('EcosystemFacet', 'An ecosystem and how many organisations are current members of it.', {
  value: () => String,
  valueDescription: 'The ecosystem code, e.g. MEDICEN (the value of the `ecosystems` filter).',
  countDescription: COUNTED,
  // Ecosystem names are proper names, the same in every language; the directory index holds them.
  label: async (value, _language, context) => (await directoryIndexOf(context.dataSource).ecosystemNames()).get(value) ?? value,
});

@ObjectType({
  description:
    'Counts per filter field over the whole directory (all pages), for a filter sidebar. Disjunctive, as in every search engine: each facet is counted with every other field of the filter applied but not its own, so the values not yet chosen stay visible with the number of organisations they would add.',
})
export class OrganizationFacets {
  @Field(() => [OrgKindFacet.type], { description: 'Per organisation kind (filter `kinds`).' })
  kinds!: InstanceType<typeof OrgKindFacet.type>[];

  @Field(() => [SectorFacet.type], { description: 'Per sector (filter `sectors`).' })
  sectors!: InstanceType<typeof SectorFacet.type>[];

  @Field(() => [EcosystemFacet.type], { description: 'Per ecosystem code, current memberships (filter `ecosystems`).' })
  ecosystems!: InstanceType<typeof EcosystemFacet.type>[];

  @Field(() => [MembershipRoleFacet.type], { description: 'Per membership role, current memberships, organisations counted once per role (filter `roles`).' })
  roles!: InstanceType<typeof MembershipRoleFacet.type>[];

  @Field(() => [CompanySizeFacet.type], { description: 'Per size category, organisations with one (filter `sizes`).' })
  sizes!: InstanceType<typeof CompanySizeFacet.type>[];
}

/** The label resolvers of the directory's facets (added to the schema's resolvers). */
export const ORGANIZATION_FACET_RESOLVERS = [OrgKindFacet, SectorFacet, CompanySizeFacet, MembershipRoleFacet, EcosystemFacet].map((facet) => facet.resolver);

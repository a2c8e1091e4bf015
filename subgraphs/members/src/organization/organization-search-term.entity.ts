import { RefPrimaryColumn, SEARCH_TERM_LENGTH, searchWords } from '@ecosystem/shared';
import { Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One row per distinct word of an organisation's folded name and acronym: the directory's text
 * search looks words up by prefix (`term LIKE 'sant%'`), which reads the primary key as a range,
 * where `searchText LIKE '%sant%'` had to scan every organisation. Written with the organisation
 * (upsert, demo seed, migration backfill).
 */
@Entity('organization_search_term')
@Index('idx_organization_search_term_org', ['organizationId'])
export class OrganizationSearchTerm {
  // Declared first: the primary key is (term, organizationId), so a prefix of `term` is a range of it.
  @PrimaryColumn({ type: 'varchar', length: SEARCH_TERM_LENGTH })
  term!: string;

  @RefPrimaryColumn()
  organizationId!: string;
}

/** The term rows of an organisation: the distinct words of foldForSearch(name, acronym), cut to 64 characters. */
export function organizationSearchTerms(organization: { id: string; name: string; acronym: string | null }): OrganizationSearchTerm[] {
  return searchWords(organization.name, organization.acronym).map((term) => ({ term, organizationId: organization.id }));
}

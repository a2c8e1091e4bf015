/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** INSEE company size category. */
export type CompanySize =
  /** Entreprise de taille intermédiaire: fewer than 5,000 people. */
  | 'ETI'
  /** Grande entreprise. */
  | 'GE'
  /** Microentreprise: fewer than 10 people. */
  | 'MICRO'
  /** Petite ou moyenne entreprise: fewer than 250 people. */
  | 'PME';

/** Language of the labels people read (facet values, enum values). French when not given. */
export type Language =
  /** English. */
  | 'EN'
  /** French (the default). */
  | 'FR';

/** The part an organisation plays in an ecosystem. */
export type MembershipRole =
  /** Large company sponsoring the ecosystem. */
  | 'CORPORATE_SPONSOR'
  /** Founding member. */
  | 'FOUNDING_MEMBER'
  /** Public institution or regulator taking part. */
  | 'INSTITUTIONAL'
  /** Ordinary member. */
  | 'MEMBER'
  /** Operates the ecosystem. */
  | 'OPERATOR'
  /** Member of the pedagogical committee. */
  | 'PEDAGOGICAL_COMMITTEE'
  /** Hosted on the campus. */
  | 'RESIDENT'
  /** Partner delivering training. */
  | 'TRAINING_PARTNER';

/** What kind of organisation this is. */
export type OrgKind =
  /** Competitiveness cluster or other cluster. */
  | 'CLUSTER'
  /** Hospital or care facility (FINESS). */
  | 'HOSPITAL'
  /** Industry federation. */
  | 'INDUSTRY_FEDERATION'
  /** Investor or funder. */
  | 'INVESTOR'
  /** Large company (GE). */
  | 'LARGE_COMPANY'
  /** Intermediate-sized enterprise (ETI). */
  | 'MID_CAP'
  /** Mutual health insurer. */
  | 'MUTUAL_INSURER'
  /** Any other kind. */
  | 'OTHER'
  /** Patient association (RNA). */
  | 'PATIENT_ASSOCIATION'
  /** Public agency or public-interest group. */
  | 'PUBLIC_AGENCY'
  /** Regulatory or supervisory authority (CNIL, HAS, ANSM...). */
  | 'REGULATOR'
  /** Public or private research institute. */
  | 'RESEARCH_INSTITUTE'
  /** School of engineering, business or health. */
  | 'SCHOOL'
  /** Small or medium-sized enterprise (PME). */
  | 'SME'
  /** Young innovative company. */
  | 'STARTUP'
  /** Training provider. */
  | 'TRAINING_PROVIDER'
  /** University. */
  | 'UNIVERSITY';

/** Filters of the organisation directory; all given filters must match. */
export type OrganizationFilter = {
  /** Located in this city, e.g. Évry-Courcouronnes (case and accents ignored). */
  city?: string | null | undefined;
  /** Current member of the ecosystem with this code (e.g. MEDICEN; case ignored). */
  ecosystem?: string | null | undefined;
  /** Current member of any of the ecosystems with these codes (case ignored). */
  ecosystems?: Array<string> | null | undefined;
  /** Any of these kinds. */
  kinds?: Array<OrgKind> | null | undefined;
  /** Located in this region, e.g. Île-de-France (case and accents ignored: ile-de-france). */
  region?: string | null | undefined;
  /** With a current membership in any of these roles (in the given ecosystems, when some are given). */
  roles?: Array<MembershipRole> | null | undefined;
  /** Active in any of these sectors. */
  sectors?: Array<Sector> | null | undefined;
  /** Any of these size categories (facet `sizes`). */
  sizes?: Array<CompanySize> | null | undefined;
  /** Words in the name or acronym; case and accents ignored. */
  text?: string | null | undefined;
};

/** Sector (filière) of health innovation. */
export type Sector =
  /** Biotechnology. */
  | 'BIOTECH'
  /** Health data and artificial intelligence (cross-cutting axis). */
  | 'DATA_AI'
  /** In-vitro and imaging diagnostics. */
  | 'DIAGNOSTICS'
  /** Digital health (e-santé). */
  | 'E_HEALTH'
  /** Medical technology and devices. */
  | 'MEDTECH'
  /** Pharmaceutical industry. */
  | 'PHARMA'
  /** Services, consulting, insurance and public services. */
  | 'SERVICES';

export type MemberDirectoryQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
  filter?: OrganizationFilter | null | undefined;
  lang?: Language | null | undefined;
}>;


export type MemberDirectoryQuery = { organizations: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, facets: { ecosystems: Array<{ value: string, label: string, count: number }>, kinds: Array<{ value: OrgKind, label: string, count: number }>, sectors: Array<{ value: Sector, label: string, count: number }>, roles: Array<{ value: MembershipRole, label: string, count: number }> }, edges: Array<{ cursor: string, node: { id: string, name: string, acronym: string | null, kind: OrgKind, sectors: Array<Sector>, website: string | null, memberships: Array<{ role: MembershipRole, since: string | null, ecosystem: { code: string, name: string } }> } }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const MemberDirectoryDocument = new TypedDocumentString(`
    query MemberDirectory($first: Int!, $after: String, $filter: OrganizationFilter, $lang: Language) {
  organizations(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    facets {
      ecosystems {
        value
        label(lang: $lang)
        count
      }
      kinds {
        value
        label(lang: $lang)
        count
      }
      sectors {
        value
        label(lang: $lang)
        count
      }
      roles {
        value
        label(lang: $lang)
        count
      }
    }
    edges {
      cursor
      node {
        id
        name
        acronym
        kind
        sectors
        website
        memberships {
          role
          since
          ecosystem {
            code
            name
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MemberDirectoryQuery, MemberDirectoryQueryVariables>;
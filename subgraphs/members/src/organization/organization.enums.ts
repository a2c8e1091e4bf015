import { registerEnumType } from 'type-graphql';

export enum OrgKind {
  STARTUP = 'STARTUP',
  SME = 'SME',
  MID_CAP = 'MID_CAP',
  LARGE_COMPANY = 'LARGE_COMPANY',
  RESEARCH_INSTITUTE = 'RESEARCH_INSTITUTE',
  UNIVERSITY = 'UNIVERSITY',
  SCHOOL = 'SCHOOL',
  HOSPITAL = 'HOSPITAL',
  PUBLIC_AGENCY = 'PUBLIC_AGENCY',
  REGULATOR = 'REGULATOR',
  PATIENT_ASSOCIATION = 'PATIENT_ASSOCIATION',
  INVESTOR = 'INVESTOR',
  MUTUAL_INSURER = 'MUTUAL_INSURER',
  TRAINING_PROVIDER = 'TRAINING_PROVIDER',
  CLUSTER = 'CLUSTER',
  INDUSTRY_FEDERATION = 'INDUSTRY_FEDERATION',
  OTHER = 'OTHER',
}

export enum Sector {
  BIOTECH = 'BIOTECH',
  MEDTECH = 'MEDTECH',
  E_HEALTH = 'E_HEALTH',
  DATA_AI = 'DATA_AI',
  PHARMA = 'PHARMA',
  DIAGNOSTICS = 'DIAGNOSTICS',
  SERVICES = 'SERVICES',
}

registerEnumType(OrgKind, {
  name: 'OrgKind',
  description: 'What kind of organisation this is.',
  valuesConfig: {
    STARTUP: { description: 'Young innovative company.' },
    SME: { description: 'Small or medium-sized enterprise (PME).' },
    MID_CAP: { description: 'Intermediate-sized enterprise (ETI).' },
    LARGE_COMPANY: { description: 'Large company (GE).' },
    RESEARCH_INSTITUTE: { description: 'Public or private research institute.' },
    UNIVERSITY: { description: 'University.' },
    SCHOOL: { description: 'School of engineering, business or health.' },
    HOSPITAL: { description: 'Hospital or care facility (FINESS).' },
    PUBLIC_AGENCY: { description: 'Public agency or public-interest group.' },
    REGULATOR: { description: 'Regulatory or supervisory authority (CNIL, HAS, ANSM...).' },
    PATIENT_ASSOCIATION: { description: 'Patient association (RNA).' },
    INVESTOR: { description: 'Investor or funder.' },
    MUTUAL_INSURER: { description: 'Mutual health insurer.' },
    TRAINING_PROVIDER: { description: 'Training provider.' },
    CLUSTER: { description: 'Competitiveness cluster or other cluster.' },
    INDUSTRY_FEDERATION: { description: 'Industry federation.' },
    OTHER: { description: 'Any other kind.' },
  },
});

registerEnumType(Sector, {
  name: 'Sector',
  description: 'Sector (filière) of health innovation.',
  valuesConfig: {
    BIOTECH: { description: 'Biotechnology.' },
    MEDTECH: { description: 'Medical technology and devices.' },
    E_HEALTH: { description: 'Digital health (e-santé).' },
    DATA_AI: { description: 'Health data and artificial intelligence (cross-cutting axis).' },
    PHARMA: { description: 'Pharmaceutical industry.' },
    DIAGNOSTICS: { description: 'In-vitro and imaging diagnostics.' },
    SERVICES: { description: 'Services, consulting, insurance and public services.' },
  },
});

export enum CompanySize {
  MICRO = 'MICRO',
  PME = 'PME',
  ETI = 'ETI',
  GE = 'GE',
}

registerEnumType(CompanySize, {
  name: 'CompanySize',
  description: 'INSEE company size category.',
  valuesConfig: {
    MICRO: { description: 'Microentreprise: fewer than 10 people.' },
    PME: { description: 'Petite ou moyenne entreprise: fewer than 250 people.' },
    ETI: { description: 'Entreprise de taille intermédiaire: fewer than 5,000 people.' },
    GE: { description: 'Grande entreprise.' },
  },
});

export enum OrganizationOrder {
  NAME_ASC = 'NAME_ASC',
  NAME_DESC = 'NAME_DESC',
}

registerEnumType(OrganizationOrder, {
  name: 'OrganizationOrder',
  description: 'Sort order of the organisation directory.',
  valuesConfig: {
    NAME_ASC: { description: 'By name, A to Z (case and accents ignored).' },
    NAME_DESC: { description: 'By name, Z to A.' },
  },
});

/** ROR organisation types (https://ror.readme.io/docs/ror-data-structure). */
export const ROR_TYPES = ['education', 'healthcare', 'company', 'government', 'nonprofit', 'facility', 'funder', 'archive', 'other'] as const;

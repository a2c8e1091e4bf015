import { type Labels } from '@ecosystem/shared';
import { type MembershipRole } from '../membership/membership.entity';
import { type CompanySize, type OrgKind, type Sector } from './organization.enums';

/** What people read for the directory's codes, French first. */
export const ORG_KIND_LABELS: Labels<OrgKind> = {
  STARTUP: { fr: 'Start-up', en: 'Start-up' },
  SME: { fr: 'PME', en: 'SME' },
  MID_CAP: { fr: 'ETI', en: 'Mid-cap' },
  LARGE_COMPANY: { fr: 'Grande entreprise', en: 'Large company' },
  RESEARCH_INSTITUTE: { fr: 'Institut de recherche', en: 'Research institute' },
  UNIVERSITY: { fr: 'Université', en: 'University' },
  SCHOOL: { fr: 'École', en: 'School' },
  HOSPITAL: { fr: 'Établissement de santé', en: 'Hospital' },
  PUBLIC_AGENCY: { fr: 'Agence publique', en: 'Public agency' },
  REGULATOR: { fr: 'Autorité de régulation', en: 'Regulator' },
  PATIENT_ASSOCIATION: { fr: 'Association de patients', en: 'Patient association' },
  INVESTOR: { fr: 'Investisseur', en: 'Investor' },
  MUTUAL_INSURER: { fr: 'Mutuelle', en: 'Mutual insurer' },
  TRAINING_PROVIDER: { fr: 'Organisme de formation', en: 'Training provider' },
  CLUSTER: { fr: 'Pôle ou cluster', en: 'Cluster' },
  INDUSTRY_FEDERATION: { fr: 'Fédération professionnelle', en: 'Industry federation' },
  OTHER: { fr: 'Autre', en: 'Other' },
};

export const SECTOR_LABELS: Labels<Sector> = {
  BIOTECH: { fr: 'Biotechnologies', en: 'Biotech' },
  MEDTECH: { fr: 'Dispositifs médicaux', en: 'Medtech' },
  E_HEALTH: { fr: 'e-santé', en: 'Digital health' },
  DATA_AI: { fr: 'Données et IA', en: 'Data & AI' },
  PHARMA: { fr: 'Pharmacie', en: 'Pharma' },
  DIAGNOSTICS: { fr: 'Diagnostic', en: 'Diagnostics' },
  SERVICES: { fr: 'Services', en: 'Services' },
};

export const COMPANY_SIZE_LABELS: Labels<CompanySize> = {
  MICRO: { fr: 'Microentreprise', en: 'Micro-enterprise' },
  PME: { fr: 'PME', en: 'Small or medium enterprise' },
  ETI: { fr: 'ETI', en: 'Mid-sized enterprise' },
  GE: { fr: 'Grande entreprise', en: 'Large enterprise' },
};

export const MEMBERSHIP_ROLE_LABELS: Labels<MembershipRole> = {
  MEMBER: { fr: 'Adhérent', en: 'Member' },
  FOUNDING_MEMBER: { fr: 'Membre fondateur', en: 'Founding member' },
  RESIDENT: { fr: 'Résident', en: 'Resident' },
  CORPORATE_SPONSOR: { fr: 'Grand partenaire', en: 'Corporate sponsor' },
  INSTITUTIONAL: { fr: 'Partenaire institutionnel', en: 'Institutional partner' },
  TRAINING_PARTNER: { fr: 'Partenaire de formation', en: 'Training partner' },
  PEDAGOGICAL_COMMITTEE: { fr: 'Comité pédagogique', en: 'Pedagogical committee' },
  OPERATOR: { fr: 'Opérateur', en: 'Operator' },
};

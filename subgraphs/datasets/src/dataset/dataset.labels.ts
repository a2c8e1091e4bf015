import { type Labels } from '@ecosystem/shared';
import { type AccessModality, type AccessRights, type CodingSystem, type DatasetTypology, type HdhPosition, type HealthCategory } from './dataset.enums';

/** What people read for the catalogue's codes, French first. */
export const ACCESS_RIGHTS_LABELS: Labels<AccessRights> = {
  PUBLIC: { fr: 'Public (données ouvertes)', en: 'Public (open data)' },
  RESTRICTED: { fr: 'Accès sous conditions', en: 'Restricted' },
  NON_PUBLIC: { fr: 'Non public', en: 'Non-public' },
};

export const HEALTH_CATEGORY_LABELS: Labels<HealthCategory> = {
  EHRS: { fr: 'Dossiers de santé électroniques', en: 'Electronic health records' },
  HRAD: { fr: 'Données médico-administratives', en: 'Claims and administrative data' },
  MRMR: { fr: 'Registres médicaux et de mortalité', en: 'Medical and mortality registries' },
  EHCT: { fr: 'Essais et investigations cliniques', en: 'Clinical trials and investigations' },
  HGPD: { fr: 'Données génétiques, génomiques et protéomiques', en: 'Genetic, genomic and proteomic data' },
  PHDR: { fr: 'Données de santé générées par les personnes', en: 'Person-generated health data' },
  RMMD: { fr: 'Cohortes, questionnaires et enquêtes', en: 'Cohorts, questionnaires and surveys' },
  RQSH: { fr: 'Registres qualité et sécurité des soins', en: 'Quality and safety registries' },
  WELA: { fr: 'Bien-être et mode de vie', en: 'Wellness and lifestyle' },
  DIOH: { fr: 'Déterminants de santé', en: 'Determinants of health' },
  RPDG: { fr: 'Génomique des pathogènes', en: 'Pathogen genomics' },
  IDHP: { fr: 'Identification des professionnels de santé', en: 'Health professionals identification' },
  EINS: { fr: 'Registres de santé publique', en: 'Population health registries' },
  EMRD: { fr: 'Dispositifs médicaux et médicaments', en: 'Medical devices and medicinal products' },
  HPML: { fr: 'Marché et cycle de vie des produits de santé', en: 'Health product market and lifecycle' },
  PGEH: { fr: 'Politiques et gouvernance de santé', en: 'Health policies and governance' },
};

export const DATASET_TYPOLOGY_LABELS: Labels<DatasetTypology> = {
  COHORT: { fr: 'Cohorte', en: 'Cohort' },
  REGISTRY: { fr: 'Registre', en: 'Registry' },
  HOSPITAL_DATA_WAREHOUSE: { fr: 'Entrepôt de données de santé (EDS)', en: 'Hospital data warehouse' },
  CLAIMS: { fr: 'Données médico-administratives', en: 'Claims data' },
  CLINICAL_TRIAL: { fr: 'Essai clinique', en: 'Clinical trial' },
  IMAGING: { fr: 'Imagerie médicale', en: 'Medical imaging' },
  OMICS: { fr: 'Omiques', en: 'Omics' },
  DEVICE_OR_APP_RWD: { fr: 'Données de vie réelle (dispositifs, applications)', en: 'Real-world data (devices, apps)' },
  SURVEY: { fr: 'Enquête', en: 'Survey' },
  BIOBANK: { fr: 'Biobanque', en: 'Biobank' },
};

export const CODING_SYSTEM_LABELS: Labels<CodingSystem> = {
  ICD10: { fr: 'CIM-10', en: 'ICD-10' },
  CCAM: { fr: 'CCAM', en: 'CCAM' },
  ATC: { fr: 'ATC', en: 'ATC' },
  LOINC: { fr: 'LOINC', en: 'LOINC' },
  SNOMED_CT: { fr: 'SNOMED CT', en: 'SNOMED CT' },
  ICD_O_3: { fr: 'CIM-O-3', en: 'ICD-O-3' },
  ORPHA: { fr: 'ORPHAcodes', en: 'ORPHAcodes' },
  MEDDRA: { fr: 'MedDRA', en: 'MedDRA' },
  CIP_UCD: { fr: 'CIP / UCD', en: 'CIP / UCD' },
  GHM: { fr: 'GHM', en: 'DRG (GHM)' },
  OMOP: { fr: 'OMOP', en: 'OMOP' },
};

export const HDH_POSITION_LABELS: Labels<HdhPosition> = {
  SNDS_MAIN_DATABASE: { fr: 'Base principale du SNDS', en: 'SNDS main database' },
  SNDS_CATALOGUE: { fr: 'Catalogue du SNDS', en: 'SNDS catalogue' },
  CATALOGUE_CANDIDATE: { fr: 'Candidat au catalogue', en: 'Catalogue candidate' },
  PARTNER_PROJECT: { fr: 'Projet partenaire', en: 'Partner project' },
  NOT_LISTED: { fr: 'Non référencé', en: 'Not listed' },
};

export const ACCESS_MODALITY_LABELS: Labels<AccessModality> = {
  OPEN_DATA: { fr: 'Données ouvertes', en: 'Open data' },
  PERMANENT_ACCESS: { fr: 'Accès permanent', en: 'Permanent access' },
  PROJECT_CESREES_CNIL: { fr: 'Projet : CESREES puis CNIL', en: 'Per project: CESREES then CNIL' },
  REFERENCE_METHODOLOGY: { fr: 'Méthodologie de référence (MR)', en: 'Reference methodology (MR)' },
  CPP_HUMAN_RESEARCH: { fr: 'Recherche impliquant la personne humaine (CPP)', en: 'Human research (CPP)' },
  PARTNERSHIP_AGREEMENT: { fr: 'Convention de partenariat', en: 'Partnership agreement' },
  EHDS_DATA_PERMIT: { fr: 'Autorisation EHDS', en: 'EHDS data permit' },
  EHDS_DATA_REQUEST: { fr: 'Demande de données EHDS', en: 'EHDS data request' },
};

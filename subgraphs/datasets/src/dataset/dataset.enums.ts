import { registerEnumType } from 'type-graphql';

/** DCAT-AP access rights (EU access-right vocabulary). */
export enum AccessRights {
  PUBLIC = 'PUBLIC',
  RESTRICTED = 'RESTRICTED',
  NON_PUBLIC = 'NON_PUBLIC',
}

/** EHDS categories of electronic health data (HealthDCAT-AP healthCategory vocabulary, draft). */
export enum HealthCategory {
  EHRS = 'EHRS',
  HRAD = 'HRAD',
  MRMR = 'MRMR',
  EHCT = 'EHCT',
  HGPD = 'HGPD',
  PHDR = 'PHDR',
  RMMD = 'RMMD',
  RQSH = 'RQSH',
  WELA = 'WELA',
  DIOH = 'DIOH',
  RPDG = 'RPDG',
  IDHP = 'IDHP',
  EINS = 'EINS',
  EMRD = 'EMRD',
  HPML = 'HPML',
  PGEH = 'PGEH',
}

export enum DatasetTypology {
  COHORT = 'COHORT',
  REGISTRY = 'REGISTRY',
  HOSPITAL_DATA_WAREHOUSE = 'HOSPITAL_DATA_WAREHOUSE',
  CLAIMS = 'CLAIMS',
  CLINICAL_TRIAL = 'CLINICAL_TRIAL',
  IMAGING = 'IMAGING',
  OMICS = 'OMICS',
  DEVICE_OR_APP_RWD = 'DEVICE_OR_APP_RWD',
  SURVEY = 'SURVEY',
  BIOBANK = 'BIOBANK',
}

export enum CodingSystem {
  ICD10 = 'ICD10',
  CCAM = 'CCAM',
  ATC = 'ATC',
  LOINC = 'LOINC',
  SNOMED_CT = 'SNOMED_CT',
  ICD_O_3 = 'ICD_O_3',
  ORPHA = 'ORPHA',
  MEDDRA = 'MEDDRA',
  CIP_UCD = 'CIP_UCD',
  GHM = 'GHM',
  OMOP = 'OMOP',
}

export enum HdhPosition {
  SNDS_MAIN_DATABASE = 'SNDS_MAIN_DATABASE',
  SNDS_CATALOGUE = 'SNDS_CATALOGUE',
  CATALOGUE_CANDIDATE = 'CATALOGUE_CANDIDATE',
  PARTNER_PROJECT = 'PARTNER_PROJECT',
  NOT_LISTED = 'NOT_LISTED',
}

export enum AccessModality {
  OPEN_DATA = 'OPEN_DATA',
  PERMANENT_ACCESS = 'PERMANENT_ACCESS',
  PROJECT_CESREES_CNIL = 'PROJECT_CESREES_CNIL',
  REFERENCE_METHODOLOGY = 'REFERENCE_METHODOLOGY',
  CPP_HUMAN_RESEARCH = 'CPP_HUMAN_RESEARCH',
  PARTNERSHIP_AGREEMENT = 'PARTNERSHIP_AGREEMENT',
  EHDS_DATA_PERMIT = 'EHDS_DATA_PERMIT',
  EHDS_DATA_REQUEST = 'EHDS_DATA_REQUEST',
}

/** How an organisation relates to a dataset (`Organization.datasets(role)`). */
export enum DatasetRole {
  PUBLISHER = 'PUBLISHER',
  CREATOR = 'CREATOR',
  HDAB = 'HDAB',
}

registerEnumType(AccessRights, {
  name: 'AccessRights',
  description: 'Who may access the data (DCAT-AP dct:accessRights).',
  valuesConfig: {
    PUBLIC: { description: 'Open to everyone (open data).' },
    RESTRICTED: { description: 'Available under conditions (agreement, authorisation).' },
    NON_PUBLIC: { description: 'Not publicly accessible: personal health data, access only after authorisation.' },
  },
});

registerEnumType(HealthCategory, {
  name: 'HealthCategory',
  description: 'EHDS category of electronic health data (HealthDCAT-AP healthdcatap:healthCategory).',
  valuesConfig: {
    EHRS: { description: 'Electronic health records.' },
    HRAD: { description: 'Claims, reimbursement and administrative data.' },
    MRMR: { description: 'Medical registries and mortality registries.' },
    EHCT: { description: 'Data from clinical trials and clinical investigations.' },
    HGPD: { description: 'Human genetic, genomic and proteomic data.' },
    PHDR: { description: 'Person-generated health data (devices, apps, wearables).' },
    RMMD: { description: 'Research cohorts, questionnaires and surveys.' },
    RQSH: { description: 'Data from quality and safety registries of health professionals and facilities.' },
    WELA: { description: 'Wellness and lifestyle data.' },
    DIOH: { description: 'Determinants of health: environmental, social, behavioural.' },
    RPDG: { description: 'Pathogen genomic data impacting human health.' },
    IDHP: { description: 'Identification data of health professionals and care providers.' },
    EINS: { description: 'Population-wide health data registries (public health).' },
    EMRD: { description: 'Medical device and medicinal product data.' },
    HPML: { description: 'Health product market and lifecycle data.' },
    PGEH: { description: 'Data on health-related policies and governance.' },
  },
});

registerEnumType(DatasetTypology, {
  name: 'DatasetTypology',
  description: 'The kind of data source a dataset comes from.',
  valuesConfig: {
    COHORT: { description: 'A research cohort followed over time.' },
    REGISTRY: { description: 'A disease or procedure registry.' },
    HOSPITAL_DATA_WAREHOUSE: { description: 'A hospital clinical data warehouse (EDS).' },
    CLAIMS: { description: 'Claims and reimbursement data (SNDS, PMSI...).' },
    CLINICAL_TRIAL: { description: 'Data from clinical trials.' },
    IMAGING: { description: 'Medical imaging collections.' },
    OMICS: { description: 'Genomic, proteomic or other omics data.' },
    DEVICE_OR_APP_RWD: { description: 'Real-world data from medical devices or health apps.' },
    SURVEY: { description: 'Health surveys and questionnaires.' },
    BIOBANK: { description: 'Biobank with associated data.' },
  },
});

registerEnumType(CodingSystem, {
  name: 'CodingSystem',
  description: 'A terminology or coding system used in the data.',
  valuesConfig: {
    ICD10: { description: 'International Classification of Diseases, 10th revision (CIM-10).' },
    CCAM: { description: 'Classification commune des actes médicaux.' },
    ATC: { description: 'Anatomical Therapeutic Chemical classification of medicines.' },
    LOINC: { description: 'Logical Observation Identifiers Names and Codes (laboratory).' },
    SNOMED_CT: { description: 'SNOMED Clinical Terms.' },
    ICD_O_3: { description: 'International Classification of Diseases for Oncology, 3rd edition.' },
    ORPHA: { description: 'Orphanet nomenclature of rare diseases.' },
    MEDDRA: { description: 'Medical Dictionary for Regulatory Activities.' },
    CIP_UCD: { description: 'French drug codes (CIP presentations, UCD dispensing units).' },
    GHM: { description: 'Groupes homogènes de malades (French DRG).' },
    OMOP: { description: 'OMOP common data model and its standard vocabularies.' },
  },
});

registerEnumType(HdhPosition, {
  name: 'HdhPosition',
  description: 'Position of the dataset relative to the Health Data Hub (Plateforme des données de santé).',
  valuesConfig: {
    SNDS_MAIN_DATABASE: { description: 'Part of the SNDS main database (SNIIRAM, PMSI, CépiDc, disability data).' },
    SNDS_CATALOGUE: { description: 'In the SNDS catalogue (registries, cohorts, warehouses listed by order).' },
    CATALOGUE_CANDIDATE: { description: 'Candidate for the SNDS catalogue.' },
    PARTNER_PROJECT: { description: 'Used in a Health Data Hub partner project.' },
    NOT_LISTED: { description: 'Not known to the Health Data Hub.' },
  },
});

registerEnumType(AccessModality, {
  name: 'AccessModality',
  description: 'A legal or contractual route to access the data.',
  valuesConfig: {
    OPEN_DATA: { description: 'Open data, no request needed.' },
    PERMANENT_ACCESS: { description: 'Permanent access granted by decree to some bodies.' },
    PROJECT_CESREES_CNIL: { description: 'Per project: CESREES opinion then CNIL authorisation.' },
    REFERENCE_METHODOLOGY: { description: 'Per project under a CNIL reference methodology (MR-001 to MR-008).' },
    CPP_HUMAN_RESEARCH: { description: 'Research involving the human person: CPP ethics committee.' },
    PARTNERSHIP_AGREEMENT: { description: 'Partnership or data-sharing agreement with the holder.' },
    EHDS_DATA_PERMIT: { description: 'EHDS data permit from a health data access body.' },
    EHDS_DATA_REQUEST: { description: 'EHDS data request for anonymous statistical results.' },
  },
});

registerEnumType(DatasetRole, {
  name: 'DatasetRole',
  description: 'How an organisation relates to a dataset.',
  valuesConfig: {
    PUBLISHER: { description: 'Publishes the dataset (dct:publisher).' },
    CREATOR: { description: 'Created or produces the data (dct:creator).' },
    HDAB: { description: 'Health data access body competent for the dataset (healthdcatap:hdab).' },
  },
});

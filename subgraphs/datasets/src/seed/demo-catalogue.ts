import {
  demoDatasetRefs,
  type DemoDatasetRef,
  demoId,
  demoOrganizations,
  type DemoOrganization,
  demoProjectIds,
  seededFaker,
} from '@ecosystem/shared';

type Faker = ReturnType<typeof seededFaker>;
import { AccessModality, AccessRights, CodingSystem, DatasetTypology, HdhPosition, HealthCategory } from '../dataset/dataset.enums';

/*
 * The demo catalogue as plain rows: the ids, identifiers, titles and publishers of
 * `demoDatasetRefs()`, the rest filled in with plausible HealthDCAT-AP values. Deterministic.
 */

export interface DemoDistribution {
  id: string;
  datasetId: string;
  position: number;
  title: string;
  accessURL: string;
  downloadURL: string | null;
  format: string;
  mediaType: string | null;
  byteSize: string | null;
  license: string | null;
  accessService: string;
}

export interface DemoDataset {
  id: string;
  key: string;
  identifier: string;
  titleFr: string;
  titleEn: string | null;
  descriptionFr: string;
  descriptionEn: string | null;
  catalogueId: string;
  publisherId: string;
  hdabId: string | null;
  contactName: string;
  contactEmail: string | null;
  contactUrl: string | null;
  themes: string[];
  keywords: string[];
  healthCategories: HealthCategory[];
  healthThemes: string[];
  typology: DatasetTypology;
  spatial: string[];
  temporalStart: string | null;
  temporalEnd: string | null;
  accrualPeriodicity: string | null;
  accessRights: AccessRights;
  applicableLegislation: string[];
  legalBasis: string[];
  personalData: string[];
  purposes: string[];
  populationCoverage: string | null;
  minTypicalAge: number | null;
  maxTypicalAge: number | null;
  numberOfRecords: string | null;
  numberOfUniqueIndividuals: string | null;
  codingSystems: CodingSystem[];
  conformsTo: string[];
  trustedDataHolder: boolean | null;
  retentionStart: string | null;
  retentionEnd: string | null;
  qualityAnnotations: string[];
  hdhPosition: HdhPosition;
  accessModalities: AccessModality[];
  issued: Date;
  modified: Date;
  version: string;
  landingPage: string;
  creatorIds: string[];
  distributions: DemoDistribution[];
  projectIds: string[];
}

export interface DemoCatalogue {
  id: string;
  title: string;
  description: string;
  homepage: string;
  publisherId: string;
}

const GDPR = 'http://data.europa.eu/eli/reg/2016/679/oj';
const EHDS = 'http://data.europa.eu/eli/reg/2025/327/oj';
const SNDS_LAW = 'https://www.legifrance.gouv.fr/codes/article_lc/LEGIARTI000038886404';

const org = (key: string): DemoOrganization => {
  const found = demoOrganizations().find((o) => o.key === key);
  if (!found) throw new Error(`Unknown demo organisation ${key}`);
  return found;
};

export function demoCatalogues(): DemoCatalogue[] {
  return [
    {
      id: demoId('catalogue', 'snds'),
      title: 'Catalogue du SNDS (Plateforme des données de santé)',
      description: 'Base principale du SNDS et bases du catalogue fixées par arrêté (registres, cohortes, entrepôts).',
      homepage: 'https://www.health-data-hub.fr/catalogue-de-donnees',
      publisherId: org('health-data-hub').id,
    },
    {
      id: demoId('catalogue', 'mihd'),
      title: 'Catalogue MIHD \u2013 Medicen Initiatives for Health Data',
      description: 'Jeux de données présentés par les producteurs de l\u2019écosystème lors des webinaires MeetMyData.',
      homepage: 'https://www.medicen.org/mihd',
      publisherId: org('medicen').id,
    },
  ];
}

interface NamedSpec {
  typology: DatasetTypology;
  accessRights: AccessRights;
  hdhPosition: HdhPosition;
  healthCategories: HealthCategory[];
  healthThemes: string[];
  codingSystems: CodingSystem[];
  individuals: string | null;
  records: string | null;
  ages: [number | null, number | null];
  start: string;
  titleEn: string;
  description: string;
  population: string;
}

const NAMED: Record<string, NamedSpec> = {
  'snds-main': {
    typology: DatasetTypology.CLAIMS,
    accessRights: AccessRights.NON_PUBLIC,
    hdhPosition: HdhPosition.SNDS_MAIN_DATABASE,
    healthCategories: [HealthCategory.HRAD, HealthCategory.EHRS, HealthCategory.MRMR],
    healthThemes: ['all conditions', 'health care consumption'],
    codingSystems: [CodingSystem.ICD10, CodingSystem.CCAM, CodingSystem.ATC, CodingSystem.CIP_UCD, CodingSystem.GHM],
    individuals: '68420131',
    records: '31500000000',
    ages: [0, null],
    start: '2006-01-01',
    titleEn: 'French National Health Data System (main database)',
    description:
      'Base principale du SNDS : données de remboursement de l\u2019Assurance maladie (SNIIRAM/DCIR), séjours hospitaliers (PMSI), causes médicales de décès (CépiDc) et données relatives au handicap, pour environ 68 millions de personnes.',
    population: 'Ensemble des bénéficiaires de l\u2019Assurance maladie résidant en France (99 % de la population).',
  },
  'snds-pmsi': {
    typology: DatasetTypology.CLAIMS,
    accessRights: AccessRights.NON_PUBLIC,
    hdhPosition: HdhPosition.SNDS_MAIN_DATABASE,
    healthCategories: [HealthCategory.HRAD, HealthCategory.EHRS],
    healthThemes: ['hospital care'],
    codingSystems: [CodingSystem.ICD10, CodingSystem.CCAM, CodingSystem.GHM, CodingSystem.CIP_UCD],
    individuals: '67950002',
    records: '2480000000',
    ages: [0, null],
    start: '2006-01-01',
    titleEn: 'PMSI: French hospital discharge database',
    description: 'Résumés de séjours hospitaliers (MCO, SSR, HAD, psychiatrie) codés en CIM-10, CCAM et GHM, chaînés au SNDS.',
    population: 'Patients hospitalisés dans un établissement de santé français, public ou privé.',
  },
  'snds-cepidc': {
    typology: DatasetTypology.REGISTRY,
    accessRights: AccessRights.NON_PUBLIC,
    hdhPosition: HdhPosition.SNDS_MAIN_DATABASE,
    healthCategories: [HealthCategory.MRMR],
    healthThemes: ['mortality'],
    codingSystems: [CodingSystem.ICD10],
    individuals: '12830000',
    records: '12830000',
    ages: [0, null],
    start: '2000-01-01',
    titleEn: 'CépiDc: medical causes of death',
    description: 'Causes médicales de décès issues des certificats de décès, codées en CIM-10, chaînées au SNDS.',
    population: 'Personnes décédées en France.',
  },
  constances: {
    typology: DatasetTypology.COHORT,
    accessRights: AccessRights.RESTRICTED,
    hdhPosition: HdhPosition.SNDS_CATALOGUE,
    healthCategories: [HealthCategory.RMMD, HealthCategory.DIOH, HealthCategory.HRAD],
    healthThemes: ['ageing', 'occupational health'],
    codingSystems: [CodingSystem.ICD10, CodingSystem.ATC, CodingSystem.LOINC],
    individuals: '220000',
    records: '48000000',
    ages: [18, 69],
    start: '2012-01-01',
    titleEn: 'Constances cohort',
    description: 'Cohorte épidémiologique généraliste de 220 000 adultes tirés au sort, suivis par questionnaires et examens, appariée au SNDS.',
    population: 'Adultes de 18 à 69 ans affiliés au régime général, dans 21 départements.',
  },
  'cardio-registry': {
    typology: DatasetTypology.REGISTRY,
    accessRights: AccessRights.RESTRICTED,
    hdhPosition: HdhPosition.CATALOGUE_CANDIDATE,
    healthCategories: [HealthCategory.MRMR, HealthCategory.EHRS],
    healthThemes: ['cardiovascular', 'myocardial infarction'],
    codingSystems: [CodingSystem.ICD10, CodingSystem.CCAM, CodingSystem.ATC],
    individuals: '184000',
    records: '920000',
    ages: [18, null],
    start: '2010-01-01',
    titleEn: 'Île-de-France myocardial infarction registry',
    description: 'Registre populationnel des infarctus du myocarde pris en charge par les SAMU et les services de cardiologie d\u2019Île-de-France.',
    population: 'Adultes pris en charge pour un infarctus du myocarde en Île-de-France.',
  },
  'breast-cancer-imaging': {
    typology: DatasetTypology.IMAGING,
    accessRights: AccessRights.RESTRICTED,
    hdhPosition: HdhPosition.PARTNER_PROJECT,
    healthCategories: [HealthCategory.EHRS, HealthCategory.EMRD],
    healthThemes: ['breast cancer', 'screening'],
    codingSystems: [CodingSystem.SNOMED_CT, CodingSystem.ICD_O_3],
    individuals: '96000',
    records: '412000',
    ages: [50, 74],
    start: '2015-01-01',
    titleEn: 'Annotated breast imaging for screening',
    description: 'Mammographies de dépistage organisé annotées par des radiologues, pour l\u2019entraînement et l\u2019évaluation d\u2019algorithmes.',
    population: 'Femmes de 50 à 74 ans participant au dépistage organisé du cancer du sein.',
  },
};

/** English names of the generated titles' parts (kind, topic), so every demo dataset has an English title. */
const KINDS_EN: Record<string, string> = {
  Cohorte: 'cohort',
  Registre: 'registry',
  'Entrepôt de données hospitalier': 'hospital data warehouse',
  'Base d\u2019imagerie': 'imaging database',
  'Données de vie réelle': 'real-world data',
  Enquête: 'survey',
};
const TOPICS_EN: Record<string, string> = {
  cardiovasculaire: 'Cardiovascular',
  'oncologie du sein': 'Breast oncology',
  diabète: 'Diabetes',
  'maladies rares': 'Rare diseases',
  'santé mentale': 'Mental health',
  pédiatrie: 'Paediatric',
  'insuffisance rénale': 'Kidney failure',
  AVC: 'Stroke',
};

/** "Cohorte cardiovasculaire 12" → "Cardiovascular cohort 12"; null for a title of another form. */
export function englishTitleOf(title: string): string | null {
  const kind = Object.keys(KINDS_EN).find((k) => title.startsWith(`${k} `));
  const topic = Object.keys(TOPICS_EN).find((t) => title.includes(` ${t} `));
  const number = /\s(\d+)$/.exec(title)?.[1];
  if (!kind || !topic || !number) return null;
  return `${TOPICS_EN[topic]} ${KINDS_EN[kind]} ${number}`;
}

const TOPICS: Record<string, { theme: string; ages: [number | null, number | null]; extra: CodingSystem[] }> = {
  cardiovasculaire: { theme: 'cardiovascular', ages: [18, null], extra: [] },
  'oncologie du sein': { theme: 'breast cancer', ages: [25, null], extra: [CodingSystem.ICD_O_3] },
  diabète: { theme: 'diabetes', ages: [18, null], extra: [CodingSystem.LOINC] },
  'maladies rares': { theme: 'rare diseases', ages: [0, null], extra: [CodingSystem.ORPHA] },
  'santé mentale': { theme: 'mental health', ages: [12, null], extra: [] },
  pédiatrie: { theme: 'paediatrics', ages: [0, 17], extra: [] },
  'insuffisance rénale': { theme: 'chronic kidney disease', ages: [18, null], extra: [CodingSystem.LOINC] },
  AVC: { theme: 'stroke', ages: [18, null], extra: [] },
};

interface KindSpec {
  prefix: string;
  typology: DatasetTypology;
  categories: HealthCategory[];
  codes: CodingSystem[];
  individuals: [number, number];
  recordsPerIndividual: [number, number];
}

const KINDS: KindSpec[] = [
  { prefix: 'Cohorte', typology: DatasetTypology.COHORT, categories: [HealthCategory.RMMD, HealthCategory.DIOH], codes: [CodingSystem.ICD10, CodingSystem.ATC], individuals: [800, 250_000], recordsPerIndividual: [20, 400] },
  { prefix: 'Registre', typology: DatasetTypology.REGISTRY, categories: [HealthCategory.MRMR], codes: [CodingSystem.ICD10], individuals: [2_000, 600_000], recordsPerIndividual: [1, 8] },
  { prefix: 'Entrepôt', typology: DatasetTypology.HOSPITAL_DATA_WAREHOUSE, categories: [HealthCategory.EHRS], codes: [CodingSystem.ICD10, CodingSystem.CCAM, CodingSystem.LOINC, CodingSystem.ATC, CodingSystem.GHM], individuals: [150_000, 11_000_000], recordsPerIndividual: [50, 900] },
  { prefix: 'Base d\u2019imagerie', typology: DatasetTypology.IMAGING, categories: [HealthCategory.EHRS, HealthCategory.EMRD], codes: [CodingSystem.SNOMED_CT], individuals: [1_000, 120_000], recordsPerIndividual: [2, 30] },
  { prefix: 'Données de vie réelle', typology: DatasetTypology.DEVICE_OR_APP_RWD, categories: [HealthCategory.PHDR, HealthCategory.WELA], codes: [CodingSystem.LOINC, CodingSystem.SNOMED_CT], individuals: [500, 800_000], recordsPerIndividual: [100, 20_000] },
  { prefix: 'Enquête', typology: DatasetTypology.SURVEY, categories: [HealthCategory.RMMD, HealthCategory.DIOH], codes: [], individuals: [2_000, 60_000], recordsPerIndividual: [1, 3] },
];

const slug = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

function distributionsFor(faker: Faker, d: Omit<DemoDataset, 'distributions'>, secureEnclave: boolean): DemoDistribution[] {
  const list: Omit<DemoDistribution, 'id' | 'datasetId' | 'position'>[] = [];
  const size = (): string => String(BigInt(Number(d.numberOfRecords ?? '1000')) * BigInt(faker.number.int({ min: 200, max: 2000 })));
  if (d.accessRights === AccessRights.PUBLIC) {
    list.push({
      title: 'Fichier agrégé (CSV)',
      accessURL: `${d.landingPage}/telechargement`,
      downloadURL: `${d.identifier}/export.csv`,
      format: 'CSV',
      mediaType: 'text/csv',
      byteSize: String(faker.number.int({ min: 40_000, max: 90_000_000 })),
      license: 'Licence Ouverte / Open Licence 2.0',
      accessService: 'FILE',
    });
  }
  if (secureEnclave || d.accessRights === AccessRights.NON_PUBLIC) {
    list.push({
      title: 'Extraction en espace projet sécurisé',
      accessURL: `https://portail.health-data-hub.fr/projets/${d.key}`,
      downloadURL: null,
      format: 'PARQUET',
      mediaType: 'application/vnd.apache.parquet',
      byteSize: size(),
      license: null,
      accessService: 'SECURE_ENCLAVE',
    });
  }
  if (d.accessRights !== AccessRights.NON_PUBLIC || faker.datatype.boolean(0.3)) {
    const fhir = d.typology === DatasetTypology.HOSPITAL_DATA_WAREHOUSE || d.typology === DatasetTypology.DEVICE_OR_APP_RWD;
    list.push({
      title: fhir ? 'API FHIR R4' : 'API de données',
      accessURL: `https://api.data.example.org/${d.key}/${fhir ? 'fhir' : 'v1'}`,
      downloadURL: null,
      format: fhir ? 'FHIR' : 'JSON',
      mediaType: fhir ? 'application/fhir+json' : 'application/json',
      byteSize: null,
      license: d.accessRights === AccessRights.PUBLIC ? 'Licence Ouverte / Open Licence 2.0' : 'Convention d\u2019accès',
      accessService: 'API',
    });
  }
  if (d.accessRights !== AccessRights.PUBLIC && faker.datatype.boolean(0.5)) {
    list.push({
      title: 'Échantillon synthétique (CSV)',
      accessURL: `${d.landingPage}/echantillon`,
      downloadURL: `${d.identifier}/synthetic-sample.csv`,
      format: 'CSV',
      mediaType: 'text/csv',
      byteSize: String(faker.number.int({ min: 20_000, max: 5_000_000 })),
      license: 'Licence Ouverte / Open Licence 2.0',
      accessService: 'FILE',
    });
  }
  if (d.typology === DatasetTypology.IMAGING) {
    list.push({
      title: 'Images DICOM',
      accessURL: `https://pacs.data.example.org/${d.key}`,
      downloadURL: null,
      format: 'DICOM',
      mediaType: 'application/dicom',
      byteSize: String(BigInt(Number(d.numberOfRecords ?? '1000')) * 28_000_000n),
      license: null,
      accessService: 'SECURE_ENCLAVE',
    });
  }
  return list.map((x, position) => ({ ...x, id: demoId('distribution', `${d.key}:${position}`), datasetId: d.id, position }));
}

let cache: DemoDataset[] | undefined;

/** The ~300 demo datasets, with creators, distributions (~600) and project links. */
export function demoDatasets(): DemoDataset[] {
  if (cache) return cache;
  const faker = seededFaker(4002);
  const hdh = org('health-data-hub');
  const [snds, mihd] = demoCatalogues() as [DemoCatalogue, DemoCatalogue];
  const refs = demoDatasetRefs();
  const producerIds = [...new Set(refs.map((r) => r.publisher.id))];
  const projects = demoProjectIds();
  const result: DemoDataset[] = refs.map((ref: DemoDatasetRef, index) => {
    const named = NAMED[ref.key];
    const kind = KINDS.find((k) => ref.title.startsWith(k.prefix)) ?? (KINDS[0] as KindSpec);
    const topicName = Object.keys(TOPICS).find((t) => ref.title.includes(t));
    const topic = topicName ? TOPICS[topicName] : undefined;
    const byHdh = ref.publisher.id === hdh.id || ref.publisher.key === 'cnam';
    const typology = named?.typology ?? kind.typology;
    const hdhPosition =
      named?.hdhPosition ??
      (byHdh
        ? HdhPosition.SNDS_CATALOGUE
        : faker.helpers.weightedArrayElement([
            { weight: 15, value: HdhPosition.SNDS_CATALOGUE },
            { weight: 20, value: HdhPosition.CATALOGUE_CANDIDATE },
            { weight: 15, value: HdhPosition.PARTNER_PROJECT },
            { weight: 50, value: HdhPosition.NOT_LISTED },
          ]));
    const accessRights =
      named?.accessRights ??
      (byHdh
        ? AccessRights.NON_PUBLIC
        : faker.helpers.weightedArrayElement([
            { weight: 2, value: AccessRights.PUBLIC },
            { weight: 5, value: AccessRights.RESTRICTED },
            { weight: 3, value: AccessRights.NON_PUBLIC },
          ]));
    const healthCategories =
      named?.healthCategories ??
      [
        ...new Set([
          ...(typology === DatasetTypology.CLAIMS ? [HealthCategory.HRAD] : kind.categories),
          ...faker.helpers.arrayElements([HealthCategory.HGPD, HealthCategory.EHCT, HealthCategory.DIOH, HealthCategory.EINS], {
            min: 0,
            max: 1,
          }),
        ]),
      ];
    const codingSystems =
      named?.codingSystems ??
      [
        ...new Set([
          ...(typology === DatasetTypology.CLAIMS
            ? [CodingSystem.ICD10, CodingSystem.CCAM, CodingSystem.ATC, CodingSystem.CIP_UCD, CodingSystem.GHM]
            : kind.codes),
          ...(topic?.extra ?? []),
          ...(faker.datatype.boolean(0.25) ? [CodingSystem.OMOP] : []),
          ...(faker.datatype.boolean(0.1) ? [CodingSystem.MEDDRA] : []),
        ]),
      ];
    const individualsNumber = named ? null : faker.number.int({ min: kind.individuals[0], max: kind.individuals[1] });
    const individuals = named ? named.individuals : String(individualsNumber);
    const records = named
      ? named.records
      : String(BigInt(individuals ?? '0') * BigInt(faker.number.int({ min: kind.recordsPerIndividual[0], max: kind.recordsPerIndividual[1] })));
    const startYear = faker.number.int({ min: 2000, max: 2021 });
    const start = named?.start ?? `${startYear}-${String(faker.number.int({ min: 1, max: 12 })).padStart(2, '0')}-01`;
    const ongoing = faker.datatype.boolean(0.7);
    const end = ongoing ? null : `${faker.number.int({ min: Math.max(startYear + 1, 2012), max: 2024 })}-12-31`;
    const ages = named?.ages ?? topic?.ages ?? [0, null];
    const issued = faker.date.between({ from: '2019-01-01T00:00:00Z', to: '2023-12-31T00:00:00Z' });
    const landingPage = `https://data.example.org/datasets/${ref.key}`;
    const publisherName = ref.publisher.acronym ?? ref.publisher.name;
    const accessModalities: AccessModality[] =
      accessRights === AccessRights.PUBLIC
        ? [AccessModality.OPEN_DATA]
        : hdhPosition === HdhPosition.SNDS_MAIN_DATABASE
          ? [AccessModality.PERMANENT_ACCESS, AccessModality.PROJECT_CESREES_CNIL, AccessModality.REFERENCE_METHODOLOGY]
          : [
              AccessModality.PROJECT_CESREES_CNIL,
              ...faker.helpers.arrayElements(
                [
                  AccessModality.REFERENCE_METHODOLOGY,
                  AccessModality.PARTNERSHIP_AGREEMENT,
                  AccessModality.CPP_HUMAN_RESEARCH,
                  AccessModality.EHDS_DATA_PERMIT,
                ],
                { min: 0, max: 2 },
              ),
            ];
    const coCreator = faker.datatype.boolean(0.25) ? faker.helpers.arrayElement(producerIds) : null;
    const theme = named?.healthThemes ?? (topic ? [topic.theme] : []);
    const base: Omit<DemoDataset, 'distributions'> = {
      id: ref.id,
      key: ref.key,
      identifier: ref.identifier,
      titleFr: ref.title,
      titleEn: named?.titleEn ?? englishTitleOf(ref.title),
      descriptionFr:
        named?.description ??
        `${ref.title} : ${kind.prefix.toLowerCase()} produite par ${ref.publisher.name}${topicName ? ` sur ${topicName}` : ''}, présentée lors d\u2019un webinaire MeetMyData (typologie, volumétrie, modalités d\u2019accès, position vis-à-vis du Health Data Hub).`,
      descriptionEn: null,
      catalogueId:
        hdhPosition === HdhPosition.SNDS_MAIN_DATABASE || hdhPosition === HdhPosition.SNDS_CATALOGUE ? snds.id : mihd.id,
      publisherId: ref.publisher.id,
      hdabId: hdh.id,
      contactName: `Bureau des données \u2013 ${publisherName}`,
      contactEmail: `donnees@${slug(publisherName).slice(0, 40) || 'producteur'}.example.org`,
      contactUrl: `${landingPage}/contact`,
      themes: faker.datatype.boolean(0.3) ? ['HEAL', 'SOCI'] : ['HEAL'],
      keywords: [...new Set([kind.prefix.toLowerCase(), ...(topicName ? [topicName] : []), 'données de santé', faker.helpers.arrayElement(['vie réelle', 'épidémiologie', 'parcours de soins', 'IA'])])],
      healthCategories,
      healthThemes: theme,
      typology,
      spatial: byHdh || named ? ['FR'] : faker.helpers.arrayElement([['FR'], ['FR-IDF'], ['FR-IDF', 'FR-HDF'], ['FR', 'EU']]),
      temporalStart: start,
      temporalEnd: named ? null : end,
      accrualPeriodicity: faker.helpers.arrayElement(['ANNUAL', 'QUARTERLY', 'MONTHLY', 'IRREGULAR']),
      accessRights,
      applicableLegislation: hdhPosition === HdhPosition.SNDS_MAIN_DATABASE ? [GDPR, SNDS_LAW] : faker.datatype.boolean(0.3) ? [GDPR, EHDS] : [GDPR],
      legalBasis:
        hdhPosition === HdhPosition.SNDS_MAIN_DATABASE
          ? ['dpv:LegalObligation', 'dpv:PublicInterest']
          : typology === DatasetTypology.COHORT || typology === DatasetTypology.CLINICAL_TRIAL
            ? ['dpv:Consent']
            : ['dpv:PublicInterest'],
      personalData: ['dpv-pd:HealthRecord', 'dpv-pd:Age', 'dpv-pd:Gender', ...(healthCategories.includes(HealthCategory.HGPD) ? ['dpv-pd:Genetic'] : [])],
      purposes: ['dpv:ResearchAndDevelopment', ...(faker.datatype.boolean(0.4) ? ['dpv:PublicBenefit'] : [])],
      populationCoverage: named?.population ?? `Personnes suivies par ${ref.publisher.name}${topicName ? ` (${topicName})` : ''}.`,
      minTypicalAge: ages[0],
      maxTypicalAge: ages[1],
      numberOfRecords: records,
      numberOfUniqueIndividuals: individuals,
      codingSystems,
      conformsTo: [
        ...(codingSystems.includes(CodingSystem.OMOP) ? ['OMOP CDM 5.4'] : []),
        ...(typology === DatasetTypology.HOSPITAL_DATA_WAREHOUSE ? ['HL7 FHIR R4'] : []),
        ...(typology === DatasetTypology.IMAGING ? ['DICOM'] : []),
      ],
      trustedDataHolder: byHdh ? true : faker.datatype.boolean(0.2),
      retentionStart: start,
      retentionEnd: `${faker.number.int({ min: 2030, max: 2045 })}-12-31`,
      qualityAnnotations: faker.helpers.arrayElements(
        [
          'Complétude supérieure à 95 % sur les variables principales',
          'Contrôles de cohérence automatisés à chaque chargement',
          'Double saisie des variables cliniques',
          'Validation externe sur un échantillon',
          'Dictionnaire des variables publié',
        ],
        { min: 1, max: 3 },
      ),
      hdhPosition,
      accessModalities,
      issued,
      modified: faker.date.between({ from: issued, to: '2024-06-30T00:00:00Z' }),
      version: `${faker.number.int({ min: 1, max: 4 })}.${faker.number.int({ min: 0, max: 9 })}`,
      landingPage,
      creatorIds: coCreator && coCreator !== ref.publisher.id ? [ref.publisher.id, coCreator] : [ref.publisher.id],
      projectIds: index < 6 ? faker.helpers.arrayElements(projects, { min: 3, max: 8 }) : faker.helpers.arrayElements(projects, { min: 0, max: 2 }),
    };
    return { ...base, distributions: distributionsFor(faker, base, byHdh || hdhPosition === HdhPosition.SNDS_CATALOGUE) };
  });
  cache = result;
  return result;
}

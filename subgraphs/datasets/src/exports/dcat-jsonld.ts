import { type Catalogue } from '../catalogue/catalogue.entity';
import { type Dataset } from '../dataset/dataset.entity';
import { AccessRights, CodingSystem } from '../dataset/dataset.enums';
import { type Distribution } from '../dataset/distribution.entity';

/*
 * DCAT-AP 3.0.1 + HealthDCAT-AP as JSON-LD. Terms are written as compact IRIs against one context, so
 * any JSON-LD processor expands them to the standard vocabularies. Organisations are foaf:Agent
 * nodes identified as `urn:uuid:<id>`, the same id as in the members subgraph; their names live
 * there, so the gateway's host adds `foaf:name` from the graph (see the gateway's standard exports).
 * Values from controlled vocabularies are the vocabularies' IRIs, typed with the class DCAT-AP
 * expects (dct:MediaTypeOrExtent, dct:Frequency, ...) so that the document validates on its own.
 */

/** Vocabulary for the two notions that have no DCAT/HealthDCAT-AP property (HDH position, access modalities). */
export const ECOSYSTEM_VOCABULARY = 'https://data.example.org/ns/ecosystem#';
/** Base of the health category codes (HealthDCAT-AP draft vocabulary of EHDS categories). */
export const HEALTH_CATEGORY_BASE = 'http://healthdataportal.eu/ns/health-category#';

export const DCAT_CONTEXT = {
  dcat: 'http://www.w3.org/ns/dcat#',
  dct: 'http://purl.org/dc/terms/',
  foaf: 'http://xmlns.com/foaf/0.1/',
  vcard: 'http://www.w3.org/2006/vcard/ns#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  adms: 'http://www.w3.org/ns/adms#',
  dcatap: 'http://data.europa.eu/r5r/',
  healthdcatap: 'http://healthdataportal.eu/ns/health#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  eli: 'http://data.europa.eu/eli/ontology#',
  dqv: 'http://www.w3.org/ns/dqv#',
  oa: 'http://www.w3.org/ns/oa#',
  dpv: 'https://w3id.org/dpv#',
  'dpv-pd': 'https://w3id.org/dpv/pd#',
  eco: ECOSYSTEM_VOCABULARY,
} as const;

type Node = Record<string, unknown>;

const EU = 'http://publications.europa.eu/resource/authority';

/** Wikidata properties of the coding systems, as HealthDCAT-AP recommends; others get a local IRI. */
const CODING_SYSTEM_IRIS: Record<CodingSystem, string> = {
  [CodingSystem.ICD10]: 'http://www.wikidata.org/entity/P494',
  [CodingSystem.ATC]: 'http://www.wikidata.org/entity/P267',
  [CodingSystem.LOINC]: 'http://www.wikidata.org/entity/P4338',
  [CodingSystem.SNOMED_CT]: 'http://www.wikidata.org/entity/P5806',
  [CodingSystem.ICD_O_3]: 'http://www.wikidata.org/entity/P563',
  [CodingSystem.ORPHA]: 'http://www.wikidata.org/entity/P1550',
  [CodingSystem.MEDDRA]: 'http://www.wikidata.org/entity/P3201',
  [CodingSystem.CCAM]: `${ECOSYSTEM_VOCABULARY}coding-system-CCAM`,
  [CodingSystem.CIP_UCD]: `${ECOSYSTEM_VOCABULARY}coding-system-CIP_UCD`,
  [CodingSystem.GHM]: `${ECOSYSTEM_VOCABULARY}coding-system-GHM`,
  [CodingSystem.OMOP]: `${ECOSYSTEM_VOCABULARY}coding-system-OMOP`,
};

/** Titles of the coding systems, for their dct:Standard nodes. */
const CODING_SYSTEM_TITLES: Record<CodingSystem, string> = {
  [CodingSystem.ICD10]: 'ICD-10',
  [CodingSystem.CCAM]: 'CCAM',
  [CodingSystem.ATC]: 'ATC',
  [CodingSystem.LOINC]: 'LOINC',
  [CodingSystem.SNOMED_CT]: 'SNOMED CT',
  [CodingSystem.ICD_O_3]: 'ICD-O-3',
  [CodingSystem.ORPHA]: 'Orphanet (ORPHAcode)',
  [CodingSystem.MEDDRA]: 'MedDRA',
  [CodingSystem.CIP_UCD]: 'CIP / UCD',
  [CodingSystem.GHM]: 'GHM',
  [CodingSystem.OMOP]: 'OMOP CDM',
};

/** English labels of the EU data themes (skos:prefLabel of the data-theme vocabulary). */
const DATA_THEME_LABELS: Record<string, string> = {
  AGRI: 'Agriculture, fisheries, forestry and food',
  ECON: 'Economy and finance',
  EDUC: 'Education, culture and sport',
  ENER: 'Energy',
  ENVI: 'Environment',
  GOVE: 'Government and public sector',
  HEAL: 'Health',
  INTR: 'International issues',
  JUST: 'Justice, legal system and public safety',
  REGI: 'Regions and cities',
  SOCI: 'Population and society',
  TECH: 'Science and technology',
  TRAN: 'Transport',
};

/**
 * Formats as codes of the EU file-type vocabulary. FHIR resources are JSON documents; formats the
 * vocabulary lacks (DICOM) get a concept of the ecosystem vocabulary, still a dct:MediaTypeOrExtent.
 */
const FILE_TYPES: Record<string, string> = {
  CSV: 'CSV',
  TSV: 'TSV',
  JSON: 'JSON',
  FHIR: 'JSON',
  JSONLD: 'JSON_LD',
  'JSON-LD': 'JSON_LD',
  XML: 'XML',
  PARQUET: 'PARQUET',
  PDF: 'PDF',
  ZIP: 'ZIP',
  XLSX: 'XLSX',
  XLS: 'XLS',
  ODS: 'ODS',
  TXT: 'TXT',
  HTML: 'HTML',
  RDF: 'RDF_XML',
  TTL: 'RDF_TURTLE',
  SAS: 'SAS',
};

const FREQUENCIES: Record<string, string> = {
  ANNUAL: 'ANNUAL',
  QUARTERLY: 'QUARTERLY',
  MONTHLY: 'MONTHLY',
  WEEKLY: 'WEEKLY',
  DAILY: 'DAILY',
  IRREGULAR: 'IRREG',
  CONTINUOUS: 'CONT',
};

export const organizationIri = (id: string): string => `urn:uuid:${id}`;

/**
 * An organisation as a foaf:Agent node with its id as identifier. Its name is the members
 * subgraph's: the gateway adds `foaf:name` (and the organisation's public identifiers) from the graph.
 */
export function agentNode(organizationId: string): Node {
  return { '@id': organizationIri(organizationId), '@type': ['foaf:Agent', 'foaf:Organization'], 'dct:identifier': organizationId };
}

/** The organisations a set of datasets and catalogues refer to, each once, as agent nodes. */
export function agentNodes(organizationIds: Iterable<string>): Node[] {
  return [...new Set(organizationIds)].sort().map(agentNode);
}

const typologyLabel = (typology: string): string =>
  typology.charAt(0) + typology.slice(1).toLowerCase().replace(/_/g, ' ');

export function datasetIri(dataset: Pick<Dataset, 'id' | 'identifier'>): string {
  return /^https?:\/\//.test(dataset.identifier) ? dataset.identifier : `urn:uuid:${dataset.id}`;
}

const iri = (value: string): Node => ({ '@id': value });
/** An IRI with the class DCAT-AP's range shapes expect of it. */
const typedIri = (value: string, type: string | string[]): Node => ({ '@id': value, '@type': type });
/**
 * A concept of an EU authority table (`file-type`, `frequency`, ...), typed as DCAT-AP expects and
 * placed in its table, as the vocabulary itself says (DCAT-AP's controlled-vocabulary shapes check it).
 */
const euConcept = (table: string, code: string, type: string): Node => ({
  '@id': `${EU}/${table}/${code}`,
  '@type': type,
  'skos:inScheme': iri(`${EU}/${table}`),
});
const text = (value: string, language = 'fr'): Node => ({ '@value': value, '@language': language });
const typed = (value: string, type: string): Node => ({ '@value': value, '@type': type });

function period(start: string | null, end: string | null): Node | undefined {
  if (!start && !end) return undefined;
  const node: Node = { '@type': 'dct:PeriodOfTime' };
  if (start) node['dcat:startDate'] = typed(start, 'xsd:date');
  if (end) node['dcat:endDate'] = typed(end, 'xsd:date');
  return node;
}

function spatial(code: string): Node {
  if (code === 'FR') return euConcept('country', 'FRA', 'dct:Location');
  if (code === 'EU') return euConcept('continent', 'EUROPE', 'dct:Location');
  return { '@type': 'dct:Location', 'rdfs:label': code };
}

/** The file-type concept of a format name (`CSV`, `parquet`, ...). */
export function formatNode(format: string): Node {
  const code = FILE_TYPES[format.trim().toUpperCase()];
  if (code) return euConcept('file-type', code, 'dct:MediaTypeOrExtent');
  return {
    '@id': `${ECOSYSTEM_VOCABULARY}format-${encodeURIComponent(format.trim().toUpperCase())}`,
    '@type': 'dct:MediaTypeOrExtent',
    'rdfs:label': format.trim(),
  };
}

/** The IANA registry's IRI of a media type (`text/csv`), as DCAT-AP expects for dcat:mediaType. */
export const mediaTypeIri = (mediaType: string): string =>
  `http://www.iana.org/assignments/media-types/${mediaType.trim().toLowerCase()}`;

/** Drops undefined, null and empty arrays so the output only states what is known. */
function compact(node: Node): Node {
  return Object.fromEntries(
    Object.entries(node).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  );
}

function contactPoint(dataset: Dataset): Node {
  return compact({
    '@type': 'vcard:Kind',
    'vcard:fn': dataset.contactName,
    'vcard:hasEmail': dataset.contactEmail ? iri(`mailto:${dataset.contactEmail}`) : undefined,
    'vcard:hasURL': dataset.contactUrl ? iri(dataset.contactUrl) : undefined,
  });
}

/**
 * A dcat:Distribution. `hideAccess` (non-public dataset, anonymous export) replaces the URLs by the
 * dataset's landing page, where access is requested, and leaves out the access service.
 */
export function distributionNode(distribution: Distribution, dataset: Dataset, hideAccess: boolean): Node {
  const accessURL = hideAccess ? (dataset.landingPage ?? datasetIri(dataset)) : distribution.accessURL;
  return compact({
    '@id': `urn:uuid:${distribution.id}`,
    '@type': 'dcat:Distribution',
    'dct:title': distribution.title ? text(distribution.title) : undefined,
    'dcat:accessURL': accessURL ? iri(accessURL) : undefined,
    'dcat:downloadURL': !hideAccess && distribution.downloadURL ? iri(distribution.downloadURL) : undefined,
    'dct:format': distribution.format ? formatNode(distribution.format) : undefined,
    'dcat:mediaType': distribution.mediaType ? typedIri(mediaTypeIri(distribution.mediaType), 'dct:MediaType') : undefined,
    'dcat:byteSize': distribution.byteSize ? typed(distribution.byteSize, 'xsd:nonNegativeInteger') : undefined,
    'dct:license': distribution.license
      ? distribution.license.startsWith('Licence Ouverte')
        ? typedIri('https://www.etalab.gouv.fr/licence-ouverte-open-licence/', 'dct:LicenseDocument')
        : { '@type': 'dct:LicenseDocument', 'rdfs:label': distribution.license }
      : undefined,
    'dcat:accessService':
      !hideAccess && distribution.accessService
        ? compact({
            '@type': 'dcat:DataService',
            'dct:title': text(distribution.accessService),
            'dcat:endpointURL': distribution.accessURL ? iri(distribution.accessURL) : undefined,
            // The service serves this dataset, for its publisher, with the same contact.
            'dcat:servesDataset': iri(datasetIri(dataset)),
            'dct:publisher': iri(organizationIri(dataset.publisherId)),
            'dcat:contactPoint': contactPoint(dataset),
          })
        : undefined,
  });
}

export interface DatasetExtras {
  distributions: Distribution[];
  creatorIds: string[];
  /** Whether the export is for an anonymous caller (access details of non-public datasets hidden). */
  anonymous: boolean;
}

/** A dcat:Dataset with its DCAT-AP 3 and HealthDCAT-AP properties. */
export function datasetNode(dataset: Dataset, extras: DatasetExtras): Node {
  const hideAccess = extras.anonymous && dataset.accessRights !== AccessRights.PUBLIC;
  return compact({
    '@id': datasetIri(dataset),
    '@type': 'dcat:Dataset',
    'dct:identifier': dataset.identifier,
    'dct:title': [text(dataset.titleFr), ...(dataset.titleEn ? [text(dataset.titleEn, 'en')] : [])],
    'dct:description': [text(dataset.descriptionFr), ...(dataset.descriptionEn ? [text(dataset.descriptionEn, 'en')] : [])],
    'dct:publisher': iri(organizationIri(dataset.publisherId)),
    'dct:creator': extras.creatorIds.map((id) => iri(organizationIri(id))),
    'dcat:contactPoint': contactPoint(dataset),
    'dcat:theme': dataset.themes.map((theme) => ({
      '@id': `${EU}/data-theme/${theme}`,
      '@type': 'skos:Concept',
      'skos:prefLabel': text(DATA_THEME_LABELS[theme] ?? theme, 'en'),
      'skos:inScheme': iri(`${EU}/data-theme`),
    })),
    'dcat:keyword': dataset.keywords.map((keyword) => text(keyword)),
    'healthdcatap:healthCategory': dataset.healthCategories.map((c) => iri(`${HEALTH_CATEGORY_BASE}${c}`)),
    'healthdcatap:healthTheme': dataset.healthThemes.map((theme) => text(theme, 'en')),
    'dct:type': {
      '@id': `${ECOSYSTEM_VOCABULARY}typology-${dataset.typology}`,
      '@type': 'skos:Concept',
      'skos:prefLabel': text(typologyLabel(dataset.typology), 'en'),
    },
    'dct:spatial': dataset.spatial.map(spatial),
    'dct:temporal': period(dataset.temporalStart, dataset.temporalEnd),
    'dct:accrualPeriodicity': dataset.accrualPeriodicity
      ? euConcept('frequency', FREQUENCIES[dataset.accrualPeriodicity] ?? 'UNKNOWN', 'dct:Frequency')
      : undefined,
    'dct:accessRights': euConcept('access-right', dataset.accessRights, 'dct:RightsStatement'),
    'dcatap:applicableLegislation': dataset.applicableLegislation.map((law) => typedIri(law, 'eli:LegalResource')),
    'dpv:hasLegalBasis': dataset.legalBasis.map(iri),
    'dpv:hasPersonalData': dataset.personalData.map(iri),
    'dpv:hasPurpose': dataset.purposes.map(iri),
    'healthdcatap:populationCoverage': dataset.populationCoverage ? text(dataset.populationCoverage) : undefined,
    'healthdcatap:minTypicalAge':
      dataset.minTypicalAge !== null ? typed(String(dataset.minTypicalAge), 'xsd:nonNegativeInteger') : undefined,
    'healthdcatap:maxTypicalAge':
      dataset.maxTypicalAge !== null ? typed(String(dataset.maxTypicalAge), 'xsd:nonNegativeInteger') : undefined,
    'healthdcatap:numberOfRecords': dataset.numberOfRecords
      ? typed(dataset.numberOfRecords, 'xsd:nonNegativeInteger')
      : undefined,
    'healthdcatap:numberOfUniqueIndividuals': dataset.numberOfUniqueIndividuals
      ? typed(dataset.numberOfUniqueIndividuals, 'xsd:nonNegativeInteger')
      : undefined,
    'healthdcatap:hasCodingSystem': dataset.codingSystems.map((c) => ({
      '@id': CODING_SYSTEM_IRIS[c],
      '@type': 'dct:Standard',
      'dct:title': CODING_SYSTEM_TITLES[c],
    })),
    'dct:conformsTo': dataset.conformsTo.map((standard) => ({ '@type': 'dct:Standard', 'dct:title': standard })),
    'healthdcatap:hdab': dataset.hdabId ? iri(organizationIri(dataset.hdabId)) : undefined,
    'healthdcatap:trustedDataHolder':
      dataset.trustedDataHolder !== null ? typed(String(dataset.trustedDataHolder), 'xsd:boolean') : undefined,
    'healthdcatap:retentionPeriod': period(dataset.retentionStart, dataset.retentionEnd),
    'dqv:hasQualityAnnotation': dataset.qualityAnnotations.map((note) => ({
      '@type': 'dqv:QualityAnnotation',
      'oa:motivatedBy': iri('dqv:qualityAssessment'),
      'oa:hasBody': { '@type': 'oa:TextualBody', 'rdf:value': note, 'dct:language': euConcept('language', 'FRA', 'dct:LinguisticSystem') },
    })),
    'eco:hdhPosition': iri(`${ECOSYSTEM_VOCABULARY}hdh-${dataset.hdhPosition}`),
    'eco:accessModality': dataset.accessModalities.map((m) => iri(`${ECOSYSTEM_VOCABULARY}access-${m}`)),
    'dct:issued': dataset.issued ? typed(new Date(dataset.issued).toISOString(), 'xsd:dateTime') : undefined,
    'dct:modified': dataset.modified ? typed(new Date(dataset.modified).toISOString(), 'xsd:dateTime') : undefined,
    'dcat:version': dataset.version ?? undefined,
    'dcat:landingPage': dataset.landingPage ? typedIri(dataset.landingPage, 'foaf:Document') : undefined,
    'dcat:distribution': extras.distributions.map((d) => distributionNode(d, dataset, hideAccess)),
  });
}

/** A dcat:Catalog listing its datasets by IRI, dated by its datasets' first issue and last change. */
export function catalogueNode(catalogue: Catalogue, datasets: Dataset[]): Node {
  const times = (values: (Date | string | null)[]): number[] =>
    values.flatMap((value) => (value ? [new Date(value).getTime()] : []));
  const issued = times(datasets.map((d) => d.issued));
  const modified = times(datasets.map((d) => d.modified ?? d.issued));
  return compact({
    '@id': `urn:uuid:${catalogue.id}`,
    '@type': 'dcat:Catalog',
    'dct:title': text(catalogue.title),
    'dct:description': catalogue.description ? text(catalogue.description) : undefined,
    'dct:publisher': iri(organizationIri(catalogue.publisherId)),
    'foaf:homepage': catalogue.homepage ? typedIri(catalogue.homepage, 'foaf:Document') : undefined,
    'dct:language': euConcept('language', 'FRA', 'dct:LinguisticSystem'),
    'dct:spatial': euConcept('country', 'FRA', 'dct:Location'),
    'dcat:themeTaxonomy': {
      '@id': `${EU}/data-theme`,
      '@type': 'skos:ConceptScheme',
      'dct:title': text('Data theme', 'en'),
    },
    'dct:issued': issued.length ? typed(new Date(Math.min(...issued)).toISOString(), 'xsd:dateTime') : undefined,
    'dct:modified': modified.length ? typed(new Date(Math.max(...modified)).toISOString(), 'xsd:dateTime') : undefined,
    'dcat:dataset': datasets.map((d) => iri(datasetIri(d))),
  });
}

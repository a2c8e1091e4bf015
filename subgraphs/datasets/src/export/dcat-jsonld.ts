import { type Catalogue } from '../catalogue/catalogue.entity';
import { type Dataset } from '../dataset/dataset.entity';
import { AccessRights, CodingSystem } from '../dataset/dataset.enums';
import { type Distribution } from '../distribution/distribution.entity';

/*
 * DCAT-AP 3 + HealthDCAT-AP as JSON-LD. Terms are written as compact IRIs against one context, so
 * any JSON-LD processor expands them to the standard vocabularies. Organisations are identified
 * as `urn:uuid:<id>`: the same id as in the members subgraph (their names live there).
 */

export const JSONLD_MEDIA_TYPE = 'application/ld+json';

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
  rdfs: 'http://www.w3.org/2000/01/rdf-schema#',
  adms: 'http://www.w3.org/ns/adms#',
  dcatap: 'http://data.europa.eu/r5r/',
  healthdcatap: 'http://healthdataportal.eu/ns/health#',
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

export function datasetIri(dataset: Pick<Dataset, 'id' | 'identifier'>): string {
  return /^https?:\/\//.test(dataset.identifier) ? dataset.identifier : `urn:uuid:${dataset.id}`;
}

const iri = (value: string): Node => ({ '@id': value });
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
  if (code === 'FR') return iri(`${EU}/country/FRA`);
  if (code === 'EU') return iri(`${EU}/continent/EUROPE`);
  return { '@type': 'dct:Location', 'rdfs:label': code };
}

/** Drops undefined, null and empty arrays so the output only states what is known. */
function compact(node: Node): Node {
  return Object.fromEntries(
    Object.entries(node).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  );
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
    'dct:format': distribution.format ?? undefined,
    'dcat:mediaType': distribution.mediaType ? iri(`https://www.iana.org/assignments/media-types/${distribution.mediaType}`) : undefined,
    'dcat:byteSize': distribution.byteSize ? typed(distribution.byteSize, 'xsd:nonNegativeInteger') : undefined,
    'dct:license': distribution.license
      ? distribution.license.startsWith('Licence Ouverte')
        ? iri('https://www.etalab.gouv.fr/licence-ouverte-open-licence/')
        : { '@type': 'dct:LicenseDocument', 'rdfs:label': distribution.license }
      : undefined,
    'dcat:accessService':
      !hideAccess && distribution.accessService
        ? {
            '@type': 'dcat:DataService',
            'dct:title': distribution.accessService,
            'dcat:endpointURL': distribution.accessURL ? iri(distribution.accessURL) : undefined,
          }
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
    'dcat:contactPoint': compact({
      '@type': 'vcard:Kind',
      'vcard:fn': dataset.contactName,
      'vcard:hasEmail': dataset.contactEmail ? iri(`mailto:${dataset.contactEmail}`) : undefined,
      'vcard:hasURL': dataset.contactUrl ? iri(dataset.contactUrl) : undefined,
    }),
    'dcat:theme': dataset.themes.map((theme) => iri(`${EU}/data-theme/${theme}`)),
    'dcat:keyword': dataset.keywords.map((keyword) => text(keyword)),
    'healthdcatap:healthCategory': dataset.healthCategories.map((c) => iri(`${HEALTH_CATEGORY_BASE}${c}`)),
    'healthdcatap:healthTheme': dataset.healthThemes.map((theme) => text(theme, 'en')),
    'dct:type': iri(`${ECOSYSTEM_VOCABULARY}typology-${dataset.typology}`),
    'dct:spatial': dataset.spatial.map(spatial),
    'dct:temporal': period(dataset.temporalStart, dataset.temporalEnd),
    'dct:accrualPeriodicity': dataset.accrualPeriodicity
      ? iri(`${EU}/frequency/${FREQUENCIES[dataset.accrualPeriodicity] ?? 'UNKNOWN'}`)
      : undefined,
    'dct:accessRights': iri(`${EU}/access-right/${dataset.accessRights}`),
    'dcatap:applicableLegislation': dataset.applicableLegislation.map(iri),
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
    'healthdcatap:hasCodingSystem': dataset.codingSystems.map((c) => iri(CODING_SYSTEM_IRIS[c])),
    'dct:conformsTo': dataset.conformsTo.map((standard) => ({ '@type': 'dct:Standard', 'dct:title': standard })),
    'healthdcatap:hdab': dataset.hdabId ? iri(organizationIri(dataset.hdabId)) : undefined,
    'healthdcatap:trustedDataHolder':
      dataset.trustedDataHolder !== null ? typed(String(dataset.trustedDataHolder), 'xsd:boolean') : undefined,
    'healthdcatap:retentionPeriod': period(dataset.retentionStart, dataset.retentionEnd),
    'healthdcatap:qualityAnnotation': dataset.qualityAnnotations.map((note) => text(note)),
    'eco:hdhPosition': iri(`${ECOSYSTEM_VOCABULARY}hdh-${dataset.hdhPosition}`),
    'eco:accessModality': dataset.accessModalities.map((m) => iri(`${ECOSYSTEM_VOCABULARY}access-${m}`)),
    'dct:issued': dataset.issued ? typed(new Date(dataset.issued).toISOString(), 'xsd:dateTime') : undefined,
    'dct:modified': dataset.modified ? typed(new Date(dataset.modified).toISOString(), 'xsd:dateTime') : undefined,
    'dcat:version': dataset.version ?? undefined,
    'dcat:landingPage': dataset.landingPage ? iri(dataset.landingPage) : undefined,
    'dcat:distribution': extras.distributions.map((d) => distributionNode(d, dataset, hideAccess)),
  });
}

/** A dcat:Catalog listing its datasets by IRI. */
export function catalogueNode(catalogue: Catalogue, datasets: Dataset[]): Node {
  return compact({
    '@id': `urn:uuid:${catalogue.id}`,
    '@type': 'dcat:Catalog',
    'dct:title': text(catalogue.title),
    'dct:description': catalogue.description ? text(catalogue.description) : undefined,
    'dct:publisher': iri(organizationIri(catalogue.publisherId)),
    'foaf:homepage': catalogue.homepage ? iri(catalogue.homepage) : undefined,
    'dcat:dataset': datasets.map((d) => iri(datasetIri(d))),
  });
}

import { demoId } from './ids';
import { seededFaker } from './random';

/** Codes of the three ecosystems of the seed articles. */
export const EcosystemCode = { MEDICEN: 'MEDICEN', CAMPUS: 'PSC', ACADEMY: 'ADS' } as const;
export type EcosystemCode = (typeof EcosystemCode)[keyof typeof EcosystemCode];

export interface DemoEcosystem {
  code: EcosystemCode;
  id: string;
  name: string;
  kind: 'COMPETITIVENESS_CLUSTER' | 'CAMPUS' | 'INDUSTRY_ACADEMY';
  operatorKey: string;
}

export interface DemoMembership {
  ecosystem: EcosystemCode;
  role: string;
  since: string;
}

export interface DemoOrganization {
  key: string;
  id: string;
  name: string;
  acronym: string | null;
  kind: string;
  sectors: string[];
  website: string | null;
  memberships: DemoMembership[];
  /** Named in the seed articles (as opposed to synthetic). */
  real: boolean;
}

export const DEMO_ECOSYSTEMS: DemoEcosystem[] = [
  { code: 'MEDICEN', id: demoId('ecosystem', 'MEDICEN'), name: 'Medicen Paris Région', kind: 'COMPETITIVENESS_CLUSTER', operatorKey: 'medicen' },
  { code: 'PSC', id: demoId('ecosystem', 'PSC'), name: 'PariSanté Campus', kind: 'CAMPUS', operatorKey: 'parisante-campus' },
  { code: 'ADS', id: demoId('ecosystem', 'ADS'), name: 'Académie du Digital en Santé', kind: 'INDUSTRY_ACADEMY', operatorKey: 'leem' },
];

type RealOrg = [key: string, name: string, acronym: string | null, kind: string, sectors: string[], website: string | null, memberships: [EcosystemCode, string, string][]];

// Organisations named in the seed articles (../shared/seeds): name, kind and the ecosystems they belong to.
const REAL: RealOrg[] = [
  ['medicen', 'Medicen Paris Région', 'Medicen', 'CLUSTER', ['BIOTECH', 'MEDTECH', 'E_HEALTH', 'DATA_AI'], 'https://www.medicen.org', [['MEDICEN', 'OPERATOR', '2005-07-12']]],
  ['parisante-campus', 'PariSanté Campus', 'PSC', 'PUBLIC_AGENCY', ['E_HEALTH', 'DATA_AI'], 'https://parisantecampus.fr', [['PSC', 'OPERATOR', '2020-12-04']]],
  ['leem', 'Les Entreprises du Médicament', 'Leem', 'INDUSTRY_FEDERATION', ['PHARMA'], 'https://www.leem.org', [['ADS', 'OPERATOR', '2022-04-14']]],
  ['inserm', 'Institut national de la santé et de la recherche médicale', 'Inserm', 'RESEARCH_INSTITUTE', ['BIOTECH', 'DATA_AI'], 'https://www.inserm.fr', [['PSC', 'FOUNDING_MEMBER', '2020-12-04'], ['MEDICEN', 'MEMBER', '2008-01-01']]],
  ['inria', 'Institut national de recherche en informatique et en automatique', 'INRIA', 'RESEARCH_INSTITUTE', ['DATA_AI', 'E_HEALTH'], 'https://www.inria.fr', [['PSC', 'FOUNDING_MEMBER', '2020-12-04'], ['MEDICEN', 'MEMBER', '2012-01-01']]],
  ['psl', 'Université PSL', 'PSL', 'UNIVERSITY', ['BIOTECH', 'DATA_AI'], 'https://psl.eu', [['PSC', 'FOUNDING_MEMBER', '2020-12-04']]],
  ['health-data-hub', 'Health Data Hub', 'HDH', 'PUBLIC_AGENCY', ['DATA_AI', 'E_HEALTH'], 'https://www.health-data-hub.fr', [['PSC', 'FOUNDING_MEMBER', '2020-12-04'], ['MEDICEN', 'INSTITUTIONAL', '2020-01-01']]],
  ['ans', 'Agence du Numérique en Santé', 'ANS', 'PUBLIC_AGENCY', ['E_HEALTH'], 'https://esante.gouv.fr', [['PSC', 'FOUNDING_MEMBER', '2020-12-04']]],
  ['doctolib', 'Doctolib', null, 'MID_CAP', ['E_HEALTH', 'SERVICES'], 'https://www.doctolib.fr', [['PSC', 'CORPORATE_SPONSOR', '2021-12-14'], ['MEDICEN', 'MEMBER', '2019-01-01']]],
  ['mgen', 'MGEN (groupe VYV)', 'MGEN', 'MUTUAL_INSURER', ['SERVICES'], 'https://www.mgen.fr', [['PSC', 'CORPORATE_SPONSOR', '2021-12-14']]],
  ['servier', 'Servier', null, 'LARGE_COMPANY', ['PHARMA'], 'https://servier.com', [['PSC', 'CORPORATE_SPONSOR', '2021-12-14'], ['MEDICEN', 'MEMBER', '2010-01-01'], ['ADS', 'MEMBER', '2022-04-14']]],
  ['janssen', 'Janssen (Johnson & Johnson)', 'J&J', 'LARGE_COMPANY', ['PHARMA', 'MEDTECH'], 'https://www.janssen.com/france', [['PSC', 'CORPORATE_SPONSOR', '2021-12-14'], ['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14'], ['MEDICEN', 'MEMBER', '2011-01-01']]],
  ['cnil', 'Commission nationale de l\u2019informatique et des libertés', 'CNIL', 'REGULATOR', ['DATA_AI'], 'https://www.cnil.fr', [['PSC', 'INSTITUTIONAL', '2021-12-14']]],
  ['cnam', 'Caisse nationale de l\u2019Assurance Maladie', 'CNAM', 'PUBLIC_AGENCY', ['SERVICES'], 'https://www.ameli.fr', [['PSC', 'INSTITUTIONAL', '2021-12-14']]],
  ['has', 'Haute Autorité de santé', 'HAS', 'REGULATOR', ['SERVICES'], 'https://www.has-sante.fr', [['PSC', 'INSTITUTIONAL', '2021-12-14']]],
  ['ansm', 'Agence nationale de sécurité du médicament et des produits de santé', 'ANSM', 'REGULATOR', ['PHARMA', 'MEDTECH'], 'https://ansm.sante.fr', [['PSC', 'INSTITUTIONAL', '2021-12-14']]],
  ['bpifrance', 'Bpifrance', null, 'INVESTOR', ['SERVICES'], 'https://www.bpifrance.fr', [['MEDICEN', 'INSTITUTIONAL', '2013-01-01'], ['PSC', 'INSTITUTIONAL', '2021-12-14']]],
  ['dassault-systemes', 'Dassault Systèmes', '3DS', 'LARGE_COMPANY', ['DATA_AI', 'MEDTECH'], 'https://www.3ds.com', [['MEDICEN', 'MEMBER', '2014-01-01'], ['PSC', 'RESIDENT', '2022-01-01']]],
  ['polepharma', 'Polepharma', null, 'CLUSTER', ['PHARMA'], 'https://www.polepharma.com', [['MEDICEN', 'MEMBER', '2016-01-01']]],
  ['microsoft', 'Microsoft France', null, 'LARGE_COMPANY', ['DATA_AI'], 'https://www.microsoft.com/fr-fr', [['MEDICEN', 'MEMBER', '2018-01-01']]],
  ['intersystems', 'InterSystems', null, 'LARGE_COMPANY', ['DATA_AI', 'E_HEALTH'], 'https://www.intersystems.com/fr', [['MEDICEN', 'MEMBER', '2019-01-01']]],
  ['celgene', 'Celgene', null, 'LARGE_COMPANY', ['PHARMA', 'BIOTECH'], null, [['MEDICEN', 'MEMBER', '2012-01-01']]],
  ['alcimed', 'Alcimed', null, 'SME', ['SERVICES'], 'https://www.alcimed.com', [['MEDICEN', 'MEMBER', '2009-01-01']]],
  ['isip', 'ISIP', 'ISIP', 'SCHOOL', ['PHARMA'], null, [['ADS', 'TRAINING_PARTNER', '2022-05-01']]],
  ['digilian', 'Digilian', null, 'SME', ['E_HEALTH'], null, [['ADS', 'TRAINING_PARTNER', '2022-04-14']]],
  ['uclille-law', 'Faculté de droit de l\u2019Université catholique de Lille', 'UCLille', 'UNIVERSITY', ['SERVICES'], null, [['ADS', 'TRAINING_PARTNER', '2022-04-14']]],
  ['ifis-interactive', 'IFIS Interactive', null, 'TRAINING_PROVIDER', ['PHARMA', 'E_HEALTH'], null, [['ADS', 'TRAINING_PARTNER', '2022-04-14']]],
  ['ifis-pharma', 'IFIS Pharma', null, 'TRAINING_PROVIDER', ['PHARMA'], null, [['ADS', 'TRAINING_PARTNER', '2022-04-14']]],
  ['telecom-paris', 'Télécom Paris', null, 'SCHOOL', ['DATA_AI', 'E_HEALTH'], 'https://www.telecom-paris.fr', [['ADS', 'TRAINING_PARTNER', '2022-04-14'], ['MEDICEN', 'MEMBER', '2015-01-01']]],
  ['em-produits-de-sante', 'EM Produits de Santé', null, 'TRAINING_PROVIDER', ['PHARMA'], null, [['ADS', 'TRAINING_PARTNER', '2022-04-14']]],
  ['merck', 'Merck', null, 'LARGE_COMPANY', ['PHARMA'], null, [['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14']]],
  ['ucb', 'UCB', null, 'LARGE_COMPANY', ['PHARMA'], null, [['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14']]],
  ['chugai', 'Chugai Pharma France', 'Chugai', 'LARGE_COMPANY', ['PHARMA'], null, [['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14']]],
  ['ipsen', 'Ipsen', null, 'LARGE_COMPANY', ['PHARMA'], null, [['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14'], ['MEDICEN', 'MEMBER', '2010-01-01']]],
  ['grunenthal', 'Grünenthal', null, 'LARGE_COMPANY', ['PHARMA'], null, [['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14']]],
  ['ge-healthcare', 'GE Healthcare', null, 'LARGE_COMPANY', ['MEDTECH', 'DIAGNOSTICS'], null, [['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14'], ['MEDICEN', 'MEMBER', '2011-01-01']]],
  ['novartis', 'Novartis', null, 'LARGE_COMPANY', ['PHARMA'], null, [['ADS', 'PEDAGOGICAL_COMMITTEE', '2022-04-14']]],
  ['icon', 'ICON plc', 'ICON', 'LARGE_COMPANY', ['SERVICES', 'PHARMA'], null, [['MEDICEN', 'MEMBER', '2020-01-01']]],
  ['ad-scientiam', 'Ad Scientiam', null, 'STARTUP', ['E_HEALTH', 'DATA_AI'], 'https://www.adscientiam.com', [['MEDICEN', 'MEMBER', '2018-01-01'], ['PSC', 'RESIDENT', '2022-01-01']]],
  ['dmh', 'DMH', null, 'STARTUP', ['E_HEALTH'], null, [['MEDICEN', 'MEMBER', '2021-01-01']]],
];

const SYNTHETIC_KINDS: [kind: string, weight: number][] = [
  ['STARTUP', 35], ['SME', 25], ['MID_CAP', 6], ['LARGE_COMPANY', 5], ['RESEARCH_INSTITUTE', 5],
  ['UNIVERSITY', 3], ['SCHOOL', 2], ['HOSPITAL', 8], ['PATIENT_ASSOCIATION', 3], ['INVESTOR', 3],
  ['TRAINING_PROVIDER', 3], ['OTHER', 2],
];
const SECTORS = ['BIOTECH', 'MEDTECH', 'E_HEALTH', 'DATA_AI', 'PHARMA', 'DIAGNOSTICS', 'SERVICES'];
const SUFFIX: Record<string, string[]> = {
  STARTUP: ['Health', 'Lab', 'Care', 'Bio', 'Med', 'Data'],
  HOSPITAL: ['Hôpital'],
  RESEARCH_INSTITUTE: ['Institut'],
};

/** Size of the synthetic directory (DOMAIN.md §3: ~650 organisations). */
export const DEMO_ORGANIZATION_COUNT = 650;

let cache: DemoOrganization[] | undefined;

/**
 * The demo directory: the organisations of the seed articles, then synthetic ones up to
 * DEMO_ORGANIZATION_COUNT, with ~492 Medicen members and ~150 campus organisations. Deterministic.
 */
export function demoOrganizations(): DemoOrganization[] {
  if (cache) return cache;
  const faker = seededFaker(2021);
  const orgs: DemoOrganization[] = REAL.map(([key, name, acronym, kind, sectors, website, memberships]) => ({
    key,
    id: demoId('organization', key),
    name,
    acronym,
    kind,
    sectors,
    website,
    memberships: memberships.map(([ecosystem, role, since]) => ({ ecosystem, role, since })),
    real: true,
  }));
  const count = (code: EcosystemCode): number => orgs.filter((o) => o.memberships.some((m) => m.ecosystem === code)).length;
  const names = new Set(orgs.map((o) => o.name));
  for (let i = 1; orgs.length < DEMO_ORGANIZATION_COUNT; i++) {
    const kind = faker.helpers.weightedArrayElement(SYNTHETIC_KINDS.map(([value, weight]) => ({ value, weight })));
    const base = faker.company.name().replace(/[,]/g, '');
    const prefix = SUFFIX[kind];
    const name = prefix ? `${faker.helpers.arrayElement(prefix)} ${base}` : base;
    if (names.has(name)) continue;
    names.add(name);
    const key = `org-${String(i).padStart(4, '0')}`;
    const memberships: DemoMembership[] = [];
    const year = faker.number.int({ min: 2006, max: 2024 });
    if (count('MEDICEN') < 492 && faker.number.float() < 0.85) {
      memberships.push({ ecosystem: 'MEDICEN', role: 'MEMBER', since: `${year}-01-01` });
    }
    if (count('PSC') < 150 && (memberships.length === 0 || faker.number.float() < 0.2)) {
      memberships.push({ ecosystem: 'PSC', role: kind === 'STARTUP' ? 'RESIDENT' : 'MEMBER', since: '2021-12-14' });
    }
    if (count('ADS') < 45 && ['TRAINING_PROVIDER', 'LARGE_COMPANY', 'SCHOOL'].includes(kind) && faker.number.float() < 0.5) {
      memberships.push({ ecosystem: 'ADS', role: kind === 'LARGE_COMPANY' ? 'MEMBER' : 'TRAINING_PARTNER', since: '2022-04-14' });
    }
    orgs.push({
      key,
      id: demoId('organization', key),
      name,
      acronym: null,
      kind,
      sectors: faker.helpers.arrayElements(SECTORS, { min: 1, max: 2 }),
      website: faker.number.float() < 0.7 ? `https://www.${faker.internet.domainWord()}-${i}.fr` : null,
      memberships,
      real: false,
    });
  }
  cache = orgs;
  return orgs;
}

export function demoOrganization(key: string): DemoOrganization {
  const org = demoOrganizations().find((o) => o.key === key);
  if (!org) throw new Error(`No demo organisation ${key}`);
  return org;
}

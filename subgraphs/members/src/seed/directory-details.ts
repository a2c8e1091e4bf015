import { type AddressColumns, type DemoOrganization, type Label, seededFaker } from '@ecosystem/shared';
import { type KeyFigure, type StrategicAxis } from '../ecosystem/ecosystem.entity';
import { withLuhnDigit } from '../common/identifiers';
import { CompanySize, type Sector } from '../organization/organization.enums';

const SEED_A = 'mind Health, 2 March 2021 (Medicen interview)';
const SEED_B = 'PariSanté Campus, N°793, March 2024';
const SEED_C = 'mind Health, 31 May 2022 (Leem, ADS)';

/** A figure with its label in French and English (`label` keeps the French one for older readers). */
const figure = (labels: Label, value: number, unit: string | null, year: number | null, source: string): KeyFigure => ({
  label: labels.fr,
  labels,
  value,
  unit,
  year,
  source,
});

/** Axes and key figures of the three ecosystems, as the seed articles give them (DOMAIN.md §1). */
export const ECOSYSTEM_PROFILES: Record<string, { axes: StrategicAxis[]; keyFigures: KeyFigure[] }> = {
  MEDICEN: {
    axes: [
      { code: 'BIOTECH', name: 'Biotech', crossCutting: false },
      { code: 'MEDTECH', name: 'Medtech', crossCutting: false },
      { code: 'E_HEALTH', name: 'E-santé', crossCutting: false },
      { code: 'DATA_AI', name: 'Données et intelligence artificielle (MIHD)', crossCutting: true },
    ],
    keyFigures: [
      figure({ fr: 'Adhérents', en: 'Members' }, 492, null, 2020, SEED_A),
      figure({ fr: 'Projets de R&D labellisés et financés', en: 'Labelled and funded R&D projects' }, 40, null, 2020, SEED_A),
      figure({ fr: 'Financement des projets labellisés', en: 'Funding of labelled projects' }, 150_000_000, 'EUR', 2020, SEED_A),
      figure({ fr: 'Projets européens et internationaux', en: 'EU and international projects' }, 11, null, 2020, SEED_A),
      figure({ fr: 'Entreprises accompagnées à l\u2019international', en: 'Companies supported abroad' }, 100, null, 2020, SEED_A),
      figure({ fr: 'Taux de succès des adhérents aux financements', en: 'Funding success rate of members' }, 40, '%', 2020, SEED_A),
      figure({ fr: 'Taux de succès moyen aux financements', en: 'Average funding success rate' }, 18, '%', 2020, SEED_A),
      figure({ fr: 'Adhérents du numérique', en: 'Digital members' }, 60, '%', 2020, SEED_A),
      figure({ fr: 'Part export du chiffre d\u2019affaires des adhérents accompagnés', en: 'Export share of supported members\u2019 revenue' }, 75, '%', 2020, SEED_A),
      figure({ fr: 'Part de l\u2019innovation en santé française', en: 'Share of French health innovation' }, 45, '%', 2020, SEED_A),
    ],
  },
  PSC: {
    axes: [
      { code: 'DATA', name: 'Données', crossCutting: false },
      { code: 'SKILLS', name: 'Compétences', crossCutting: false },
      { code: 'VALUE_CREATION', name: 'Création de valeur', crossCutting: false },
      { code: 'SOCIETAL_IMPACT', name: 'Impact sociétal', crossCutting: false },
    ],
    keyFigures: [
      figure({ fr: 'Membres fondateurs', en: 'Founding members' }, 5, null, 2020, SEED_B),
      figure({ fr: 'Start-up', en: 'Start-ups' }, 100, null, 2024, SEED_B),
      figure({ fr: 'Personnes sur le campus', en: 'People on the campus' }, 1600, null, 2024, SEED_B),
      figure({ fr: 'Organisations sur le campus', en: 'Organisations on the campus' }, 150, null, 2024, SEED_B),
      figure({ fr: 'Surface', en: 'Surface' }, 20_000, 'm²', 2024, SEED_B),
      figure({ fr: 'Surface visée au Val-de-Grâce', en: 'Target surface at Val-de-Grâce' }, 70_000, 'm²', null, SEED_B),
      figure({ fr: 'Événements la première année', en: 'Events in the first year' }, 200, null, 2022, SEED_B),
      figure({ fr: 'Événements au premier semestre de la deuxième année', en: 'Events in the first half of the second year' }, 230, null, 2023, SEED_B),
    ],
  },
  ADS: {
    axes: [
      { code: 'TRAINING', name: 'Plateforme de formation', crossCutting: false },
      { code: 'COMMUNITY', name: 'Communauté', crossCutting: false },
      { code: 'INNOVATION_HUB', name: 'Hub d\u2019innovation', crossCutting: false },
    ],
    keyFigures: [
      figure({ fr: 'Catégories de formation', en: 'Training categories' }, 4, null, 2022, SEED_C),
      figure({ fr: 'Domaines thématiques', en: 'Thematic domains' }, 17, null, 2022, SEED_C),
      figure({ fr: 'Modules au lancement', en: 'Modules at launch' }, 13, null, 2022, SEED_C),
      figure({ fr: 'Métiers couverts par les personae', en: 'Jobs covered by the personae' }, 150, null, 2022, SEED_C),
      figure({ fr: 'Experts du comité pédagogique', en: 'Experts of the pedagogical committee' }, 8, null, 2022, SEED_C),
      figure({ fr: 'Salariés de l\u2019industrie pharmaceutique visés en France', en: 'Pharma employees targeted in France' }, 100_000, null, 2022, SEED_C),
    ],
  },
};

/** Verified ROR ids of research organisations named in the seeds. */
const ROR: Record<string, string> = { inserm: '02vjkv261', inria: '02kvxyf05', psl: '013cjyk83' };

const ROR_TYPES: Record<string, string[]> = {
  STARTUP: ['company'], SME: ['company'], MID_CAP: ['company'], LARGE_COMPANY: ['company'],
  RESEARCH_INSTITUTE: ['facility', 'government'], UNIVERSITY: ['education'], SCHOOL: ['education'], HOSPITAL: ['healthcare'],
  PUBLIC_AGENCY: ['government'], REGULATOR: ['government'], PATIENT_ASSOCIATION: ['nonprofit'], INVESTOR: ['funder'],
  MUTUAL_INSURER: ['nonprofit'], TRAINING_PROVIDER: ['company', 'education'], CLUSTER: ['nonprofit'], INDUSTRY_FEDERATION: ['nonprofit'], OTHER: ['other'],
};

const SIZES: Record<string, CompanySize[]> = {
  STARTUP: [CompanySize.MICRO, CompanySize.MICRO, CompanySize.PME],
  SME: [CompanySize.PME],
  MID_CAP: [CompanySize.ETI],
  LARGE_COMPANY: [CompanySize.GE],
  TRAINING_PROVIDER: [CompanySize.MICRO, CompanySize.PME],
};

const CITIES: [city: string, postalCode: string, region: string, lat: number, lon: number][] = [
  ['Paris', '75013', 'Île-de-France', 48.8322, 2.3561],
  ['Paris', '75015', 'Île-de-France', 48.8412, 2.3003],
  ['Boulogne-Billancourt', '92100', 'Île-de-France', 48.8397, 2.2399],
  ['Évry-Courcouronnes', '91000', 'Île-de-France', 48.6238, 2.4296],
  ['Saclay', '91400', 'Île-de-France', 48.7309, 2.1689],
  ['Villejuif', '94800', 'Île-de-France', 48.7922, 2.3634],
  ['Lyon', '69007', 'Auvergne-Rhône-Alpes', 45.7326, 4.8412],
  ['Lille', '59000', 'Hauts-de-France', 50.6292, 3.0573],
  ['Strasbourg', '67000', 'Grand Est', 48.5734, 7.7521],
  ['Marseille', '13005', 'Provence-Alpes-Côte d\u2019Azur', 43.2927, 5.3969],
];

export interface OrganizationDetails {
  rorTypes: string[];
  siren: string | null;
  siret: string | null;
  nafCode: string | null;
  legalForm: string | null;
  sizeCategory: CompanySize | null;
  rorId: string | null;
  finess: string | null;
  rna: string | null;
  address: AddressColumns;
}

/**
 * Identifiers and addresses of the demo directory. Real organisations keep only facts we are sure of
 * (verified ROR ids); synthetic ones get synthetic but valid identifiers (Luhn SIREN/SIRET, FINESS, RNA).
 */
export function organizationDetails(orgs: DemoOrganization[]): Map<string, OrganizationDetails> {
  const faker = seededFaker(6500);
  const details = new Map<string, OrganizationDetails>();
  orgs.forEach((o, index) => {
    const [city, postalCode, region, lat, lon] = faker.helpers.arrayElement(index < 60 ? CITIES.slice(0, 6) : CITIES);
    const company = ['STARTUP', 'SME', 'MID_CAP', 'LARGE_COMPANY', 'TRAINING_PROVIDER', 'INVESTOR'].includes(o.kind);
    const siren = !o.real && company ? withLuhnDigit(`9${String(10_000_000 + index * 7919).slice(-7)}`) : null;
    details.set(o.id, {
      rorTypes: ROR_TYPES[o.kind] ?? ['other'],
      siren,
      siret: siren ? withLuhnDigit(`${siren}0001`) : null,
      nafCode: siren ? faker.helpers.arrayElement(['72.11Z', '62.01Z', '21.20Z', '32.50A', '86.90F', '70.22Z']) : null,
      legalForm: siren ? faker.helpers.arrayElement(['SAS', 'SA', 'SARL']) : o.kind === 'PATIENT_ASSOCIATION' ? 'Association loi 1901' : null,
      sizeCategory: o.real ? (o.kind === 'LARGE_COMPANY' ? CompanySize.GE : null) : (faker.helpers.arrayElement(SIZES[o.kind] ?? [null]) ?? null),
      rorId: ROR[o.key] ?? null,
      finess: !o.real && o.kind === 'HOSPITAL' ? `${postalCode.slice(0, 2)}${String(1_000_000 + index).slice(-7)}` : null,
      rna: !o.real && o.kind === 'PATIENT_ASSOCIATION' ? `W${postalCode.slice(0, 2)}${String(1_000_000 + index).slice(-7)}` : null,
      address: {
        street: o.real ? null : `${faker.number.int({ min: 1, max: 120 })} ${faker.location.street()}`,
        postalCode,
        city,
        region,
        country: 'FR',
        latitude: lat,
        longitude: lon,
      },
    });
  });
  return details;
}

/** Filières of a membership: the organisation's sectors that are filières of the ecosystem. */
export function membershipFilieres(ecosystem: string, sectors: string[]): Sector[] {
  const filieres = ECOSYSTEM_PROFILES[ecosystem]?.axes.map((a) => a.code) ?? [];
  return sectors.filter((s) => filieres.includes(s)) as Sector[];
}

import { demoId } from './ids';
import { demoOrganizations, type DemoOrganization } from './organizations';
import { seededFaker } from './random';

/*
 * Demo rows that one subgraph owns and others point at. The owner seeds the full rows; the others
 * only use these ids. People are synthetic (never real persons' names or contacts).
 */

export interface DemoPerson {
  key: string;
  id: string;
  givenName: string;
  familyName: string;
  jobTitle: string;
  organization: DemoOrganization;
}

/** Job titles used by training's `suggestedPersona` (@requires jobTitle); keep them realistic. */
export const DEMO_JOB_TITLES = [
  'Data scientist', 'Data steward', 'Chef de projet données de santé', 'Pharmacien affaires réglementaires',
  'Responsable affaires médicales', 'Market access manager', 'Attaché de recherche clinique', 'Biostatisticien',
  'Délégué médical', 'Responsable qualité', 'Ingénieur biomédical', 'DPO (délégué à la protection des données)',
  'Médecin hospitalier', 'Chercheur', 'Product manager e-santé', 'Responsable formation', 'Directeur des systèmes d\u2019information',
  'Responsable pharmacovigilance', 'Chef de produit', 'Juriste santé numérique',
];

export const DEMO_PERSON_COUNT = 3000;
let people: DemoPerson[] | undefined;

export function demoPeople(): DemoPerson[] {
  if (people) return people;
  const faker = seededFaker(2023);
  const orgs = demoOrganizations();
  people = Array.from({ length: DEMO_PERSON_COUNT }, (_, index) => {
    const key = `person-${String(index + 1).padStart(4, '0')}`;
    return {
      key,
      id: demoId('person', key),
      givenName: faker.person.firstName(),
      familyName: faker.person.lastName(),
      jobTitle: faker.helpers.arrayElement(DEMO_JOB_TITLES),
      organization: orgs[index % orgs.length] as DemoOrganization,
    };
  });
  return people;
}

export const DEMO_PROJECT_COUNT = 200;

/** Ids of the demo R&D projects (owned by members). */
export function demoProjectIds(): string[] {
  return Array.from({ length: DEMO_PROJECT_COUNT }, (_, i) => demoId('project', `project-${String(i + 1).padStart(3, '0')}`));
}

export interface DemoCall {
  key: string;
  id: string;
  title: string;
  theme: string;
}

/** Calls for expressions of interest (owned by events); the first two are named in the seeds. */
export const DEMO_CALLS: DemoCall[] = [
  { key: 'ami-cardio', title: 'AMI innovation multi-technologique en maladies cardiovasculaires', theme: 'cardiovascular' },
  { key: 'ami-breast-cancer', title: 'AMI suivi thérapeutique prédictif et multi-échelle du cancer du sein', theme: 'breast-cancer' },
  ...['diabetes', 'rare-diseases', 'mental-health', 'pediatrics', 'imaging-ai', 'prevention', 'telemonitoring', 'interoperability', 'real-world-evidence', 'oncology']
    .map((theme) => ({ key: `call-${theme}`, title: `Appel à projets ${theme}`, theme })),
].map((call) => ({ ...call, id: demoId('call', call.key) }));

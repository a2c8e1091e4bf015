import { demoId } from './ids';
import { demoOrganizations, type DemoOrganization } from './organizations';
import { seededFaker } from './random';

/** What other subgraphs need to know of a demo dataset to point at it. */
export interface DemoDatasetRef {
  key: string;
  id: string;
  identifier: string;
  title: string;
  publisher: DemoOrganization;
}

const NAMED: [key: string, title: string, publisherKey: string][] = [
  ['snds-main', 'Système national des données de santé (base principale)', 'health-data-hub'],
  ['snds-pmsi', 'PMSI : programme de médicalisation des systèmes d\u2019information', 'health-data-hub'],
  ['snds-cepidc', 'CépiDc : causes médicales de décès', 'inserm'],
  ['constances', 'Cohorte Constances', 'inserm'],
  ['cardio-registry', 'Registre des infarctus du myocarde d\u2019Île-de-France', 'inserm'],
  ['breast-cancer-imaging', 'Imagerie mammaire annotée pour le dépistage', 'health-data-hub'],
];

/** Demo datasets: a few named ones, then synthetic, ~300 over ~60 producers. Deterministic. */
export const DEMO_DATASET_COUNT = 300;
let cache: DemoDatasetRef[] | undefined;

export function demoDatasetRefs(): DemoDatasetRef[] {
  if (cache) return cache;
  const faker = seededFaker(2022);
  const orgs = demoOrganizations();
  const byKey = new Map(orgs.map((o) => [o.key, o]));
  const producers = orgs
    .filter((o) => ['HOSPITAL', 'RESEARCH_INSTITUTE', 'UNIVERSITY', 'STARTUP', 'PUBLIC_AGENCY'].includes(o.kind))
    .slice(0, 60);
  const refs: DemoDatasetRef[] = NAMED.map(([key, title, publisherKey]) => ({
    key,
    id: demoId('dataset', key),
    identifier: `https://data.example.org/dataset/${key}`,
    title,
    publisher: byKey.get(publisherKey) as DemoOrganization,
  }));
  const kinds = ['Cohorte', 'Registre', 'Entrepôt de données hospitalier', 'Base d\u2019imagerie', 'Données de vie réelle', 'Enquête'];
  const topics = ['cardiovasculaire', 'oncologie du sein', 'diabète', 'maladies rares', 'santé mentale', 'pédiatrie', 'insuffisance rénale', 'AVC'];
  for (let i = 1; refs.length < DEMO_DATASET_COUNT; i++) {
    const key = `ds-${String(i).padStart(4, '0')}`;
    refs.push({
      key,
      id: demoId('dataset', key),
      identifier: `https://data.example.org/dataset/${key}`,
      title: `${faker.helpers.arrayElement(kinds)} ${faker.helpers.arrayElement(topics)} ${i}`,
      publisher: faker.helpers.arrayElement(producers),
    });
  }
  cache = refs;
  return refs;
}

import { demoDatasetRefs, demoOrganizations, type Logger, seededFaker } from '@ecosystem/shared';
import { type DataSource, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { DatasetCreator } from '../dataset/dataset-creator.entity';
import { DatasetHealthCategory } from '../dataset/dataset-health-category.entity';
import { Dataset } from '../dataset/dataset.entity';
import { AccessRights, DatasetTypology, HealthCategory } from '../dataset/dataset.enums';

async function insertChunks<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: T[],
  size = 100,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await manager.createQueryBuilder().insert().into(target).values(rows.slice(i, i + size)).execute();
  }
}

interface NamedSpec {
  typology: DatasetTypology;
  accessRights: AccessRights;
  healthCategories: HealthCategory[];
  description: string;
}

const NAMED: Record<string, NamedSpec> = {
  'snds-main': {
    typology: DatasetTypology.CLAIMS,
    accessRights: AccessRights.NON_PUBLIC,
    healthCategories: [HealthCategory.HRAD, HealthCategory.EHRS, HealthCategory.MRMR],
    description:
      'Base principale du SNDS : données de remboursement de l\u2019Assurance maladie (SNIIRAM), séjours hospitaliers (PMSI), causes de décès (CépiDc) et données relatives au handicap, pour environ 68 millions de personnes.',
  },
  'snds-pmsi': {
    typology: DatasetTypology.CLAIMS,
    accessRights: AccessRights.NON_PUBLIC,
    healthCategories: [HealthCategory.HRAD, HealthCategory.EHRS],
    description: 'Résumés de séjours hospitaliers (MCO, SSR, HAD, psychiatrie) codés en CIM-10, CCAM et GHM.',
  },
  'snds-cepidc': {
    typology: DatasetTypology.REGISTRY,
    accessRights: AccessRights.NON_PUBLIC,
    healthCategories: [HealthCategory.MRMR],
    description: 'Causes médicales de décès issues des certificats de décès, codées en CIM-10.',
  },
  constances: {
    typology: DatasetTypology.COHORT,
    accessRights: AccessRights.RESTRICTED,
    healthCategories: [HealthCategory.RMMD, HealthCategory.DIOH, HealthCategory.HRAD],
    description: 'Cohorte épidémiologique généraliste de 220 000 adultes, appariée au SNDS.',
  },
  'cardio-registry': {
    typology: DatasetTypology.REGISTRY,
    accessRights: AccessRights.RESTRICTED,
    healthCategories: [HealthCategory.MRMR, HealthCategory.EHRS],
    description: 'Registre populationnel des infarctus du myocarde pris en charge en Île-de-France.',
  },
  'breast-cancer-imaging': {
    typology: DatasetTypology.IMAGING,
    accessRights: AccessRights.RESTRICTED,
    healthCategories: [HealthCategory.EHRS, HealthCategory.EMRD],
    description: 'Mammographies de dépistage annotées par des radiologues, pour l\u2019entraînement d\u2019algorithmes.',
  },
};

const TYPOLOGY_BY_TITLE: [prefix: string, typology: DatasetTypology, categories: HealthCategory[]][] = [
  ['Cohorte', DatasetTypology.COHORT, [HealthCategory.RMMD, HealthCategory.DIOH]],
  ['Registre', DatasetTypology.REGISTRY, [HealthCategory.MRMR]],
  ['Entrepôt', DatasetTypology.HOSPITAL_DATA_WAREHOUSE, [HealthCategory.EHRS]],
  ['Base d\u2019imagerie', DatasetTypology.IMAGING, [HealthCategory.EHRS]],
  ['Données de vie réelle', DatasetTypology.DEVICE_OR_APP_RWD, [HealthCategory.PHDR, HealthCategory.WELA]],
  ['Enquête', DatasetTypology.SURVEY, [HealthCategory.RMMD, HealthCategory.DIOH]],
];

/** Seeds the demo catalogue (ids, identifiers, titles and publishers of `demoDatasetRefs()`). */
export async function seedDatasetsDemo(dataSource: DataSource, logger: Logger): Promise<boolean> {
  if ((await dataSource.getRepository(Dataset).count()) > 0) return false;
  const faker = seededFaker(4002);
  const refs = demoDatasetRefs();
  const hdh = demoOrganizations().find((o) => o.key === 'health-data-hub');
  const datasets: Dataset[] = [];
  const creators: DatasetCreator[] = [];
  for (const ref of refs) {
    const named = NAMED[ref.key];
    const guessed = TYPOLOGY_BY_TITLE.find(([prefix]) => ref.title.startsWith(prefix));
    const typology = named?.typology ?? guessed?.[1] ?? DatasetTypology.COHORT;
    const categories = named?.healthCategories ?? [
      ...new Set([...(guessed?.[2] ?? []), ...faker.helpers.arrayElements(Object.values(HealthCategory), { min: 0, max: 2 })]),
    ];
    const dataset = dataSource.getRepository(Dataset).create({
      id: ref.id,
      identifier: ref.identifier,
      titleFr: ref.title,
      titleEn: null,
      descriptionFr:
        named?.description ??
        `${ref.title} : données produites par ${ref.publisher.name}, présentées lors d\u2019un webinaire MeetMyData.`,
      descriptionEn: null,
      publisherId: ref.publisher.id,
      hdabId: hdh?.id ?? null,
      healthCategories: categories,
      typology,
      accessRights:
        named?.accessRights ??
        faker.helpers.weightedArrayElement([
          { weight: 2, value: AccessRights.PUBLIC },
          { weight: 5, value: AccessRights.RESTRICTED },
          { weight: 3, value: AccessRights.NON_PUBLIC },
        ]),
    });
    dataset.fold();
    datasets.push(dataset);
    creators.push({ datasetId: ref.id, organizationId: ref.publisher.id });
  }
  await dataSource.transaction(async (manager) => {
    await insertChunks(manager, Dataset, datasets);
    await insertChunks(
      manager,
      DatasetHealthCategory,
      datasets.flatMap((d) => d.healthCategories.map((category) => ({ datasetId: d.id, category }))),
    );
    await insertChunks(manager, DatasetCreator, creators);
  });
  logger.info({ datasets: datasets.length }, 'datasets demo data');
  return true;
}

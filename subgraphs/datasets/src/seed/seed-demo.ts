import { SeedWriter, type Logger } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { AccessRequestDataset } from '../access-request/access-request-dataset.entity';
import { AccessRequest } from '../access-request/access-request.entity';
import { StatusChange } from '../access-request/status-change.entity';
import { Catalogue } from '../catalogue/catalogue.entity';
import { DatasetCodingSystem } from '../dataset/dataset-coding-system.entity';
import { DatasetCreator } from '../dataset/dataset-creator.entity';
import { DatasetHealthCategory } from '../dataset/dataset-health-category.entity';
import { DatasetProject } from '../dataset/dataset-project.entity';
import { Dataset } from '../dataset/dataset.entity';
import { Distribution } from '../dataset/distribution.entity';
import { demoAccessRequests } from './demo-access-requests';
import { demoCatalogues, demoDatasets } from './demo-catalogue';

/**
 * Seeds the demo catalogue (ids, identifiers, titles and publishers of `demoDatasetRefs()`),
 * ~600 distributions and ~1,500 access requests in every status with their history.
 */
export async function seedDatasetsDemo(dataSource: DataSource, logger: Logger): Promise<boolean> {
  if ((await dataSource.getRepository(Dataset).count()) > 0) return false;
  const datasets = demoDatasets();
  const requests = demoAccessRequests(datasets);
  const manager = dataSource.manager;
  const seed = new SeedWriter();
  seed.add(Catalogue, demoCatalogues());
  seed.add(
    Dataset,
    datasets.map(({ key: _key, creatorIds: _c, distributions: _d, projectIds: _p, ...row }) => {
      const entity = manager.create(Dataset, row);
      entity.fold();
      return entity;
    }),
  );
  seed.add(
    DatasetHealthCategory,
    datasets.flatMap((d) => d.healthCategories.map((category) => ({ datasetId: d.id, category }))),
  );
  seed.add(
    DatasetCodingSystem,
    datasets.flatMap((d) => d.codingSystems.map((codingSystem) => ({ datasetId: d.id, codingSystem }))),
  );
  seed.add(
    DatasetCreator,
    datasets.flatMap((d) => d.creatorIds.map((organizationId) => ({ datasetId: d.id, organizationId }))),
  );
  seed.add(
    DatasetProject,
    datasets.flatMap((d) => d.projectIds.map((projectId) => ({ datasetId: d.id, projectId }))),
  );
  seed.add(Distribution, datasets.flatMap((d) => d.distributions));
  seed.add(
    AccessRequest,
    requests.map(({ datasetIds: _d, history: _h, ...row }) => row),
  );
  seed.add(
    AccessRequestDataset,
    requests.flatMap((r) => r.datasetIds.map((datasetId) => ({ accessRequestId: r.id, datasetId }))),
  );
  seed.add(StatusChange, requests.flatMap((r) => r.history), 200);
  await seed.write(dataSource, logger);
  logger.info(
    {
      datasets: datasets.length,
      distributions: datasets.reduce((n, d) => n + d.distributions.length, 0),
      accessRequests: requests.length,
    },
    'datasets demo data',
  );
  return true;
}

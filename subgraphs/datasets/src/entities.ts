import { AccessRequestDataset } from './access-request/access-request-dataset.entity';
import { AccessRequest } from './access-request/access-request.entity';
import { StatusChange } from './access-request/status-change.entity';
import { Catalogue } from './catalogue/catalogue.entity';
import { DatasetCodingSystem } from './dataset/dataset-coding-system.entity';
import { DatasetCreator } from './dataset/dataset-creator.entity';
import { DatasetHealthCategory } from './dataset/dataset-health-category.entity';
import { DatasetProject } from './dataset/dataset-project.entity';
import { Dataset } from './dataset/dataset.entity';
import { Distribution } from './dataset/distribution.entity';

export const datasetsEntities = [
  Catalogue,
  Dataset,
  DatasetHealthCategory,
  DatasetCodingSystem,
  DatasetCreator,
  DatasetProject,
  Distribution,
  AccessRequest,
  AccessRequestDataset,
  StatusChange,
];

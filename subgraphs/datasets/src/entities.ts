import { DatasetCreator } from './dataset/dataset-creator.entity';
import { DatasetHealthCategory } from './dataset/dataset-health-category.entity';
import { Dataset } from './dataset/dataset.entity';

export const datasetsEntities = [Dataset, DatasetHealthCategory, DatasetCreator];

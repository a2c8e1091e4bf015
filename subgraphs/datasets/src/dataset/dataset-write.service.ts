import {
  authorizeReference,
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  newId,
  requireViewer,
  runTransaction,
  type Viewer,
} from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { isStewardOf } from '../access-request/access-request.policy';
import { Catalogue } from '../catalogue/catalogue.entity';
import { publishDatasetPublished } from '../common/pub-sub';
import { Distribution } from './distribution.entity';
import { DatasetCodingSystem } from './dataset-coding-system.entity';
import { DatasetCreator } from './dataset-creator.entity';
import { DatasetHealthCategory } from './dataset-health-category.entity';
import { Dataset } from './dataset.entity';
import { type AddDistributionInput, type CreateDatasetInput } from './dataset-write.inputs';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function count(value: bigint | number | null | undefined, field: string): string | null {
  if (value === null || value === undefined) return null;
  const exact = BigInt(value);
  if (exact < 0n) throw new BadUserInputError('Must not be negative', field);
  return exact.toString();
}

/** Writes of the catalogue: the publisher's data stewards (or admins) describe its datasets. */
export class DatasetWriteService {
  constructor(private readonly dataSource: DataSource) {}

  async create(caller: Viewer | null, input: CreateDatasetInput): Promise<Dataset> {
    const viewer = requireViewer(caller);
    const publisherId = input.publisherId ?? viewer.org;
    if (!publisherId) throw new BadUserInputError('Name the publishing organisation', 'input.publisherId');
    if (!isStewardOf(viewer, publisherId)) {
      throw new ForbiddenError('Only a data steward of the publisher (or an admin) may describe its datasets');
    }
    for (const key of ['temporalStart', 'temporalEnd'] as const) {
      const day = input[key];
      if (day != null && !DAY.test(day)) throw new BadUserInputError('Expected YYYY-MM-DD', `input.${key}`);
    }
    if (input.temporalStart && input.temporalEnd && input.temporalStart > input.temporalEnd) {
      throw new BadUserInputError('The coverage ends before it starts', 'input.temporalEnd');
    }
    if (input.minTypicalAge != null && input.maxTypicalAge != null && input.minTypicalAge > input.maxTypicalAge) {
      throw new BadUserInputError('minTypicalAge must not exceed maxTypicalAge', 'input.maxTypicalAge');
    }
    const numberOfRecords = count(input.numberOfRecords, 'input.numberOfRecords');
    const numberOfUniqueIndividuals = count(input.numberOfUniqueIndividuals, 'input.numberOfUniqueIndividuals');
    const catalogue = await this.dataSource.getRepository(Catalogue).findOneBy({ id: input.catalogueId });
    if (!catalogue) throw new BadUserInputError(`Unknown catalogue ${input.catalogueId}`, 'input.catalogueId');
    // A catalogue is its publisher's editorial choice: listing a dataset in it needs its consent.
    authorizeReference(viewer, 'createDataset', 'input.catalogueId', { orgIds: [catalogue.publisherId] },
      'Only someone acting for the catalogue’s publisher (or an admin) may list a dataset in it');
    if (await this.dataSource.getRepository(Dataset).existsBy({ identifier: input.identifier })) {
      throw new ConflictError(`A dataset already has the identifier ${input.identifier}`, 'input.identifier');
    }
    const now = new Date();
    const dataset = this.dataSource.getRepository(Dataset).create({
      id: newId(),
      identifier: input.identifier,
      titleFr: input.titleFr.trim(),
      titleEn: input.titleEn ?? null,
      descriptionFr: input.descriptionFr.trim(),
      descriptionEn: input.descriptionEn ?? null,
      catalogueId: input.catalogueId,
      publisherId,
      hdabId: null,
      contactName: input.contactName.trim(),
      contactEmail: input.contactEmail ?? null,
      contactUrl: null,
      themes: input.themes,
      keywords: input.keywords,
      healthCategories: input.healthCategories,
      healthThemes: input.healthThemes,
      typology: input.typology,
      spatial: input.spatial,
      temporalStart: input.temporalStart ?? null,
      temporalEnd: input.temporalEnd ?? null,
      accrualPeriodicity: null,
      accessRights: input.accessRights,
      applicableLegislation: [],
      legalBasis: [],
      personalData: [],
      purposes: [],
      populationCoverage: input.populationCoverage ?? null,
      minTypicalAge: input.minTypicalAge ?? null,
      maxTypicalAge: input.maxTypicalAge ?? null,
      numberOfRecords,
      numberOfUniqueIndividuals,
      codingSystems: input.codingSystems,
      conformsTo: [],
      trustedDataHolder: null,
      retentionStart: null,
      retentionEnd: null,
      qualityAnnotations: [],
      hdhPosition: input.hdhPosition,
      accessModalities: input.accessModalities,
      issued: now,
      modified: now,
      version: input.version ?? null,
      landingPage: input.landingPage ?? null,
    });
    dataset.fold();
    try {
      await runTransaction(this.dataSource, async (manager) => {
        await manager.insert(Dataset, dataset);
        await manager.insert(
          DatasetHealthCategory,
          dataset.healthCategories.map((category) => ({ datasetId: dataset.id, category })),
        );
        if (dataset.codingSystems.length) {
          await manager.insert(
            DatasetCodingSystem,
            dataset.codingSystems.map((codingSystem) => ({ datasetId: dataset.id, codingSystem })),
          );
        }
        await manager.insert(DatasetCreator, { datasetId: dataset.id, organizationId: publisherId });
      });
    } catch (error) {
      // Two creators racing for one identifier: the unique index decides.
      if (/duplicate|unique/i.test(String((error as Error).message))) {
        throw new ConflictError(`A dataset already has the identifier ${input.identifier}`, 'input.identifier');
      }
      throw error;
    }
    publishDatasetPublished(dataset.id);
    return dataset;
  }

  async addDistribution(caller: Viewer | null, input: AddDistributionInput): Promise<Distribution> {
    const viewer = requireViewer(caller);
    const dataset = await this.dataSource.getRepository(Dataset).findOneBy({ id: input.datasetId });
    if (!dataset) throw new BadUserInputError(`Unknown dataset ${input.datasetId}`, 'input.datasetId');
    if (!isStewardOf(viewer, dataset.publisherId)) {
      throw new ForbiddenError('Only a data steward of the publisher (or an admin) may add a distribution');
    }
    const byteSize = count(input.byteSize, 'input.byteSize');
    const distribution = this.dataSource.getRepository(Distribution).create({
      id: newId(),
      datasetId: dataset.id,
      position: 0,
      title: input.title ?? null,
      accessURL: input.accessURL,
      downloadURL: input.downloadURL ?? null,
      format: input.format ?? null,
      mediaType: input.mediaType ?? null,
      byteSize,
      license: input.license ?? null,
      accessService: input.accessService,
    });
    await runTransaction(this.dataSource, async (manager) => {
      const rows = (await manager
        .getRepository(Distribution)
        .createQueryBuilder('x')
        .select('MAX(x.position)', 'max')
        .where('x.datasetId = :id', { id: dataset.id })
        .getRawOne<{ max: number | string | null }>()) ?? { max: null };
      distribution.position = rows.max === null ? 0 : Number(rows.max) + 1;
      await manager.insert(Distribution, distribution);
      await manager.update(Dataset, { id: dataset.id }, { modified: new Date() });
    });
    return distribution;
  }
}

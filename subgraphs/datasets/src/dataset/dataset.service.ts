import { BadUserInputError, byCountThenValue, type Connection, type FacetCount, foldForSearch, likePattern, NotFoundError, paginate, PREFIX_LIKE_ESCAPE, withoutSelection, withSelected } from '@ecosystem/shared';
import { type DataSource, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { DatasetCodingSystem } from './dataset-coding-system.entity';
import { DatasetHealthCategory } from './dataset-health-category.entity';
import { Dataset } from './dataset.entity';
import { type DatasetFilter } from './dataset.inputs';

/** The catalogue's facets: each has a filter field of the same name. */
export type FacetDimension = 'healthCategories' | 'typology' | 'accessRights' | 'hdhPosition' | 'codingSystems' | 'publishers';

/** A LIKE pattern (with ESCAPE PREFIX_LIKE_ESCAPE) for one element of a JSON list of strings. */
function jsonElementPattern(value: string): string {
  const escaped = JSON.stringify(value).replace(/[!%_]/g, (c) => `${PREFIX_LIKE_ESCAPE}${c}`);
  return `%${escaped}%`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads of the catalogue: filters are EXISTS subqueries so that LIMIT and COUNT count datasets. */
export class DatasetService {
  constructor(private readonly dataSource: DataSource) {}

  /** Checks the rules class-validator cannot express, before any query. */
  static validate(filter: DatasetFilter | null | undefined): void {
    if (!filter) return;
    if (filter.minIndividuals !== undefined && filter.minIndividuals !== null) {
      const value = BigInt(filter.minIndividuals);
      if (value < 0n) throw new BadUserInputError('minIndividuals must not be negative', 'filter.minIndividuals');
    }
    const age = filter.ageRange;
    if (age && age.min != null && age.max != null && age.min > age.max) {
      throw new BadUserInputError('ageRange.min must not exceed ageRange.max', 'filter.ageRange');
    }
    const period = filter.temporalOverlap;
    for (const [key, day] of [
      ['start', period?.start],
      ['end', period?.end],
    ] as const) {
      if (day != null && !DAY.test(day)) throw new BadUserInputError('Expected YYYY-MM-DD', `filter.temporalOverlap.${key}`);
    }
    if (period?.start && period.end && period.start > period.end) {
      throw new BadUserInputError('temporalOverlap.start must not be after its end', 'filter.temporalOverlap');
    }
  }

  private exists<T extends ObjectLiteral>(
    query: SelectQueryBuilder<Dataset>,
    entity: new () => T,
    alias: string,
    condition: string,
    parameters: Record<string, unknown>,
  ): void {
    const sub = this.dataSource
      .getRepository(entity)
      .createQueryBuilder(alias)
      .select('1')
      .where(`${alias}.datasetId = d.id`)
      .andWhere(condition);
    query.andWhere(`EXISTS (${sub.getQuery()})`, parameters);
  }

  /** The filtered catalogue as a query builder over `dataset d`. */
  filtered(filter: DatasetFilter | null | undefined): SelectQueryBuilder<Dataset> {
    DatasetService.validate(filter);
    const query = this.dataSource.getRepository(Dataset).createQueryBuilder('d');
    if (!filter) return query;
    if (filter.text?.trim()) {
      for (const [index, word] of filter.text.trim().split(/\s+/).slice(0, 10).entries()) {
        query.andWhere(`d.searchText LIKE :word${index}`, { [`word${index}`]: likePattern(word) });
      }
    }
    if (filter.healthCategories?.length) {
      this.exists(query, DatasetHealthCategory, 'fhc', 'fhc.category IN (:...fHealthCategories)', {
        fHealthCategories: filter.healthCategories,
      });
    }
    if (filter.codingSystems?.length) {
      this.exists(query, DatasetCodingSystem, 'fcs', 'fcs.codingSystem IN (:...fCodingSystems)', {
        fCodingSystems: filter.codingSystems,
      });
    }
    if (filter.typology?.length) query.andWhere('d.typology IN (:...fTypology)', { fTypology: filter.typology });
    if (filter.accessRights?.length) {
      query.andWhere('d.accessRights IN (:...fAccessRights)', { fAccessRights: filter.accessRights });
    }
    if (filter.hdhPosition?.length) {
      query.andWhere('d.hdhPosition IN (:...fHdhPosition)', { fHdhPosition: filter.hdhPosition });
    }
    if (filter.publishers?.length) query.andWhere('d.publisherId IN (:...fPublishers)', { fPublishers: filter.publishers });
    // Lists stored as JSON text: one LIKE per value, OR'ed (values within a field are alternatives).
    const anyElement = (column: string, name: string, values: readonly string[]): void => {
      // Values that fold to nothing ("-", "%") name no element: the filter matches no row (and an
      // empty OR would not be SQL).
      if (values.length === 0) return void query.andWhere('1 = 0');
      const parameters = Object.fromEntries(values.map((value, i) => [`${name}${i}`, jsonElementPattern(value)]));
      const tests = values.map((_, i) => `${column} LIKE :${name}${i} ESCAPE '${PREFIX_LIKE_ESCAPE}'`);
      query.andWhere(`(${tests.join(' OR ')})`, parameters);
    };
    if (filter.accessModalities?.length) anyElement('d.accessModalities', 'fAccessModality', filter.accessModalities);
    // A blank value is no value (a blank filter text is no filter): only blank values, no filter.
    const healthThemes = filter.healthThemes?.filter((theme) => theme.trim() !== '');
    if (healthThemes?.length) {
      // Compared as CallFilter.theme is: case, accents and hyphens ignored ("Breast-Cancer" finds
      // "breast cancer"); the column's collation ignores case and accents, hyphens are read as spaces.
      anyElement("REPLACE(LOWER(d.healthThemes), '-', ' ')", 'fHealthTheme', [...new Set(healthThemes.map((theme) => foldForSearch(theme)))].filter(Boolean));
    }
    if (filter.catalogueId) query.andWhere('d.catalogueId = :fCatalogueId', { fCatalogueId: filter.catalogueId });
    if (filter.minIndividuals !== undefined && filter.minIndividuals !== null) {
      // A decimal string: no float on the way, whatever the size.
      query.andWhere('d.numberOfUniqueIndividuals >= :fMinIndividuals', {
        fMinIndividuals: BigInt(filter.minIndividuals).toString(),
      });
    }
    if (filter.ageRange?.max != null) {
      query.andWhere('(d.minTypicalAge IS NULL OR d.minTypicalAge <= :fAgeMax)', { fAgeMax: filter.ageRange.max });
    }
    if (filter.ageRange?.min != null) {
      query.andWhere('(d.maxTypicalAge IS NULL OR d.maxTypicalAge >= :fAgeMin)', { fAgeMin: filter.ageRange.min });
    }
    if (filter.temporalOverlap) {
      query.andWhere('d.temporalStart IS NOT NULL');
      if (filter.temporalOverlap.end) {
        query.andWhere('d.temporalStart <= :fPeriodEnd', { fPeriodEnd: filter.temporalOverlap.end });
      }
      if (filter.temporalOverlap.start) {
        query.andWhere('(d.temporalEnd IS NULL OR d.temporalEnd >= :fPeriodStart)', {
          fPeriodStart: filter.temporalOverlap.start,
        });
      }
    }
    return query;
  }

  async list(filter: DatasetFilter | null | undefined, page: { first?: number | null; after?: string | null }): Promise<Connection<Dataset>> {
    return paginate(this.filtered(filter), 'd', { column: 'd.sortTitle', valueOf: (d) => d.sortTitle }, page);
  }

  /**
   * Values of one dimension with the number of datasets for each, counted over the filter without
   * the dimension's own selection (disjunctive facets, see FacetCount): one statement.
   */
  async facet(given: DatasetFilter | null | undefined, dimension: FacetDimension): Promise<FacetCount[]> {
    const filter = withoutSelection(given, dimension);
    const matching = this.filtered(filter).select('d.id');
    let query: SelectQueryBuilder<ObjectLiteral>;
    if (dimension === 'healthCategories' || dimension === 'codingSystems') {
      const [entity, column] =
        dimension === 'healthCategories'
          ? ([DatasetHealthCategory, 'category'] as const)
          : ([DatasetCodingSystem, 'codingSystem'] as const);
      query = this.dataSource
        .getRepository<ObjectLiteral>(entity)
        .createQueryBuilder('v')
        .select(`v.${column}`, 'value')
        .addSelect('COUNT(*)', 'count')
        .where(`v.datasetId IN (${matching.getQuery()})`)
        .groupBy(`v.${column}`);
    } else {
      const column = dimension === 'publishers' ? 'publisherId' : dimension;
      query = this.filtered(filter)
        .select(`d.${column}`, 'value')
        .addSelect('COUNT(*)', 'count')
        .groupBy(`d.${column}`);
    }
    query.setParameters(matching.getParameters());
    const rows = await query.getRawMany<{ value: string; count: string | number }>();
    return withSelected(
      rows.map((row) => ({ value: String(row.value), count: Number(row.count) })),
      given?.[dimension] as readonly string[] | null | undefined,
      byCountThenValue,
    );
  }

  /** Whether `datasets(filter)` lists the dataset (datasetPublished's filter, asked of the new row). */
  async matches(filter: DatasetFilter | null | undefined, id: string): Promise<boolean> {
    return this.filtered(filter).andWhere('d.id = :matchedId', { matchedId: id }).getExists();
  }

  /** One dataset read now (a subscription's context lives as long as its stream: no request loaders). */
  async byId(id: string): Promise<Dataset> {
    const dataset = await this.dataSource.getRepository(Dataset).findOneBy({ id });
    if (!dataset) throw new NotFoundError('Dataset', id);
    return dataset;
  }

  async byIdentifier(identifier: string): Promise<Dataset | null> {
    return this.dataSource.getRepository(Dataset).findOneBy({ identifier });
  }
}

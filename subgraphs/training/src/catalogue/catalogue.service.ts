import { type DataSource } from 'typeorm';
import { Category } from './category.entity';

/** Reads of the catalogue tree that no loader serves. */
export class CatalogueService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every category, in catalogue order. */
  async categories(): Promise<Category[]> {
    return this.dataSource.getRepository(Category).find({ order: { position: 'ASC', code: 'ASC' } });
  }
}

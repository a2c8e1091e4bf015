import { type DataSource } from 'typeorm';
import { Catalogue } from './catalogue.entity';

/** Reads of catalogues that no loader serves. */
export class CatalogueService {
  constructor(private readonly dataSource: DataSource) {}

  /** Every DCAT data catalogue, by title. */
  async list(): Promise<Catalogue[]> {
    return this.dataSource.getRepository(Catalogue).find({ order: { title: 'ASC', id: 'ASC' } });
  }
}

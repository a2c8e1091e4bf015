import { type DataSource } from 'typeorm';
import { Ecosystem } from './ecosystem.entity';

/** Reads of ecosystems that no loader serves. */
export class EcosystemService {
  constructor(private readonly dataSource: DataSource) {}

  /** One ecosystem by its code, or null. */
  async byCode(code: string): Promise<Ecosystem | null> {
    return this.dataSource.getRepository(Ecosystem).findOneBy({ code });
  }

  /** Every ecosystem, by code. */
  async list(): Promise<Ecosystem[]> {
    return this.dataSource.getRepository(Ecosystem).find({ order: { code: 'ASC' } });
  }
}

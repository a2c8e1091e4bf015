import { type DataSource } from 'typeorm';
import { CampusProfile } from './campus-profile.entity';

/** Reads of campus profiles that no loader serves: lists, rather than one row per key. */
export class CampusProfileService {
  constructor(private readonly dataSource: DataSource) {}

  /** The ids of the organisations resident on the campus, in id order; `first` is clamped to 1-200. */
  async residentOrganizationIds(first: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(CampusProfile).find({
      select: { organizationId: true },
      where: { resident: true },
      order: { organizationId: 'ASC' },
      take: Math.min(Math.max(first, 1), 200),
    });
    return rows.map((row) => row.organizationId);
  }
}

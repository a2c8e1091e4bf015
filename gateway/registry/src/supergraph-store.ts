import { ConflictError, NotFoundError } from '@ecosystem/shared';
import { type DataSource, type EntityManager } from 'typeorm';
import { type CheckProblem } from './checks';
import {
  type ManifestEntry,
  PublicationLogEntry,
  PublicationOutcome,
  RegisteredSubgraph,
  SubgraphVersion,
  SupergraphVersion,
} from './registry.entities';
import { type AcceptedSupergraph, supergraphHash, type SupergraphMember, type SupergraphStore } from './supergraph/core-supergraph';

export function parseManifest(manifest: string): SupergraphMember[] {
  return (JSON.parse(manifest) as ManifestEntry[]).map((m) => ({ ...m }));
}

export function toAccepted(row: SupergraphVersion): AcceptedSupergraph {
  return { version: row.version, sdl: row.sdl, members: parseManifest(row.manifest) };
}

/**
 * The registry's records: accepted supergraphs (versions, with their manifest), the publication log,
 * and the partner subgraphs' versions. What the supergraph manager reads at start and writes on
 * each change; the publication service writes through `insertSupergraph` and `log` in its transactions.
 */
export class RegistryStore implements SupergraphStore {
  constructor(private readonly dataSource: DataSource) {}

  async latest(): Promise<AcceptedSupergraph | null> {
    const [row] = await this.dataSource.getRepository(SupergraphVersion).find({ order: { version: 'DESC' }, take: 1 });
    return row ? toAccepted(row) : null;
  }

  async latestVersion(): Promise<number> {
    const row = await this.dataSource
      .getRepository(SupergraphVersion)
      .createQueryBuilder('s')
      .select('MAX(s.version)', 'max')
      .getRawOne<{ max: number | string | null }>();
    return Number(row?.max ?? 0);
  }

  async recordRefresh(sdl: string, members: SupergraphMember[]): Promise<AcceptedSupergraph> {
    return this.dataSource.transaction(async (manager) => {
      const accepted = await this.insertSupergraph(manager, sdl, members, 'core refresh', 'gateway');
      await this.log(manager, { action: 'refresh', subgraphName: null, outcome: PublicationOutcome.ACCEPTED, actor: 'gateway', supergraphVersion: accepted.version, report: [] });
      return accepted;
    });
  }

  async registeredSubgraphs(): Promise<RegisteredSubgraph[]> {
    return this.dataSource.getRepository(RegisteredSubgraph).find({ order: { name: 'ASC' } });
  }

  async subgraphVersions(name: string): Promise<SubgraphVersion[]> {
    return this.dataSource.getRepository(SubgraphVersion).find({ where: { subgraphName: name }, order: { version: 'DESC' } });
  }

  async history(limit = 50, servingVersion?: number): Promise<{ version: number; hash: string; reason: string; createdBy: string; createdAt: Date; subgraphs: string[]; serving: boolean }[]> {
    const rows = await this.dataSource.getRepository(SupergraphVersion).find({
      select: { version: true, hash: true, reason: true, createdBy: true, createdAt: true, manifest: true },
      order: { version: 'DESC' },
      take: limit,
    });
    return rows.map((r) => ({
      version: r.version,
      hash: r.hash,
      reason: r.reason,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      subgraphs: parseManifest(r.manifest).map((m) => (m.kind === 'partner' ? `${m.name}@${m.version ?? '?'}` : m.name)),
      serving: r.version === servingVersion,
    }));
  }

  async publications(limit = 50, subgraph?: string): Promise<PublicationLogEntry[]> {
    return this.dataSource.getRepository(PublicationLogEntry).find({
      where: subgraph ? { subgraphName: subgraph } : {},
      order: { id: 'DESC' },
      take: limit,
    });
  }

  async supergraphSdl(version: number): Promise<string> {
    const row = await this.dataSource.getRepository(SupergraphVersion).findOneBy({ version });
    if (!row) throw new NotFoundError('Accepted supergraph version', String(version));
    return row.sdl;
  }

  /** Inserts the next version (inside the caller's transaction). */
  async insertSupergraph(
    manager: EntityManager,
    sdl: string,
    members: SupergraphMember[],
    reason: string,
    createdBy: string,
  ): Promise<AcceptedSupergraph> {
    const row = await manager
      .getRepository(SupergraphVersion)
      .createQueryBuilder('s')
      .select('MAX(s.version)', 'max')
      .getRawOne<{ max: number | string | null }>();
    const version = Number(row?.max ?? 0) + 1;
    const manifest: ManifestEntry[] = members.map((m) => ({ name: m.name, url: m.url, sdl: m.sdl, kind: m.kind, ...(m.version ? { version: m.version } : {}) }));
    try {
      await manager.getRepository(SupergraphVersion).insert({
        version,
        hash: supergraphHash(sdl),
        sdl,
        manifest: JSON.stringify(manifest),
        reason: reason.slice(0, 200),
        createdBy: createdBy.slice(0, 120),
        createdAt: new Date(),
      });
    } catch (error) {
      throw new ConflictError(`Another replica accepted supergraph version ${version} at the same time; retry (${(error as Error).message})`);
    }
    return { version, sdl, members: manifest };
  }

  /** One line of the publication log (inside the caller's transaction, or not). */
  async log(
    manager: EntityManager,
    entry: { action: string; subgraphName: string | null; outcome: PublicationOutcome; actor: string; forced?: boolean; supergraphVersion: number | null; report: CheckProblem[] },
  ): Promise<void> {
    await manager.getRepository(PublicationLogEntry).insert({
      action: entry.action,
      subgraphName: entry.subgraphName,
      outcome: entry.outcome,
      actor: entry.actor.slice(0, 120),
      forced: entry.forced ?? false,
      supergraphVersion: entry.supergraphVersion,
      report: JSON.stringify(entry.report),
      createdAt: new Date(),
    });
  }
}

import { createHash, randomBytes } from 'node:crypto';
import {
  BadUserInputError,
  ConflictError,
  ForbiddenError,
  type Logger,
  newId,
  NotFoundError,
} from '@ecosystem/shared';
import { type DataSource, type EntityManager, IsNull } from 'typeorm';
import { type AcceptedSupergraph, type CoreSupergraphManager, supergraphHash, type SupergraphMember, type SupergraphStore } from '../supergraph/supergraph-manager';
import {
  checkBreakingChanges,
  checkNullability,
  checkOwnership,
  checkReachability,
  type CheckProblem,
  type CheckReport,
  composeCandidate,
  type RecordedOperation,
} from './checks';
import { type OwnershipPolicy } from './policy';
import {
  type ManifestEntry,
  PartnerCredential,
  PublicationLogEntry,
  PublicationOutcome,
  RegisteredSubgraph,
  SubgraphStatus,
  SubgraphVersion,
  SupergraphVersion,
} from './registry.entities';

/** Who is calling the registry: an admin, or a partner credential scoped to subgraph names. */
export interface RegistryActor {
  /** Person id (JWT subject) or `key:<credential id>`. */
  id: string;
  admin: boolean;
  /** The subgraph names a partner may publish, check and remove (ignored for admins). */
  subgraphs: string[];
  org: string | null;
}

export interface PublishInput {
  name: string;
  /** Routing URL the gateway will call. */
  url: string;
  /** The SDL being published; omitted = what the subgraph serves at `url`. */
  sdl?: string | undefined;
  ownerOrg?: string | undefined;
  /** Accept although recorded operations would break (admins only). */
  force?: boolean | undefined;
}

export interface PublicationResult {
  outcome: PublicationOutcome;
  /** True for `check`: nothing was changed. */
  dryRun: boolean;
  subgraph: string | null;
  subgraphVersion?: number;
  supergraphVersion?: number;
  forced: boolean;
  report: Omit<CheckReport, 'supergraphSdl'>;
}

export interface RegistryServiceOptions {
  dataSource: DataSource;
  manager: CoreSupergraphManager;
  policy: OwnershipPolicy;
  logger: Logger;
  /** The recorded operations checked for breaking changes. */
  recordedOperations: () => Promise<RecordedOperation[]>;
  /** @default 5000 */
  reachabilityTimeoutMs?: number;
}

const KEY_PREFIX = 'egk_';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function parseManifest(manifest: string): SupergraphMember[] {
  return (JSON.parse(manifest) as ManifestEntry[]).map((m) => ({ ...m }));
}

function toAccepted(row: SupergraphVersion): AcceptedSupergraph {
  return { version: row.version, sdl: row.sdl, members: parseManifest(row.manifest) };
}

/**
 * The schema registry: partner subgraphs, their versions, accepted supergraphs, the publication log
 * and partner credentials. Every change runs the checks first and is serialised with the supergraph
 * manager's other changes; an accepted change is stored, then hot-swapped.
 */
export class RegistryService implements SupergraphStore {
  private readonly dataSource: DataSource;

  constructor(private readonly options: RegistryServiceOptions) {
    this.dataSource = options.dataSource;
  }

  // --- SupergraphStore (used by the supergraph manager) ---

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

  // --- Credentials ---

  /** A new partner API key for `subgraphs` (the admin's approval of those names). Shown once. */
  async grant(actor: RegistryActor, input: { label: string; subgraphs: string[]; ownerOrg?: string | undefined }): Promise<{ id: string; key: string }> {
    this.assertAdmin(actor, 'grant partner credentials');
    if (!input.label?.trim()) throw new BadUserInputError('A label (who the key is for) is required', 'label');
    if (!Array.isArray(input.subgraphs) || input.subgraphs.length === 0) {
      throw new BadUserInputError('List at least one subgraph name the key may publish', 'subgraphs');
    }
    for (const name of input.subgraphs) this.assertValidName(name, 'subgraphs');
    const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
    const id = newId();
    await this.dataSource.getRepository(PartnerCredential).insert({
      id,
      keyHash: sha256(key),
      label: input.label.trim(),
      ownerOrg: input.ownerOrg ?? null,
      subgraphs: JSON.stringify([...new Set(input.subgraphs)]),
      createdBy: actor.id,
      createdAt: new Date(),
      revokedAt: null,
    });
    return { id, key };
  }

  async revoke(actor: RegistryActor, id: string): Promise<void> {
    this.assertAdmin(actor, 'revoke partner credentials');
    const result = await this.dataSource.getRepository(PartnerCredential).update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    if (!result.affected) throw new NotFoundError('Active partner credential', id);
  }

  static isApiKey(token: string): boolean {
    return token.startsWith(KEY_PREFIX);
  }

  /** The actor behind a partner API key, or null when unknown or revoked. */
  async authenticateKey(key: string): Promise<RegistryActor | null> {
    const row = await this.dataSource.getRepository(PartnerCredential).findOneBy({ keyHash: sha256(key), revokedAt: IsNull() });
    if (!row) return null;
    return { id: `key:${row.id}`, admin: false, subgraphs: JSON.parse(row.subgraphs) as string[], org: row.ownerOrg };
  }

  // --- Reading ---

  async list(): Promise<{
    name: string;
    kind: 'core' | 'partner';
    url: string;
    status: string;
    version: number | null;
    ownerOrg: string | null;
    updatedAt: Date | null;
  }[]> {
    const serving = this.options.manager.serving;
    const core = (serving?.members ?? []).filter((m) => m.kind === 'core');
    const partners = await this.dataSource.getRepository(RegisteredSubgraph).find({ order: { name: 'ASC' } });
    return [
      ...core.map((m) => ({ name: m.name, kind: 'core' as const, url: m.url, status: SubgraphStatus.ACTIVE, version: null, ownerOrg: null, updatedAt: null })),
      ...partners.map((p) => ({ name: p.name, kind: 'partner' as const, url: p.routingUrl, status: p.status, version: p.version, ownerOrg: p.ownerOrg, updatedAt: p.updatedAt })),
    ];
  }

  async subgraphVersions(name: string): Promise<SubgraphVersion[]> {
    return this.dataSource.getRepository(SubgraphVersion).find({ where: { subgraphName: name }, order: { version: 'DESC' } });
  }

  async history(limit = 50): Promise<{ version: number; hash: string; reason: string; createdBy: string; createdAt: Date; subgraphs: string[]; serving: boolean }[]> {
    const rows = await this.dataSource.getRepository(SupergraphVersion).find({
      select: { version: true, hash: true, reason: true, createdBy: true, createdAt: true, manifest: true },
      order: { version: 'DESC' },
      take: limit,
    });
    const servingVersion = this.options.manager.serving?.version;
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

  // --- Changes ---

  /** Runs every check; changes nothing (for partners' CI). */
  async check(actor: RegistryActor, input: PublishInput): Promise<PublicationResult> {
    this.assertMayManage(actor, input);
    const { report } = await this.runPublishChecks(input);
    return this.result(report, { dryRun: true, subgraph: input.name, forced: false, force: input.force === true && actor.admin });
  }

  async publish(actor: RegistryActor, input: PublishInput): Promise<PublicationResult> {
    this.assertMayManage(actor, input);
    if (input.force && !actor.admin) throw new ForbiddenError('Only an admin can force a publication that breaks recorded operations');
    return this.options.manager.exclusive(async () => {
      const { report, sdl, members } = await this.runPublishChecks(input);
      const forced = input.force === true;
      const refusing = this.refusingProblems(report, forced);
      if (refusing.length > 0 || !report.supergraphSdl || !sdl) {
        await this.log(this.dataSource.manager, { action: 'publish', subgraphName: input.name, outcome: PublicationOutcome.REFUSED, actor: actor.id, forced, supergraphVersion: null, report: [...report.problems, ...report.warnings] });
        return this.result(report, { dryRun: false, subgraph: input.name, forced: false, force: forced });
      }
      const supergraphSdl = report.supergraphSdl;
      const { accepted, subgraphVersion } = await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(RegisteredSubgraph);
        const existing = await repo.findOneBy({ name: input.name });
        const version = (existing?.version ?? 0) + 1;
        const now = new Date();
        await repo.save({
          name: input.name,
          routingUrl: input.url,
          ownerOrg: input.ownerOrg ?? existing?.ownerOrg ?? actor.org,
          status: SubgraphStatus.ACTIVE,
          sdl,
          version,
          updatedAt: now,
        });
        await manager.getRepository(SubgraphVersion).insert({ subgraphName: input.name, version, routingUrl: input.url, sdl, publishedBy: actor.id, publishedAt: now });
        const finalMembers = members.map((m) => (m.name === input.name ? { ...m, version } : m));
        const accepted = await this.insertSupergraph(manager, supergraphSdl, finalMembers, `publish ${input.name}@${version}`, actor.id);
        await this.log(manager, { action: 'publish', subgraphName: input.name, outcome: PublicationOutcome.ACCEPTED, actor: actor.id, forced, supergraphVersion: accepted.version, report: [...report.problems, ...report.warnings] });
        return { accepted, subgraphVersion: version };
      });
      await this.options.manager.swapNow(accepted);
      this.options.logger.info({ subgraph: input.name, version: subgraphVersion, supergraphVersion: accepted.version, forced }, 'subgraph published');
      return { ...this.result(report, { dryRun: false, subgraph: input.name, forced, force: forced }), subgraphVersion, supergraphVersion: accepted.version };
    });
  }

  async remove(actor: RegistryActor, name: string, force = false): Promise<PublicationResult> {
    this.assertMayManage(actor, { name, url: 'http://unused' });
    if (force && !actor.admin) throw new ForbiddenError('Only an admin can force a removal that breaks recorded operations');
    return this.options.manager.exclusive(async () => {
      const serving = this.requireServing();
      if (!serving.members.some((m) => m.name === name && m.kind === 'partner')) {
        throw new NotFoundError('Partner subgraph in the serving supergraph', name);
      }
      const members = serving.members.filter((m) => m.name !== name);
      const report = await this.compositionAndBreaking(members, serving.sdl);
      const refusing = this.refusingProblems(report, force);
      if (refusing.length > 0 || !report.supergraphSdl) {
        await this.log(this.dataSource.manager, { action: 'remove', subgraphName: name, outcome: PublicationOutcome.REFUSED, actor: actor.id, forced: force, supergraphVersion: null, report: report.problems });
        return this.result(report, { dryRun: false, subgraph: name, forced: false, force });
      }
      const supergraphSdl = report.supergraphSdl;
      const accepted = await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(RegisteredSubgraph).update({ name }, { status: SubgraphStatus.REMOVED, updatedAt: new Date() });
        const accepted = await this.insertSupergraph(manager, supergraphSdl, members, `remove ${name}`, actor.id);
        await this.log(manager, { action: 'remove', subgraphName: name, outcome: PublicationOutcome.ACCEPTED, actor: actor.id, forced: force, supergraphVersion: accepted.version, report: report.problems });
        return accepted;
      });
      await this.options.manager.swapNow(accepted);
      return { ...this.result(report, { dryRun: false, subgraph: name, forced: force, force }), supergraphVersion: accepted.version };
    });
  }

  /** Serves an earlier accepted supergraph again (recorded as a new version). Admins only. */
  async rollback(actor: RegistryActor, version: number): Promise<{ supergraphVersion: number; restored: number }> {
    this.assertAdmin(actor, 'roll back the supergraph');
    return this.options.manager.exclusive(async () => {
      const target = await this.dataSource.getRepository(SupergraphVersion).findOneBy({ version });
      if (!target) throw new NotFoundError('Accepted supergraph version (see `npm run supergraph -- history`)', String(version));
      const members = parseManifest(target.manifest);
      const accepted = await this.dataSource.transaction(async (manager) => {
        const repo = manager.getRepository(RegisteredSubgraph);
        const partners = members.filter((m) => m.kind === 'partner');
        const now = new Date();
        for (const registered of await repo.find()) {
          const entry = partners.find((p) => p.name === registered.name);
          if (entry) {
            await repo.update({ name: registered.name }, { status: SubgraphStatus.ACTIVE, sdl: entry.sdl, routingUrl: entry.url, version: entry.version ?? registered.version, updatedAt: now });
          } else if (registered.status === SubgraphStatus.ACTIVE) {
            await repo.update({ name: registered.name }, { status: SubgraphStatus.REMOVED, updatedAt: now });
          }
        }
        const accepted = await this.insertSupergraph(manager, target.sdl, members, `rollback to ${version}`, actor.id);
        await this.log(manager, { action: 'rollback', subgraphName: null, outcome: PublicationOutcome.ACCEPTED, actor: actor.id, supergraphVersion: accepted.version, report: [] });
        return accepted;
      });
      await this.options.manager.swapNow(accepted);
      this.options.logger.info({ to: version, supergraphVersion: accepted.version }, 'supergraph rolled back');
      return { supergraphVersion: accepted.version, restored: version };
    });
  }

  // --- internals ---

  private requireServing(): AcceptedSupergraph {
    const serving = this.options.manager.serving;
    if (!serving || serving.members.length === 0) {
      throw new ConflictError('The gateway has not composed its core subgraphs yet; retry in a moment');
    }
    return serving;
  }

  private async runPublishChecks(input: PublishInput): Promise<{ report: CheckReport; sdl?: string; members: SupergraphMember[] }> {
    const serving = this.requireServing();
    const reach = await checkReachability(input.name, input.url, input.sdl, this.options.reachabilityTimeoutMs ?? 5000);
    const sdl = input.sdl ?? reach.servedSdl;
    const empty: CheckReport = { problems: reach.problems, warnings: [], changes: [], operationsChecked: 0 };
    if (sdl === undefined) return { report: empty, members: serving.members };
    const existing = serving.members.find((m) => m.name === input.name);
    const members: SupergraphMember[] = [
      ...serving.members.filter((m) => m.name !== input.name),
      { name: input.name, url: input.url, sdl, kind: 'partner', ...(existing?.version ? { version: existing.version } : {}) },
    ];
    const policyProblems = checkOwnership(
      this.options.policy,
      serving.members.filter((m) => m.kind === 'core'),
      { name: input.name, sdl },
    );
    const rest = await this.compositionAndBreaking(members, serving.sdl);
    if (rest.supergraphSdl) policyProblems.push(...checkNullability(serving.sdl, rest.supergraphSdl, input.name));
    return {
      report: { ...rest, problems: [...reach.problems, ...rest.problems.filter((p) => p.check === 'composition'), ...policyProblems, ...rest.problems.filter((p) => p.check !== 'composition')] },
      sdl,
      members,
    };
  }

  private async compositionAndBreaking(members: SupergraphMember[], servingSdl: string): Promise<CheckReport> {
    const composed = composeCandidate(members);
    if (!composed.supergraphSdl) return { problems: composed.problems, warnings: [], changes: [], operationsChecked: 0 };
    const breaking = checkBreakingChanges(servingSdl, composed.supergraphSdl, await this.options.recordedOperations());
    return {
      problems: breaking.problems,
      warnings: [],
      changes: breaking.changes,
      operationsChecked: breaking.operationsChecked,
      supergraphSdl: composed.supergraphSdl,
    };
  }

  /** Problems that refuse the change: all of them, except broken operations when an admin forces. */
  private refusingProblems(report: CheckReport, forced: boolean): CheckProblem[] {
    return report.problems.filter((p) => !(forced && p.check === 'breaking'));
  }

  private result(
    report: CheckReport,
    options: { dryRun: boolean; subgraph: string | null; forced: boolean; force: boolean },
  ): PublicationResult {
    const refusing = this.refusingProblems(report, options.force);
    const { supergraphSdl, ...rest } = report;
    const ok = refusing.length === 0 && supergraphSdl !== undefined;
    return {
      outcome: ok ? PublicationOutcome.ACCEPTED : PublicationOutcome.REFUSED,
      dryRun: options.dryRun,
      subgraph: options.subgraph,
      forced: options.forced,
      report: rest,
    };
  }

  private async insertSupergraph(
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

  private async log(
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

  private assertAdmin(actor: RegistryActor, what: string): void {
    if (!actor.admin) throw new ForbiddenError(`Only an admin can ${what}`);
  }

  private assertValidName(name: unknown, field: string): void {
    const policy = this.options.policy;
    if (typeof name !== 'string' || !new RegExp(policy.subgraphNamePattern).test(name)) {
      throw new BadUserInputError(`Subgraph name "${String(name)}" must match ${policy.subgraphNamePattern} (lower-case letters, digits, dashes)`, field);
    }
    if (policy.reservedSubgraphNames.includes(name)) {
      throw new BadUserInputError(`"${name}" is reserved (core subgraphs: ${policy.coreSubgraphs.join(', ')}); choose your campus's own name`, field);
    }
  }

  private assertMayManage(actor: RegistryActor, input: { name: string; url: string }): void {
    this.assertValidName(input.name, 'name');
    try {
      const url = new URL(input.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
    } catch {
      throw new BadUserInputError(`Routing URL "${input.url}" must be an absolute http(s) URL the gateway can reach`, 'url');
    }
    if (actor.admin || actor.subgraphs.includes(input.name)) return;
    throw new ForbiddenError(
      `Your credential may manage the subgraphs ${actor.subgraphs.map((s) => `"${s}"`).join(', ') || '(none)'} only; "${input.name}" belongs to another partner or needs an admin's approval (an admin grants a credential for a new name).`,
    );
  }
}

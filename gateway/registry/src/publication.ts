import { ConflictError, ForbiddenError, type Logger, NotFoundError } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { assertAdmin, assertMayManage, type RegistryActor } from './actor';
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
import { type RoutingHosts } from './routing-hosts';
import { PublicationOutcome, RegisteredSubgraph, SubgraphStatus, SubgraphVersion, SupergraphVersion } from './registry.entities';
import { parseManifest, type RegistryStore } from './supergraph-store';
import { type AcceptedSupergraph, type SupergraphMember, type SupergraphPublisher } from './supergraph/core-supergraph';

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

export interface PublicationServiceOptions {
  dataSource: DataSource;
  store: RegistryStore;
  /** The supergraph being served, changed one at a time. */
  manager: SupergraphPublisher;
  policy: OwnershipPolicy;
  logger: Logger;
  /** The recorded operations checked for breaking changes. */
  recordedOperations: () => Promise<RecordedOperation[]>;
  /** @default 5000 */
  reachabilityTimeoutMs?: number;
  /** The routing hosts partner subgraphs may use (PARTNER_ROUTING_HOSTS). */
  routingHosts: RoutingHosts;
}

/**
 * Publication: partners check, publish and remove their subgraphs, admins roll the supergraph back.
 * Every change runs the checks first and is serialised with the supergraph manager's other changes;
 * an accepted change is stored, then hot-swapped.
 */
export class PublicationService {
  private readonly dataSource: DataSource;

  constructor(private readonly options: PublicationServiceOptions) {
    this.dataSource = options.dataSource;
  }

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
    const partners = await this.options.store.registeredSubgraphs();
    return [
      ...core.map((m) => ({ name: m.name, kind: 'core' as const, url: m.url, status: SubgraphStatus.ACTIVE, version: null, ownerOrg: null, updatedAt: null })),
      ...partners.map((p) => ({ name: p.name, kind: 'partner' as const, url: p.routingUrl, status: p.status, version: p.version, ownerOrg: p.ownerOrg, updatedAt: p.updatedAt })),
    ];
  }

  /** Accepted supergraphs, newest first, the one being served marked. */
  history(limit = 50): ReturnType<RegistryStore['history']> {
    return this.options.store.history(limit, this.options.manager.serving?.version);
  }

  /** Runs every check; changes nothing (for partners' CI). */
  async check(actor: RegistryActor, input: PublishInput): Promise<PublicationResult> {
    assertMayManage(this.options.policy, actor, input);
    const { report } = await this.runPublishChecks(input);
    return this.result(report, { dryRun: true, subgraph: input.name, forced: false, force: input.force === true && actor.admin });
  }

  async publish(actor: RegistryActor, input: PublishInput): Promise<PublicationResult> {
    assertMayManage(this.options.policy, actor, input);
    if (input.force && !actor.admin) throw new ForbiddenError('Only an admin can force a publication that breaks recorded operations');
    return this.options.manager.exclusive(async () => {
      const { report, sdl, members } = await this.runPublishChecks(input);
      const forced = input.force === true;
      const refusing = this.refusingProblems(report, forced);
      if (refusing.length > 0 || !report.supergraphSdl || !sdl) {
        await this.options.store.log(this.dataSource.manager, { action: 'publish', subgraphName: input.name, outcome: PublicationOutcome.REFUSED, actor: actor.id, forced, supergraphVersion: null, report: [...report.problems, ...report.warnings] });
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
        const accepted = await this.options.store.insertSupergraph(manager, supergraphSdl, finalMembers, `publish ${input.name}@${version}`, actor.id);
        await this.options.store.log(manager, { action: 'publish', subgraphName: input.name, outcome: PublicationOutcome.ACCEPTED, actor: actor.id, forced, supergraphVersion: accepted.version, report: [...report.problems, ...report.warnings] });
        return { accepted, subgraphVersion: version };
      });
      await this.options.manager.swapNow(accepted);
      this.options.logger.info({ subgraph: input.name, version: subgraphVersion, supergraphVersion: accepted.version, forced }, 'subgraph published');
      return { ...this.result(report, { dryRun: false, subgraph: input.name, forced, force: forced }), subgraphVersion, supergraphVersion: accepted.version };
    });
  }

  async remove(actor: RegistryActor, name: string, force = false): Promise<PublicationResult> {
    assertMayManage(this.options.policy, actor, { name, url: 'http://unused' });
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
        await this.options.store.log(this.dataSource.manager, { action: 'remove', subgraphName: name, outcome: PublicationOutcome.REFUSED, actor: actor.id, forced: force, supergraphVersion: null, report: report.problems });
        return this.result(report, { dryRun: false, subgraph: name, forced: false, force });
      }
      const supergraphSdl = report.supergraphSdl;
      const accepted = await this.dataSource.transaction(async (manager) => {
        await manager.getRepository(RegisteredSubgraph).update({ name }, { status: SubgraphStatus.REMOVED, updatedAt: new Date() });
        const accepted = await this.options.store.insertSupergraph(manager, supergraphSdl, members, `remove ${name}`, actor.id);
        await this.options.store.log(manager, { action: 'remove', subgraphName: name, outcome: PublicationOutcome.ACCEPTED, actor: actor.id, forced: force, supergraphVersion: accepted.version, report: report.problems });
        return accepted;
      });
      await this.options.manager.swapNow(accepted);
      return { ...this.result(report, { dryRun: false, subgraph: name, forced: force, force }), supergraphVersion: accepted.version };
    });
  }

  /** Serves an earlier accepted supergraph again (recorded as a new version). Admins only. */
  async rollback(actor: RegistryActor, version: number): Promise<{ supergraphVersion: number; restored: number }> {
    assertAdmin(actor, 'roll back the supergraph');
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
        const accepted = await this.options.store.insertSupergraph(manager, target.sdl, members, `rollback to ${version}`, actor.id);
        await this.options.store.log(manager, { action: 'rollback', subgraphName: null, outcome: PublicationOutcome.ACCEPTED, actor: actor.id, supergraphVersion: accepted.version, report: [] });
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
      throw new ConflictError('The registry has not composed its core subgraphs yet; retry in a moment');
    }
    return serving;
  }

  private async runPublishChecks(input: PublishInput): Promise<{ report: CheckReport; sdl?: string; members: SupergraphMember[] }> {
    const serving = this.requireServing();
    const reach = await checkReachability(input.name, input.url, input.sdl, { timeoutMs: this.options.reachabilityTimeoutMs ?? 5000, routingHosts: this.options.routingHosts });
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
}

import { authorizeMutation, hasRole, requireViewer, Role, BadUserInputError, ConflictError, ForbiddenError, InvalidStateTransitionError, likePattern, newId, NotFoundError, paginate, runTransaction, type Connection, type Money, type Viewer, isUniqueViolation, supportsLockingReads } from '@ecosystem/shared';
import { type DataSource, In, type SelectQueryBuilder } from 'typeorm';
import { formatCents, parseAmount, parseMoney } from '../common/money';
import { Ecosystem } from '../ecosystem/ecosystem.entity';
import { Organization } from '../organization/organization.entity';
import { ProjectParticipation } from './participation.entity';
import { ProjectFunding, ProjectLabel } from './project-side.entity';
import { Project } from './project.entity';
import { PROJECT_TRANSITIONS, ProjectRole, ProjectStatus } from './project.enums';
import {
  type AddParticipantInput,
  type CreateProjectInput,
  type ProjectFilter,
  type ProjectsArgs,
  type TransitionProjectInput,
} from './project.inputs';

/** A page of projects; `budgetTotals` is computed (one statement) only when asked for. */
export interface ProjectPage extends Connection<Project> {
  readonly budgetTotals: Promise<Money[]>;
}

const today = (): string => new Date().toISOString().slice(0, 10);

/** Transitions that only admins (the ecosystem's staff and juries) may make. */
const ADMIN_ONLY = new Set([ProjectStatus.LABELLED, ProjectStatus.FUNDED, ProjectStatus.REJECTED]);

/** R&D projects: listing with budget totals, creation, lifecycle and consortium. */
export class ProjectService {
  constructor(private readonly dataSource: DataSource) {}

  private filtered(filter: ProjectFilter): SelectQueryBuilder<Project> {
    const query = this.dataSource.getRepository(Project).createQueryBuilder('p');
    if (filter.status?.length) query.andWhere('p.status IN (:...status)', { status: filter.status });
    if (filter.international !== undefined && filter.international !== null) {
      query.andWhere('p.international = :international', { international: filter.international });
    }
    if (filter.text?.trim()) query.andWhere('p.searchText LIKE :text', { text: likePattern(filter.text) });
    if (filter.minBudget) {
      const cents = parseAmount(filter.minBudget, 'filter.minBudget');
      query.andWhere('p.totalBudgetCents >= :minBudget', { minBudget: cents.toString() });
    }
    if (filter.fundingScheme?.length) {
      const sub = query.subQuery().select('1').from(ProjectFunding, 'f').where('f.projectId = p.id').andWhere('f.scheme IN (:...schemes)');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { schemes: filter.fundingScheme });
    }
    if (filter.ecosystem) {
      const sub = query
        .subQuery()
        .select('1')
        .from(ProjectLabel, 'l')
        .innerJoin(Ecosystem, 'e', 'e.id = l.ecosystemId')
        .where('l.projectId = p.id')
        .andWhere('e.code = :ecosystem');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { ecosystem: filter.ecosystem });
    }
    if (filter.partnerId) {
      const sub = query
        .subQuery()
        .select('1')
        .from(ProjectParticipation, 'pp')
        .where('pp.projectId = p.id')
        .andWhere('pp.organizationId = :partnerId');
      query.andWhere(`EXISTS ${sub.getQuery()}`, { partnerId: filter.partnerId });
    }
    return query;
  }

  async list(args: ProjectsArgs): Promise<ProjectPage> {
    const query = this.filtered(args.filter ?? {});
    const page = await paginate(query, 'p', { column: 'p.sortKey', valueOf: (p) => p.sortKey }, args);
    let totals: Promise<Money[]> | undefined;
    return {
      ...page,
      get budgetTotals(): Promise<Money[]> {
        totals ??= query
          .clone()
          .select('p.currency', 'currency')
          .addSelect('SUM(p.totalBudgetCents)', 'total')
          .andWhere('p.totalBudgetCents IS NOT NULL')
          .groupBy('p.currency')
          .orderBy('p.currency')
          .getRawMany<{ currency: string; total: string | number }>()
          .then((rows) => rows.map((row) => ({ currency: row.currency, amount: formatCents(BigInt(String(row.total).split('.')[0] as string)) })));
        return totals;
      },
    };
  }

  private async coordinatorOf(projectId: string): Promise<string | null> {
    const row = await this.dataSource
      .getRepository(ProjectParticipation)
      .findOneBy({ projectId, role: ProjectRole.COORDINATOR });
    return row?.organizationId ?? null;
  }

  private async organizationExists(id: string): Promise<boolean> {
    return (await this.dataSource.getRepository(Organization).countBy({ id })) > 0;
  }

  async create(input: CreateProjectInput, viewer: Viewer | null): Promise<Project> {
    authorizeMutation(viewer, 'createProject', { orgIds: [input.coordinatorId] }, 'Only admins or the managers of the coordinating organisation can create its project');
    if (!(await this.organizationExists(input.coordinatorId))) {
      throw new BadUserInputError(`Organisation ${input.coordinatorId} does not exist`, 'input.coordinatorId');
    }
    const total = input.totalBudget ? parseMoney(input.totalBudget, 'input.totalBudget') : null;
    const currency = total?.currency ?? input.publicFunding?.currency.toUpperCase() ?? 'EUR';
    const funding = input.publicFunding ? parseMoney(input.publicFunding, 'input.publicFunding', currency) : null;
    if (total && funding && funding.cents > total.cents) {
      throw new BadUserInputError('publicFunding cannot exceed totalBudget', 'input.publicFunding.amount');
    }
    if (input.startDate && input.endDate && input.endDate < input.startDate) {
      throw new BadUserInputError('endDate cannot be before startDate', 'input.endDate');
    }
    return runTransaction(this.dataSource, async (manager) => {
      const project = manager.create(Project, {
        id: newId(),
        acronym: input.acronym.trim(),
        title: input.title.trim(),
        status: ProjectStatus.SUBMITTED,
        labelDate: null,
        totalBudgetCents: total?.cents.toString() ?? null,
        publicFundingCents: funding?.cents.toString() ?? null,
        currency,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        trl: input.trl ?? null,
        international: input.international,
        therapeuticAreas: [...new Set(input.therapeuticAreas.map((t) => t.trim()).filter(Boolean))],
        callId: input.callId ?? null,
      });
      project.fold();
      await manager.insert(Project, project);
      const schemes = [...new Set(input.fundingScheme)];
      if (schemes.length) await manager.insert(ProjectFunding, schemes.map((scheme) => ({ projectId: project.id, scheme })));
      await manager.insert(ProjectParticipation, {
        id: newId(),
        projectId: project.id,
        organizationId: input.coordinatorId,
        role: ProjectRole.COORDINATOR,
        budgetShareCents: null,
        currency,
      });
      return project;
    });
  }

  /**
   * Moves a project along its lifecycle. The UPDATE is conditional on the status read, so two
   * concurrent moves from the same status cannot both succeed (the loser gets the coded error).
   */
  async transition(input: TransitionProjectInput, viewer: Viewer | null): Promise<Project> {
    const who = requireViewer(viewer);
    const repository = this.dataSource.getRepository(Project);
    const project = await repository.findOneBy({ id: input.projectId });
    if (!project) throw new NotFoundError('Project', input.projectId);
    if (ADMIN_ONLY.has(input.to)) {
      if (!hasRole(who, Role.ADMIN)) throw new ForbiddenError(`Only admins can move a project to ${input.to}`);
    } else {
      authorizeMutation(who, 'transitionProject', { orgIds: [await this.coordinatorOf(project.id)] }, 'Only admins or the managers of the coordinating organisation can do this');
    }
    const from = project.status;
    if (!PROJECT_TRANSITIONS[from].includes(input.to)) throw new InvalidStateTransitionError('Project', from, input.to);
    let ecosystems: Ecosystem[] = [];
    if (input.labelledBy) {
      if (input.to !== ProjectStatus.LABELLED) {
        throw new BadUserInputError('labelledBy is only for a move to LABELLED', 'input.labelledBy');
      }
      ecosystems = await this.dataSource.getRepository(Ecosystem).findBy({ code: In(input.labelledBy) });
      input.labelledBy.forEach((code, index) => {
        if (!ecosystems.some((e) => e.code === code)) {
          throw new BadUserInputError(`No ecosystem has the code ${code}`, `input.labelledBy.${index}`);
        }
      });
    }
    return runTransaction(this.dataSource, async (manager) => {
      const changes: Partial<Project> = { status: input.to };
      if (input.to === ProjectStatus.LABELLED) changes.labelDate = today();
      const result = await manager
        .createQueryBuilder()
        .update(Project)
        .set(changes)
        .where('id = :id AND status = :from', { id: project.id, from })
        .execute();
      if (result.affected !== 1) {
        const current = await manager.findOneBy(Project, { id: project.id });
        throw new InvalidStateTransitionError('Project', current?.status ?? from, input.to);
      }
      if (ecosystems.length) {
        await manager.delete(ProjectLabel, { projectId: project.id, ecosystemId: In(ecosystems.map((e) => e.id)) });
        await manager.insert(ProjectLabel, ecosystems.map((e) => ({ projectId: project.id, ecosystemId: e.id })));
      }
      return Object.assign(project, changes);
    });
  }

  async addParticipant(input: AddParticipantInput, viewer: Viewer | null): Promise<ProjectParticipation> {
    const who = requireViewer(viewer);
    const project = await this.dataSource.getRepository(Project).findOneBy({ id: input.projectId });
    if (!project) throw new BadUserInputError(`Project ${input.projectId} does not exist`, 'input.projectId');
    authorizeMutation(who, 'addParticipant', { orgIds: [await this.coordinatorOf(project.id)] }, 'Only admins or the managers of the coordinating organisation can change the consortium');
    if (project.status === ProjectStatus.COMPLETED || project.status === ProjectStatus.REJECTED) {
      throw new ConflictError(`A ${project.status} project's consortium cannot change`, 'input.projectId');
    }
    if (!(await this.organizationExists(input.organizationId))) {
      throw new BadUserInputError(`Organisation ${input.organizationId} does not exist`, 'input.organizationId');
    }
    const share = input.budgetShare ? parseMoney(input.budgetShare, 'input.budgetShare', project.currency) : null;
    const checkConsortium = (participants: ProjectParticipation[]): void => {
      if (participants.some((p) => p.organizationId === input.organizationId)) {
        throw new ConflictError('This organisation already takes part in the project', 'input.organizationId');
      }
      if (input.role === ProjectRole.COORDINATOR && participants.some((p) => p.role === ProjectRole.COORDINATOR)) {
        throw new ConflictError('The project already has a coordinator', 'input.role');
      }
      if (share && project.totalBudgetCents !== null) {
        const allocated = participants.reduce((sum, p) => sum + BigInt(p.budgetShareCents ?? '0'), 0n);
        if (allocated + share.cents > BigInt(project.totalBudgetCents)) {
          throw new BadUserInputError(
            `The shares would exceed the total budget (${formatCents(project.totalBudgetCents)} ${project.currency}, ${formatCents(allocated)} already allocated)`,
            'input.budgetShare.amount',
          );
        }
      }
    };
    checkConsortium(await this.dataSource.getRepository(ProjectParticipation).findBy({ projectId: project.id }));
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        // Concurrent additions to one project queue on its row (MySQL), then the rules are checked
        // again on what is now committed, so two shares cannot together exceed the budget.
        if (supportsLockingReads(this.dataSource)) {
          await manager.findOne(Project, { where: { id: project.id }, lock: { mode: 'pessimistic_write' } });
        }
        checkConsortium(await manager.findBy(ProjectParticipation, { projectId: project.id }));
        const participation = manager.create(ProjectParticipation, {
          id: newId(),
          projectId: project.id,
          organizationId: input.organizationId,
          role: input.role,
          budgetShareCents: share?.cents.toString() ?? null,
          currency: project.currency,
        });
        await manager.insert(ProjectParticipation, participation);
        return participation;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError('This organisation already takes part in the project', 'input.organizationId');
      throw error;
    }
  }
}

import { actsFor, authorizeMutation, BadUserInputError, byCountThenValue, ConflictError, type Connection, type FacetCount, inValueOrder, withoutSelection, withSelected, hasRole, InvalidStateTransitionError, likePattern, newId, NotFoundError, paginate, Role, type Viewer, isUniqueViolation } from '@ecosystem/shared';
import { academyOperatorId } from '../common/authorization';
import { inTransaction } from '../common/transaction';
import { type DataSource, type EntityManager, In, type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';
import { Format, LEVELS, PublicationStatus } from '../catalogue/catalogue.enums';
import { CatalogueLock } from '../catalogue/catalogue-lock.entity';
import { Domain } from '../catalogue/domain.entity';
import { Competency } from '../competency/competency.entity';
import { CompetencyRequirement } from '../persona/competency-requirement.entity';
import { ModuleCompetency } from './module-competency.entity';
import { ModuleFormat } from './module-format.entity';
import { ModulePrerequisite } from './module-prerequisite.entity';
import { ModuleProvider } from './module-provider.entity';
import { Module } from './module.entity';
import { type CreateModuleInput, type ModuleFilter, type ModulesArgs } from './module.inputs';
import { cycleCreatedBy } from './prerequisite-graph';

/** Whether the viewer may see modules that are not published (drafts, archived). */
export function seesUnpublished(viewer: Viewer | null): boolean {
  return hasRole(viewer, Role.TRAINING_MANAGER);
}

/** A page of modules that remembers its filter, so that `facets` can count over it. */
export type ModulePage = Connection<Module> & { filter: ModuleFilter | null };

export interface ModuleFacetCounts {
  levels: FacetCount[];
  formats: FacetCount[];
  domains: FacetCount[];
  providers: FacetCount[];
}

/** `extensions.reason` of a refused prerequisite write that would close a cycle. */
export const PREREQUISITE_CYCLE = 'PREREQUISITE_CYCLE';

/** The catalogue: reads (filters as EXISTS subqueries, facets) and the writes of training managers. */
export class ModuleService {
  constructor(private readonly dataSource: DataSource) {}

  filtered(filter: ModuleFilter | null | undefined, alias = 'm'): SelectQueryBuilder<Module> {
    const m = alias;
    const query = this.dataSource.getRepository(Module).createQueryBuilder(m);
    query.where(`${m}.status = :published`, { published: PublicationStatus.PUBLISHED });
    if (!filter) return query;
    const exists = (sub: SelectQueryBuilder<ObjectLiteral>, params: Record<string, unknown>): void => {
      query.andWhere(`EXISTS (${sub.getQuery()})`, params);
    };
    if (filter.text?.trim()) {
      for (const [index, word] of filter.text.trim().split(/\s+/).slice(0, 10).entries()) {
        query.andWhere(`${m}.searchText LIKE :word${index}`, { [`word${index}`]: likePattern(word) });
      }
    }
    if (filter.domains?.length) query.andWhere(`${m}.domainId IN (:...domains)`, { domains: filter.domains });
    if (filter.categoryId) {
      const sub = this.dataSource
        .getRepository(Domain)
        .createQueryBuilder('d')
        .select('1')
        .where(`d.id = ${m}.domainId`)
        .andWhere('d.categoryId = :categoryId');
      exists(sub, { categoryId: filter.categoryId });
    }
    if (filter.levels?.length) query.andWhere(`${m}.level IN (:...levels)`, { levels: filter.levels });
    if (filter.formats?.length) {
      const sub = this.dataSource
        .getRepository(ModuleFormat)
        .createQueryBuilder('mf')
        .select('1')
        .where(`mf.moduleId = ${m}.id`)
        .andWhere('mf.format IN (:...formats)');
      exists(sub, { formats: filter.formats });
    }
    if (filter.providers?.length) {
      const sub = this.dataSource
        .getRepository(ModuleProvider)
        .createQueryBuilder('mp')
        .select('1')
        .where(`mp.moduleId = ${m}.id`)
        .andWhere('mp.organizationId IN (:...providers)');
      exists(sub, { providers: filter.providers });
    }
    if (filter.competencyId) {
      const sub = this.dataSource
        .getRepository(ModuleCompetency)
        .createQueryBuilder('mc')
        .select('1')
        .where(`mc.moduleId = ${m}.id`)
        .andWhere('mc.competencyId = :competencyId');
      exists(sub, { competencyId: filter.competencyId });
    }
    if (filter.personaId) {
      const sub = this.dataSource
        .getRepository(ModuleCompetency)
        .createQueryBuilder('pc')
        .select('1')
        .innerJoin(CompetencyRequirement, 'r', 'r.competencyId = pc.competencyId')
        .where(`pc.moduleId = ${m}.id`)
        .andWhere('r.personaId = :personaId');
      exists(sub, { personaId: filter.personaId });
    }
    return query;
  }

  async list(args: ModulesArgs): Promise<ModulePage> {
    const page = await paginate(this.filtered(args.filter), 'm', { column: 'm.code', valueOf: (m) => m.code }, args);
    return { ...page, filter: args.filter ?? null };
  }

  /**
   * Value counts per filter dimension, for a filter sidebar: each dimension is counted over the
   * filter without its own condition (choosing a level does not hide the other levels). One
   * GROUP BY statement per dimension.
   */
  async facets(filter: ModuleFilter | null): Promise<ModuleFacetCounts> {
    const without = (key: keyof ModuleFilter): ModuleFilter => withoutSelection(filter, key);
    const count = async (base: SelectQueryBuilder<Module>, expression: string, join?: (q: SelectQueryBuilder<Module>) => void) => {
      if (join) join(base);
      const rows = (await base
        .select(expression, 'value')
        .addSelect('COUNT(DISTINCT f.id)', 'count')
        .groupBy(expression)
        .orderBy(expression)
        .getRawMany()) as { value: string; count: string | number }[];
      return rows.map((r) => ({ value: r.value, count: Number(r.count) }));
    };
    const [levels, formats, domains, providers] = [
      await count(this.filtered(without('levels'), 'f'), 'f.level'),
      await count(this.filtered(without('formats'), 'f'), 'ff.format', (q) =>
        q.innerJoin(ModuleFormat, 'ff', 'ff.moduleId = f.id'),
      ),
      await count(this.filtered(without('domains'), 'f'), 'f.domainId'),
      await count(this.filtered(without('providers'), 'f'), 'fp.organizationId', (q) =>
        q.innerJoin(ModuleProvider, 'fp', 'fp.moduleId = f.id'),
      ),
    ];
    return {
      levels: withSelected(levels, filter?.levels, inValueOrder(LEVELS)),
      formats: withSelected(formats, filter?.formats, inValueOrder(Object.values(Format))),
      domains: withSelected(domains, filter?.domains, byCountThenValue),
      providers: withSelected(providers, filter?.providers, byCountThenValue),
    };
  }

  async create(viewer: Viewer | null, input: CreateModuleInput): Promise<Module> {
    // The academy's operator curates its partners' modules; anyone else adds only modules their own organisation provides.
    const providerIds = [...new Set(input.providerIds)];
    const academy = academyOperatorId();
    authorizeMutation(viewer, 'createModule', { orgIds: actsFor(viewer, academy) ? [academy] : providerIds },
      'Only training managers of every provider named (or of the academy, or admins) may add this module');
    const repository = this.dataSource.getRepository(Module);
    if (await repository.existsBy({ code: input.code })) {
      throw new ConflictError(`A module with code ${input.code} already exists`, 'input.code');
    }
    if (!(await this.dataSource.getRepository(Domain).existsBy({ id: input.domainId }))) {
      throw new BadUserInputError(`Domain ${input.domainId} was not found`, 'input.domainId');
    }
    const competencyIds = [...new Set(input.competencyIds ?? [])];
    if (competencyIds.length) {
      const found = await this.dataSource.getRepository(Competency).countBy({ id: In(competencyIds) });
      if (found !== competencyIds.length) throw new BadUserInputError('Unknown competency', 'input.competencyIds');
    }
    const prerequisiteIds = [...new Set(input.prerequisiteIds ?? [])];
    if (prerequisiteIds.length) {
      const found = await repository.countBy({ id: In(prerequisiteIds) });
      if (found !== prerequisiteIds.length) throw new BadUserInputError('Unknown prerequisite module', 'input.prerequisiteIds');
    }
    const priceCents = input.price ? this.cents(input.price.amount) : null;
    const module = repository.create({
      id: newId(),
      code: input.code,
      title: input.title.trim(),
      titleEn: input.titleEn?.trim() || null,
      description: input.description.trim(),
      domainId: input.domainId,
      level: input.level,
      eqfLevel: input.eqfLevel ?? null,
      learningObjectives: input.learningObjectives.map((o) => o.trim()),
      formats: [...new Set(input.formats)],
      durationMinutes: input.durationMinutes,
      language: input.language,
      priceCents,
      priceCurrency: input.price ? input.price.currency : null,
      cpfEligible: input.cpfEligible ?? null,
      rsRncpCode: input.rsRncpCode ?? null,
      credential: input.credential ?? null,
      status: PublicationStatus.DRAFT,
      publishedAt: null,
    });
    module.fold();
    try {
      await inTransaction(this.dataSource, async (manager) => {
        await manager.insert(Module, module);
        await manager.insert(ModuleFormat, module.formats.map((format) => ({ moduleId: module.id, format })));
        await manager.insert(
          ModuleProvider,
          providerIds.map((organizationId) => ({ moduleId: module.id, organizationId })),
        );
        if (competencyIds.length) {
          await manager.insert(ModuleCompetency, competencyIds.map((competencyId) => ({ moduleId: module.id, competencyId })));
        }
        // A new module has no dependant yet, so its prerequisites cannot close a cycle.
        if (prerequisiteIds.length) {
          await manager.insert(
            ModulePrerequisite,
            prerequisiteIds.map((prerequisiteId) => ({ moduleId: module.id, prerequisiteId })),
          );
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A module with code ${input.code} already exists`, 'input.code');
      throw error;
    }
    return repository.findOneByOrFail({ id: module.id });
  }

  /** DRAFT -> PUBLISHED, once every prerequisite is published. */
  async publish(viewer: Viewer | null, id: string): Promise<Module> {
    const repository = this.dataSource.getRepository(Module);
    const module = await repository.findOneBy({ id });
    if (!module) throw new NotFoundError('Module', id);
    await this.authorizeOnModule(viewer, 'publishModule', module.id);
    if (module.status !== PublicationStatus.DRAFT) {
      throw new InvalidStateTransitionError('Module', module.status, PublicationStatus.PUBLISHED);
    }
    const unpublished = await this.dataSource
      .getRepository(ModulePrerequisite)
      .createQueryBuilder('p')
      .innerJoin(Module, 'pm', 'pm.id = p.prerequisiteId')
      .where('p.moduleId = :id AND pm.status <> :published', { id, published: PublicationStatus.PUBLISHED })
      .getCount();
    if (unpublished > 0) {
      throw new BadUserInputError('Publish the prerequisites of the module first', 'id', { unpublishedPrerequisites: unpublished });
    }
    const result = await inTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .update(Module)
        .set({ status: PublicationStatus.PUBLISHED, publishedAt: new Date() })
        .where('id = :id AND status = :draft', { id, draft: PublicationStatus.DRAFT })
        .execute(),
    );
    if (!result.affected) throw new InvalidStateTransitionError('Module', 'a changed state', PublicationStatus.PUBLISHED);
    return repository.findOneByOrFail({ id });
  }

  /**
   * Replaces the prerequisites of a module. Refused with BAD_USER_INPUT, `reason:
   * PREREQUISITE_CYCLE` and the cycle's module codes when the graph would get a cycle. Writers
   * take the `prerequisites` lock row first, so two concurrent writes cannot both pass the check.
   */
  async setPrerequisites(viewer: Viewer | null, moduleId: string, prerequisiteIds: string[]): Promise<Module> {
    const wanted = [...new Set(prerequisiteIds)];
    const repository = this.dataSource.getRepository(Module);
    const module = await repository.findOneBy({ id: moduleId });
    if (!module) throw new NotFoundError('Module', moduleId);
    await this.authorizeOnModule(viewer, 'setModulePrerequisites', module.id);
    if (wanted.length) {
      const found = await repository.countBy({ id: In(wanted) });
      if (found !== wanted.length) throw new BadUserInputError('Unknown prerequisite module', 'prerequisiteIds');
    }
    await inTransaction(this.dataSource, async (manager) => {
      await this.takeLock(manager, 'prerequisites');
      const edges = await manager.getRepository(ModulePrerequisite).find();
      const graph = new Map<string, string[]>();
      for (const e of edges) {
        if (e.moduleId === moduleId) continue;
        graph.set(e.moduleId, [...(graph.get(e.moduleId) ?? []), e.prerequisiteId]);
      }
      const cycle = cycleCreatedBy(graph, moduleId, wanted);
      if (cycle) {
        const codes = new Map(
          (await manager.getRepository(Module).findBy({ id: In([...new Set(cycle)]) })).map((m) => [m.id, m.code]),
        );
        const path = cycle.map((id) => codes.get(id) ?? id);
        throw new BadUserInputError(
          `These prerequisites would create a cycle: ${path.join(' -> ')}`,
          'prerequisiteIds',
          { reason: PREREQUISITE_CYCLE, cycle: path },
        );
      }
      await manager.delete(ModulePrerequisite, { moduleId });
      if (wanted.length) {
        await manager.insert(ModulePrerequisite, wanted.map((prerequisiteId) => ({ moduleId, prerequisiteId })));
      }
    });
    return module;
  }

  /** A module is changed by the training managers of one of its providers, or of the academy that curates the catalogue. */
  private async authorizeOnModule(viewer: Viewer | null, mutation: string, moduleId: string): Promise<void> {
    const providers = await this.dataSource.getRepository(ModuleProvider).findBy({ moduleId });
    authorizeMutation(viewer, mutation, { orgIds: [...providers.map((p) => p.organizationId), academyOperatorId()] },
      'Only training managers of a provider of the module (or of the academy, or admins) may change it');
  }

  private async takeLock(manager: EntityManager, name: string): Promise<void> {
    const bumped = await manager
      .createQueryBuilder()
      .update(CatalogueLock)
      .set({ revision: () => 'revision + 1' })
      .where('name = :name', { name })
      .execute();
    if (bumped.affected) return;
    try {
      await manager.insert(CatalogueLock, { name, revision: 1 });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await this.takeLock(manager, name);
    }
  }

  private cents(amount: string): number {
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(amount)) {
      throw new BadUserInputError('price.amount must be a positive decimal with at most 2 decimals', 'input.price.amount');
    }
    const [units, decimals = ''] = amount.split('.');
    return Number(units) * 100 + Number(decimals.padEnd(2, '0'));
  }
}

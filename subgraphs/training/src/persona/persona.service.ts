import { authorizeMutation, BadUserInputError, ConflictError, type Connection, likePattern, newId, NotFoundError, paginate, isUniqueViolation, type Viewer } from '@ecosystem/shared';
import { academyOperatorId } from '../common/authorization';
import { inTransaction } from '../common/transaction';
import { type DataSource } from 'typeorm';
import { Competency } from '../competency/competency.entity';
import { CompetencyRequirement } from './competency-requirement.entity';
import { Persona } from './persona.entity';
import { type PersonaeArgs, type SetRequirementInput, type UpsertPersonaInput } from './persona.inputs';

/** Personae and the needs matrix. */
export class PersonaService {
  constructor(private readonly dataSource: DataSource) {}

  async list(args: PersonaeArgs): Promise<Connection<Persona>> {
    const query = this.dataSource.getRepository(Persona).createQueryBuilder('p');
    const filter = args.filter;
    if (filter?.text?.trim()) {
      for (const [index, word] of filter.text.trim().split(/\s+/).slice(0, 10).entries()) {
        query.andWhere(`p.searchText LIKE :word${index}`, { [`word${index}`]: likePattern(word) });
      }
    }
    if (filter?.jobFamilies?.length) query.andWhere('p.jobFamily IN (:...families)', { families: filter.jobFamilies });
    return paginate(query, 'p', { column: 'p.code', valueOf: (p) => p.code }, args);
  }

  /** Personae and the competency matrix are the academy's shared catalogue: its operator's training managers curate them. */
  async upsert(viewer: Viewer | null, input: UpsertPersonaInput): Promise<Persona> {
    authorizeMutation(viewer, 'upsertPersona', { orgIds: [academyOperatorId()] },
      'Only training managers of the academy (or admins) may change the shared personae');
    const repository = this.dataSource.getRepository(Persona);
    const existing = input.id ? await repository.findOneBy({ id: input.id }) : null;
    if (input.id && !existing) throw new NotFoundError('Persona', input.id);
    const sameCode = await repository.findOneBy({ code: input.code });
    if (sameCode && sameCode.id !== existing?.id) {
      throw new ConflictError(`A persona with code ${input.code} already exists`, 'input.code');
    }
    const persona = repository.create({
      id: existing?.id ?? newId(),
      code: input.code,
      title: input.title.trim(),
      jobFamily: input.jobFamily,
      escoOccupation: input.escoOccupation ?? null,
      iscoCode: input.iscoCode ?? null,
      romeCode: input.romeCode ?? null,
      maxSessionMinutes: input.constraints?.maxSessionMinutes ?? null,
      needsFlexibility: input.constraints?.needsFlexibility ?? null,
      preferredFormats: [...new Set(input.constraints?.preferredFormats ?? [])],
      aliases: (input.aliases ?? []).map((a) => a.trim()).filter(Boolean),
    });
    persona.fold();
    try {
      await inTransaction(this.dataSource, async (manager) => {
        if (existing) await manager.update(Persona, { id: persona.id }, persona);
        else await manager.insert(Persona, persona);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(`A persona with code ${input.code} already exists`, 'input.code');
      throw error;
    }
    return repository.findOneByOrFail({ id: persona.id });
  }

  async setRequirement(viewer: Viewer | null, input: SetRequirementInput): Promise<CompetencyRequirement> {
    authorizeMutation(viewer, 'setRequirement', { orgIds: [academyOperatorId()] },
      'Only training managers of the academy (or admins) may change the shared competency matrix');
    if (!(await this.dataSource.getRepository(Persona).existsBy({ id: input.personaId }))) {
      throw new BadUserInputError(`Persona ${input.personaId} was not found`, 'input.personaId');
    }
    if (!(await this.dataSource.getRepository(Competency).existsBy({ id: input.competencyId }))) {
      throw new BadUserInputError(`Competency ${input.competencyId} was not found`, 'input.competencyId');
    }
    const row = { personaId: input.personaId, competencyId: input.competencyId, requiredLevel: input.requiredLevel, priority: input.priority };
    await inTransaction(this.dataSource, async (manager) => {
      await manager.upsert(CompetencyRequirement, row, ['personaId', 'competencyId']);
    });
    return this.dataSource.getRepository(CompetencyRequirement).findOneByOrFail({
      personaId: input.personaId,
      competencyId: input.competencyId,
    });
  }
}

import { BadUserInputError } from '@ecosystem/shared';
import { type DataSource, In } from 'typeorm';
import { LEVELS, levelRank } from '../catalogue/catalogue.enums';
import { Competency } from '../competency/competency.entity';
import { CompetencyRequirement } from '../persona/competency-requirement.entity';
import { Persona } from '../persona/persona.entity';
import { Priority } from '../persona/persona.enums';
import { type CompetencyMatrix } from './matrix.types';

const MAX_ROWS = 200;

/** The persona x competency needs matrix, in three statements whatever its size. */
export class MatrixService {
  constructor(private readonly dataSource: DataSource) {}

  async matrix(personaIds: string[] | null | undefined, domainIds: string[] | null | undefined): Promise<CompetencyMatrix> {
    if (personaIds && personaIds.length > MAX_ROWS) {
      throw new BadUserInputError(`At most ${MAX_ROWS} personae`, 'personaIds');
    }
    const rows = await this.dataSource.getRepository(Persona).find({
      where: personaIds?.length ? { id: In(personaIds) } : {},
      order: { code: 'ASC' },
      take: MAX_ROWS,
    });
    const requirementQuery = this.dataSource
      .getRepository(CompetencyRequirement)
      .createQueryBuilder('r')
      .where('r.personaId IN (:...personaIds)', { personaIds: rows.length ? rows.map((p) => p.id) : [''] });
    if (domainIds?.length) {
      requirementQuery.innerJoin(Competency, 'c', 'c.id = r.competencyId').andWhere('c.domainId IN (:...domainIds)', { domainIds });
    }
    const requirements = await requirementQuery.getMany();
    // Columns: every competency of the chosen domains, or those some row needs.
    const columns = await this.dataSource.getRepository(Competency).find({
      where: domainIds?.length
        ? { domainId: In(domainIds) }
        : { id: In(requirements.length ? [...new Set(requirements.map((r) => r.competencyId))] : ['']) },
      order: { code: 'ASC' },
    });
    const rowIndex = new Map(rows.map((p, i) => [p.id, i]));
    const columnIndex = new Map(columns.map((c, i) => [c.id, i]));
    const cells = requirements
      .filter((r) => columnIndex.has(r.competencyId))
      .map((r) => ({
        row: rowIndex.get(r.personaId) as number,
        column: columnIndex.get(r.competencyId) as number,
        personaId: r.personaId,
        competencyId: r.competencyId,
        requiredLevel: r.requiredLevel,
        priority: r.priority,
        value: (levelRank(r.requiredLevel) + 1) * (r.priority === Priority.ESSENTIAL ? 1 : 0.5),
      }))
      .sort((a, b) => a.row - b.row || a.column - b.column);
    return { rows, columns, cells, maxValue: LEVELS.length };
  }
}

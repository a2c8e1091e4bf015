import { byId, foldForSearch, manyByKey } from '@ecosystem/shared';
import DataLoader from 'dataloader';
import { type DataSource } from 'typeorm';
import { CompetencyRequirement } from './competency-requirement.entity';
import { Persona } from './persona.entity';
import { suggestPersona } from './persona-matcher';

export interface PersonaLoaders {
  personaById: DataLoader<string, Persona | null>;
  /** The persona a job title suggests; keyed on the folded job title. */
  personaByJobTitle: DataLoader<string, Persona | null>;
  requirementsByPersonaId: DataLoader<string, CompetencyRequirement[]>;
}

/** The persona loaders of a request: each batch function is one SQL statement, whatever the number of keys. */
export function createPersonaLoaders(dataSource: DataSource): PersonaLoaders {
  return {
    personaById: byId(dataSource, Persona),
    personaByJobTitle: new DataLoader(
      async (titles) => {
        const personae = await dataSource.getRepository(Persona).find({ order: { code: 'ASC' } });
        return titles.map((title) => suggestPersona(title, personae));
      },
      { cacheKeyFn: (title) => foldForSearch(title) },
    ),
    requirementsByPersonaId: manyByKey(dataSource, CompetencyRequirement, 'personaId', { order: { competencyId: 'ASC' } }),
  };
}

import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { Level } from '../catalogue/catalogue.enums';
import { Competency } from '../competency/competency.entity';
import { Persona } from '../persona/persona.entity';
import { Priority } from '../persona/persona.enums';

@ObjectType({ description: 'A non-empty cell of the competency matrix.' })
export class MatrixCell {
  @Field(() => Int, { description: 'Index of the row (persona) in `rows`.' })
  row!: number;

  @Field(() => Int, { description: 'Index of the column (competency) in `columns`.' })
  column!: number;

  @Field(() => ID, { description: 'The persona of the row.' })
  personaId!: string;

  @Field(() => ID, { description: 'The competency of the column.' })
  competencyId!: string;

  @Field(() => Level, { description: 'Level the persona needs.' })
  requiredLevel!: Level;

  @Field(() => Priority, { description: 'Essential or optional.' })
  priority!: Priority;

  @Field(() => Float, {
    description: 'Heat value for colouring: level rank 1-4 (acculturation-expert), halved when optional.',
  })
  value!: number;
}

@ObjectType({ description: 'The needs matrix (persona x competency), shaped for a heatmap: rows, columns and sparse cells.' })
export class CompetencyMatrix {
  @Field(() => [Persona], { description: 'Rows: the personae, by code.' })
  rows!: Persona[];

  @Field(() => [Competency], { description: 'Columns: the competencies, by code.' })
  columns!: Competency[];

  @Field(() => [MatrixCell], { description: 'Cells that have a requirement; absent cells mean "not needed".' })
  cells!: MatrixCell[];

  @Field(() => Float, { description: 'Largest possible cell value (for the colour scale).' })
  maxValue!: number;
}

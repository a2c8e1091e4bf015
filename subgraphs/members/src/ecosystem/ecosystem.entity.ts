import { IdColumn, RefColumn, EnumColumn, type Label } from '@ecosystem/shared';
import { Directive, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

export enum EcosystemKind {
  COMPETITIVENESS_CLUSTER = 'COMPETITIVENESS_CLUSTER',
  CAMPUS = 'CAMPUS',
  INDUSTRY_ACADEMY = 'INDUSTRY_ACADEMY',
}

registerEnumType(EcosystemKind, {
  name: 'EcosystemKind',
  description: 'The kind of innovation ecosystem.',
  valuesConfig: {
    COMPETITIVENESS_CLUSTER: { description: 'A competitiveness cluster (pôle de compétitivité), e.g. Medicen Paris Région.' },
    CAMPUS: { description: 'A campus hosting organisations and events, e.g. PariSanté Campus.' },
    INDUSTRY_ACADEMY: { description: 'An industry training academy, e.g. the Académie du Digital en Santé.' },
  },
});

@ObjectType({ description: 'A strategic axis (or filière) of an ecosystem.' })
export class StrategicAxis {
  @Field({ description: 'Stable code, e.g. DATA_AI.' })
  code!: string;

  @Field({ description: 'Name of the axis.' })
  name!: string;

  @Field({ description: 'True for a cross-cutting axis rather than a filière.' })
  crossCutting!: boolean;
}

@ObjectType({ description: 'A published key figure of an ecosystem, with its source.' })
export class KeyFigure {
  /**
   * What is counted, as stored before labels had languages (one text, read in every language);
   * `labels` wins when present. Exposed through `label(lang)`.
   */
  label!: string;

  /** What is counted in French and in English (`label(lang)` picks one). */
  labels?: Label;

  @Field(() => Float, { description: 'The figure.' })
  value!: number;

  @Field(() => String, { nullable: true, description: 'Unit, e.g. EUR, %, m².' })
  unit!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the figure refers to.' })
  year!: number | null;

  @Field(() => String, { nullable: true, description: 'Where the figure comes from.' })
  source!: string | null;
}

@ObjectType({ description: 'An innovation ecosystem: a cluster, a campus or an academy, with its member organisations.' })
@Directive('@key(fields: "id")')
@Entity('ecosystem')
export class Ecosystem {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Short stable code, e.g. MEDICEN, PSC, ADS.' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field({ description: 'Name of the ecosystem.' })
  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @Field(() => EcosystemKind, { description: 'Cluster, campus or academy.' })
  @EnumColumn()
  kind!: EcosystemKind;

  /** Id of the operating organisation; exposed as `operator`. */
  @RefColumn()
  operatorId!: string;

  @Field(() => [StrategicAxis], { description: 'Strategic axes and filières.' })
  @Column({ type: 'simple-json', nullable: true, transformer: { to: (v: unknown[] | null) => v ?? [], from: (v: unknown[] | null) => v ?? [] } })
  axes!: StrategicAxis[];

  @Field(() => [KeyFigure], { description: 'Published key figures.' })
  @Column({ type: 'simple-json', nullable: true, transformer: { to: (v: unknown[] | null) => v ?? [], from: (v: unknown[] | null) => v ?? [] } })
  keyFigures!: KeyFigure[];
}

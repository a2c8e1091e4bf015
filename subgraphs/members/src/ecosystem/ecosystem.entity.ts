import { IdColumn, RefColumn, EnumColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
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
}

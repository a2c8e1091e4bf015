import { BigIntScalar, IdColumn, RefColumn } from '@ecosystem/shared';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { bigintString } from './dataset.entity';

/**
 * A form in which a dataset is available (dcat:Distribution). Access details (URLs, access
 * service) of a non-public dataset are hidden from anonymous callers by `Dataset.distributions`.
 */
@ObjectType({ description: 'A way to get a dataset: a file, an API or a secure enclave (dcat:Distribution).' })
@Entity('distribution')
@Index('idx_distribution_dataset', ['datasetId', 'position'])
export class Distribution {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @RefColumn()
  datasetId!: string;

  /** Order within the dataset. */
  @Column({ type: 'int', default: 0 })
  position!: number;

  @Field(() => String, { nullable: true, description: 'Title of the distribution (dct:title).' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  title!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Where to access the data (dcat:accessURL); null for anonymous callers when the dataset is not public.',
  })
  @Column({ type: 'varchar', length: 512 })
  accessURL!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Direct download link (dcat:downloadURL); null when none or hidden from anonymous callers.',
  })
  @Column({ type: 'varchar', length: 512, nullable: true })
  downloadURL!: string | null;

  @Field(() => String, { nullable: true, description: 'File format (dct:format), e.g. CSV, PARQUET, DICOM, FHIR.' })
  @Column({ type: 'varchar', length: 40, nullable: true })
  format!: string | null;

  @Field(() => String, { nullable: true, description: 'IANA media type (dcat:mediaType), e.g. text/csv.' })
  @Column({ type: 'varchar', length: 100, nullable: true })
  mediaType!: string | null;

  @Field(() => BigIntScalar, { nullable: true, description: 'Size in bytes (dcat:byteSize), exact.' })
  @Column({ type: 'bigint', nullable: true, transformer: bigintString })
  byteSize!: string | null;

  @Field(() => String, { nullable: true, description: 'Licence (dct:license), e.g. Licence Ouverte 2.0.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  license!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'How the data is served: FILE, API or SECURE_ENCLAVE; null when hidden from anonymous callers.',
  })
  @Column({ type: 'varchar', length: 40, nullable: true })
  accessService!: string | null;
}

/** Orders `Dataset.distributions`: by position. */
export const distributionOrder = { position: 'ASC', id: 'ASC' } as const;


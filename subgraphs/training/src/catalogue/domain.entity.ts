import { IdColumn, RefColumn } from '@ecosystem/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';

@ObjectType({ description: 'One of the 17 thematic domains of the catalogue, inside a category.' })
@Entity('domain')
@Index('idx_domain_category', ['categoryId', 'position'])
export class Domain {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Short stable code, e.g. DATA-RWD.' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field({ description: 'Title of the domain.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Title in English (the label of the domains facet in EN); null when there is none.' })
  @Column({ type: 'varchar', length: 255, nullable: true })
  titleEn!: string | null;

  /** Exposed as `category`. */
  @RefColumn()
  categoryId!: string;

  @Field(() => Int, { description: 'Position inside its category.' })
  @Column({ type: 'int' })
  position!: number;
}

import { IdColumn, RefColumn, PUBLIC_CONTRACT } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@ObjectType({ description: 'A catalogue grouping datasets (dcat:Catalog).' })
@Directive('@key(fields: "id")')
@Directive(PUBLIC_CONTRACT)
@Entity('catalogue')
export class Catalogue {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Title of the catalogue (dct:title).' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => String, { nullable: true, description: 'What the catalogue lists (dct:description).' })
  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true, description: 'Home page of the catalogue (foaf:homepage).' })
  @Column({ type: 'varchar', length: 512, nullable: true })
  homepage!: string | null;

  /** Id of the publishing Organization; exposed as `publisher`. */
  @RefColumn()
  publisherId!: string;
}

import { IdColumn } from '@ecosystem/shared';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, Entity } from 'typeorm';

@ObjectType({ description: 'One of the 4 broad categories of the academy catalogue.' })
@Entity('category')
export class Category {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Short stable code, e.g. DATA.' })
  @Column({ type: 'varchar', length: 32, unique: true })
  code!: string;

  @Field({ description: 'Title of the category.' })
  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @Field(() => Int, { description: 'Position in the catalogue.' })
  @Column({ type: 'int' })
  position!: number;
}

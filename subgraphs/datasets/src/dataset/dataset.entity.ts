import { EnumColumn, foldForSearch, IdColumn, LocalizedText, RefColumn } from '@ecosystem/shared';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, Index } from 'typeorm';
import { AccessRights, DatasetTypology, HealthCategory } from './dataset.enums';

/**
 * A dataset of the catalogue, described with DCAT-AP 3 and HealthDCAT-AP. Multi-valued attributes
 * are read from JSON columns; those that are filtered or counted also have a row per value in a
 * side table (`dataset_health_category`, ...), written together by the service and the seed.
 */
@ObjectType({ description: 'A health dataset described with DCAT-AP 3 and HealthDCAT-AP.' })
@Directive('@key(fields: "id")')
@Entity('dataset')
@Index('idx_dataset_sort', ['sortTitle', 'id'])
@Index('idx_dataset_publisher', ['publisherId'])
@Index('idx_dataset_hdab', ['hdabId'])
export class Dataset {
  @Field(() => ID, { description: 'Opaque, stable id.' })
  @IdColumn()
  id!: string;

  @Field({ description: 'Persistent identifier (dct:identifier), usually a URI.' })
  @Column({ type: 'varchar', length: 255, unique: true })
  identifier!: string;

  @Column({ type: 'varchar', length: 500 })
  titleFr!: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  titleEn!: string | null;

  @Column({ type: 'text' })
  descriptionFr!: string;

  @Column({ type: 'text', nullable: true })
  descriptionEn!: string | null;

  /** Id of the publishing Organization (members subgraph); exposed as `publisher`. */
  @RefColumn()
  publisherId!: string;

  /** Id of the health data access body (healthdcatap:hdab), an Organization; exposed as `hdab`. */
  @RefColumn({ nullable: true })
  hdabId!: string | null;

  @Field(() => [HealthCategory], { description: 'EHDS health data categories covered.' })
  @Column({ type: 'simple-json' })
  healthCategories!: HealthCategory[];

  @Field(() => DatasetTypology, { description: 'The kind of data source.' })
  @EnumColumn()
  typology!: DatasetTypology;

  @Field(() => AccessRights, { description: 'Who may access the data (dct:accessRights).' })
  @EnumColumn()
  accessRights!: AccessRights;

  /** Folded title: sort key of the catalogue. */
  @Column({ type: 'varchar', length: 500 })
  sortTitle!: string;

  /** Folded title, description, identifier and keywords for accent-insensitive search. */
  @Column({ type: 'text' })
  searchText!: string;

  @Field(() => LocalizedText, { description: 'Title (dct:title), in French and possibly English.' })
  title(): LocalizedText {
    return { fr: this.titleFr, en: this.titleEn };
  }

  @Field(() => LocalizedText, { description: 'Free-text account of the dataset (dct:description).' })
  description(): LocalizedText {
    return { fr: this.descriptionFr, en: this.descriptionEn };
  }

  /** Recomputes the derived search columns; call before saving. */
  fold(): void {
    this.sortTitle = foldForSearch(this.titleFr).slice(0, 500);
    this.searchText = foldForSearch(this.titleFr, this.titleEn, this.descriptionFr, this.descriptionEn, this.identifier);
  }
}

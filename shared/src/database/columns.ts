import { Column, type ColumnOptions, PrimaryColumn } from 'typeorm';

/** Primary key of every entity: a UUID (v7 for new rows, v5 for demo rows), portable across drivers. */
export function IdColumn(): PropertyDecorator {
  return PrimaryColumn({ type: 'varchar', length: 36 });
}

/** A reference to an entity by id, possibly owned by another subgraph (no foreign key across databases). */
export function RefColumn(options: Pick<ColumnOptions, 'nullable'> = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: 36, ...options });
}

/** A reference that is part of a composite primary key (join tables). */
export function RefPrimaryColumn(): PropertyDecorator {
  return PrimaryColumn({ type: 'varchar', length: 36 });
}

/** An enum stored as its name: new values need no migration, and the driver does not matter. */
export function EnumColumn(options: Pick<ColumnOptions, 'nullable' | 'default'> = {}): PropertyDecorator {
  return Column({ type: 'varchar', length: 40, ...options });
}

/** An enum value that is part of a composite primary key (multi-valued attributes). */
export function EnumPrimaryColumn(): PropertyDecorator {
  return PrimaryColumn({ type: 'varchar', length: 40 });
}

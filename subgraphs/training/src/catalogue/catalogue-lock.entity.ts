import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per kind of catalogue-wide write that must not interleave (e.g. `prerequisites`): the
 * writer bumps the row first, which holds a row lock until commit, so two concurrent prerequisite
 * writes cannot each pass the cycle check and together create a cycle.
 */
@Entity('catalogue_lock')
export class CatalogueLock {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  name!: string;

  @Column({ type: 'int', default: 0 })
  revision!: number;
}

import { Column } from 'typeorm';
import { type Address, type AddressInput } from './value-types';

/*
 * Embeddable columns of the value types, next to their GraphQL types: an entity stores a value in
 * these columns and its resolver answers the GraphQL type from them, the same way in every subgraph.
 */

/**
 * The columns of an Address. Embed with `@Column(() => AddressColumns, { prefix: false })`: the
 * columns keep their plain names (`street`, `city`...), so embedding changes no table.
 */
export class AddressColumns {
  @Column({ type: 'varchar', length: 255, nullable: true })
  street!: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  postalCode!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  city!: string | null;

  @Column({ type: 'varchar', length: 128, nullable: true })
  region!: string | null;

  /** ISO 3166-1 alpha-2, upper case; null when no address was given. */
  @Column({ type: 'varchar', length: 2, nullable: true })
  country!: string | null;

  @Column({ type: 'double', nullable: true })
  latitude!: number | null;

  @Column({ type: 'double', nullable: true })
  longitude!: number | null;
}

/** Country of an address stored without one: the ecosystem is French. */
export const DEFAULT_COUNTRY = 'FR';

/** The Address of stored columns (the entity decides when it has one at all). */
export function toAddress(columns: AddressColumns): Address {
  return {
    street: columns.street,
    postalCode: columns.postalCode,
    city: columns.city,
    region: columns.region,
    country: columns.country ?? DEFAULT_COUNTRY,
    latitude: columns.latitude,
    longitude: columns.longitude,
  };
}

/** The columns an address input is stored in; all null when there is none. */
export function addressColumns(input: AddressInput | null | undefined): AddressColumns {
  return {
    street: input?.street ?? null,
    postalCode: input?.postalCode ?? null,
    city: input?.city ?? null,
    region: input?.region ?? null,
    country: input?.country?.toUpperCase() ?? null,
    latitude: input?.latitude ?? null,
    longitude: input?.longitude ?? null,
  };
}

import { Column, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../../database/test-database';
import { AddressColumns, addressColumns, toAddress } from '../value-columns';

@Entity('kit_venue')
class Venue {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column(() => AddressColumns, { prefix: false })
  address!: AddressColumns;
}

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('kit-values', [Venue]);
});

afterAll(async () => {
  await db?.close();
});

describe('AddressColumns', () => {
  it('keeps the plain column names when embedded without prefix', () => {
    const names = db.dataSource.getMetadata(Venue).columns.map((column) => column.databaseName).sort();
    expect(names).toEqual(['city', 'country', 'id', 'latitude', 'longitude', 'postalCode', 'region', 'street']);
  });

  it('stores an input and answers it as an Address', async () => {
    const input = { street: '10 rue X', postalCode: '75015', city: 'Paris', region: null, country: 'fr', latitude: 48.8, longitude: 2.3 };
    await db.dataSource.getRepository(Venue).insert({ id: 'v1', address: addressColumns(input) });
    const venue = await db.dataSource.getRepository(Venue).findOneByOrFail({ id: 'v1' });
    expect(toAddress(venue.address)).toEqual({ ...input, country: 'FR' });
  });

  it('stores no input as null columns, answered with the default country', () => {
    expect(addressColumns(null)).toEqual({ street: null, postalCode: null, city: null, region: null, country: null, latitude: null, longitude: null });
    expect(toAddress(addressColumns(undefined)).country).toBe('FR');
  });
});

import type * as FakerModule from '@faker-js/faker';
import { type Faker } from '@faker-js/faker';

/** A seeded faker: the same seed gives the same demo data in every process and every run. */
export function seededFaker(seed: number): Faker {
  // Loaded on first use, not with the shared package: every process imports the package, and faker's
  // locales stayed in the heap of those that never seed (the gateway: about 8 MB of its live heap).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Faker: FakerClass, fr, en, base } = require('@faker-js/faker') as typeof FakerModule;
  const faker = new FakerClass({ locale: [fr, en, base] });
  faker.seed(seed);
  return faker;
}

import { Faker, fr, en, base } from '@faker-js/faker';

/** A seeded faker: the same seed gives the same demo data in every process and every run. */
export function seededFaker(seed: number): Faker {
  const faker = new Faker({ locale: [fr, en, base] });
  faker.seed(seed);
  return faker;
}

import { demoId, demoPeople, foldForSearch, seededFaker, type SeedWriter } from '@ecosystem/shared';
import { type EntityManager } from 'typeorm';
import { Affiliation } from '../person/affiliation.entity';
import { Person } from '../person/person.entity';

const EXPERTISE = [
  'Entrepôts de données de santé', 'SNDS', 'Interopérabilité FHIR', 'Intelligence artificielle', 'Imagerie médicale',
  'Essais cliniques', 'Dispositifs médicaux', 'RGPD', 'Cybersécurité', 'Télésurveillance', 'Oncologie', 'Cardiologie',
  'Biostatistique', 'Pharmacovigilance', 'Accès au marché', 'Real-world evidence', 'Thérapies numériques', 'Génomique',
];

/** A synthetic ORCID iD with a correct ISO 7064 11,2 check character. */
function syntheticOrcid(index: number): string {
  const digits = `000900000${String(index).padStart(6, '0')}`;
  let total = 0;
  for (const char of digits) total = (total + Number(char)) * 2;
  const result = (12 - (total % 11)) % 11;
  const all = `${digits}${result === 10 ? 'X' : String(result)}`;
  return all.replace(/(.{4})(?=.)/g, '$1-');
}

/** The 3,000 synthetic people of shared `demoPeople()`, with their ids and job titles, one affiliation each. */
export function seedPeople(seed: SeedWriter, manager: EntityManager): number {
  const faker = seededFaker(3000);
  const people = demoPeople();
  seed.add(
    Person,
    people.map((p, index) => {
      const slug = foldForSearch(p.givenName, p.familyName).replace(/ /g, '.');
      const row = manager.create(Person, {
        id: p.id,
        givenName: p.givenName,
        familyName: p.familyName,
        jobTitle: p.jobTitle,
        orcid: ['Chercheur', 'Biostatisticien', 'Médecin hospitalier'].includes(p.jobTitle) ? syntheticOrcid(index + 1) : null,
        expertise: faker.helpers.arrayElements(EXPERTISE, { min: 1, max: 3 }),
        email: `${slug}.${index + 1}@${p.organization.key}.example.org`,
        // 01 99 00 xx xx: the range ARCEP reserves for fiction.
        phone: `+33 1 99 00 ${String(Math.floor(index / 100) % 100).padStart(2, '0')} ${String(index % 100).padStart(2, '0')}`,
        erasedAt: null,
      });
      row.fold();
      return row;
    }),
  );
  seed.add(
    Affiliation,
    people.map((p) => ({
      id: demoId('affiliation', p.key),
      personId: p.id,
      organizationId: p.organization.id,
      role: p.jobTitle,
      isPrimary: true,
      since: `${faker.number.int({ min: 2010, max: 2024 })}-0${faker.number.int({ min: 1, max: 9 })}-01`,
      until: null,
    })),
  );
  return people.length;
}

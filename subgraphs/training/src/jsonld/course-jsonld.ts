import { Format, Level } from '../catalogue/catalogue.enums';
import { type Domain } from '../catalogue/domain.entity';
import { type Competency } from '../competency/competency.entity';
import { type Module } from '../module/module.entity';
import { type CourseSession } from '../session/course-session.entity';

/** schema.org courseMode values (https://schema.org/courseMode accepts text or a URL). */
const COURSE_MODE: Record<Format, string> = {
  [Format.E_LEARNING]: 'online',
  [Format.VIRTUAL_CLASS]: 'online',
  [Format.IN_PERSON]: 'onsite',
  [Format.BLENDED]: 'blended',
};

const WORKLOAD: Record<Format, string> = {
  [Format.E_LEARNING]: 'self-paced',
  [Format.VIRTUAL_CLASS]: 'synchronous',
  [Format.IN_PERSON]: 'synchronous',
  [Format.BLENDED]: 'mixed',
};

const LEVEL_NAMES: Record<Level, string> = {
  [Level.ACCULTURATION]: 'Acculturation',
  [Level.FOUNDATION]: 'Fondamentaux',
  [Level.ADVANCED]: 'Avancé',
  [Level.EXPERT]: 'Expert',
};

export const ACADEMY = {
  '@type': 'EducationalOrganization',
  name: 'Académie du Digital en Santé',
  parentOrganization: { '@type': 'Organization', name: 'Leem (Les entreprises du médicament)' },
} as const;

export interface CourseParts {
  module: Module;
  domain: Domain | null;
  providerIds: string[];
  teaches: Competency[];
  prerequisites: Module[];
  sessions: CourseSession[];
}

function entityUri(id: string): string {
  return `urn:uuid:${id}`;
}

/** ISO 8601 duration of a number of minutes, e.g. PT7H30M. */
export function isoDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `PT${hours ? `${hours}H` : ''}${rest || !hours ? `${rest}M` : ''}`;
}

function courseInstance(session: CourseSession): Record<string, unknown> {
  const place = session.place();
  return {
    '@type': 'CourseInstance',
    '@id': entityUri(session.id),
    courseMode: COURSE_MODE[session.courseMode],
    courseWorkload: WORKLOAD[session.courseMode],
    startDate: session.startsAt.toISOString(),
    endDate: session.endsAt.toISOString(),
    ...(place
      ? {
          location: {
            '@type': 'Place',
            address: {
              '@type': 'PostalAddress',
              streetAddress: place.street,
              postalCode: place.postalCode,
              addressLocality: place.city,
              addressRegion: place.region,
              addressCountry: place.country,
            },
          },
        }
      : { location: { '@type': 'VirtualLocation', url: session.virtualUrl } }),
    ...(session.capacity !== null ? { maximumAttendeeCapacity: session.capacity, remainingAttendeeCapacity: session.seatsLeft() } : {}),
    provider: { '@type': 'Organization', '@id': entityUri(session.providerId) },
    instructor: session.instructorIds.map((id) => ({ '@type': 'Person', '@id': entityUri(id) })),
  };
}

/** A module as a schema.org Course, with its sessions as CourseInstances (JSON-LD). */
export function courseJsonLd(parts: CourseParts, withContext = true): Record<string, unknown> {
  const { module } = parts;
  const price = module.price();
  return {
    ...(withContext ? { '@context': 'https://schema.org' } : {}),
    '@type': 'Course',
    '@id': entityUri(module.id),
    courseCode: module.code,
    name: module.title,
    description: module.description,
    inLanguage: module.language,
    educationalLevel: LEVEL_NAMES[module.level],
    ...(module.credential ? { educationalCredentialAwarded: module.credential } : {}),
    timeRequired: isoDuration(module.durationMinutes),
    teaches: parts.teaches.map((c) => ({
      '@type': 'DefinedTerm',
      '@id': c.caseItemUri ?? entityUri(c.id),
      termCode: c.code,
      name: c.title,
      ...(c.escoSkill ? { sameAs: c.escoSkill } : {}),
    })),
    coursePrerequisites: parts.prerequisites.map((p) => ({ '@type': 'Course', '@id': entityUri(p.id), courseCode: p.code, name: p.title })),
    ...(parts.domain ? { about: { '@type': 'Thing', name: parts.domain.title, identifier: parts.domain.code } } : {}),
    provider: [ACADEMY, ...parts.providerIds.map((id) => ({ '@type': 'Organization', '@id': entityUri(id) }))],
    ...(price
      ? { offers: { '@type': 'Offer', price: price.amount, priceCurrency: price.currency, category: module.cpfEligible ? 'CPF' : 'Paid' } }
      : { isAccessibleForFree: true }),
    ...(module.rsRncpCode ? { identifier: { '@type': 'PropertyValue', propertyID: 'France Compétences', value: module.rsRncpCode } } : {}),
    hasCourseInstance: parts.sessions.map(courseInstance),
  };
}

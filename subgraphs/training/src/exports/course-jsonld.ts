import { DateTime } from 'luxon';
import type { Course, CourseInstance, Offer, Organization, Schedule, WithContext } from 'schema-dts';
import { Format, Level } from '../catalogue/catalogue.enums';
import { type Domain } from '../catalogue/domain.entity';
import { type Competency } from '../competency/competency.entity';
import { type Module } from '../module/module.entity';
import { type CourseSession } from '../session/session.entity';

/** schema.org courseMode values (https://schema.org/courseMode accepts text or a URL). */
const COURSE_MODE: Record<Format, string> = {
  [Format.E_LEARNING]: 'online',
  [Format.VIRTUAL_CLASS]: 'online',
  [Format.IN_PERSON]: 'onsite',
  [Format.BLENDED]: 'blended',
};

/** Sessions are planned in the academy's zone. */
const SESSION_TIMEZONE = 'Europe/Paris';

const LEVEL_NAMES: Record<Level, string> = {
  [Level.ACCULTURATION]: 'Acculturation',
  [Level.FOUNDATION]: 'Fondamentaux',
  [Level.ADVANCED]: 'Avancé',
  [Level.EXPERT]: 'Expert',
};

export const ACADEMY: Organization = {
  '@type': 'EducationalOrganization',
  name: 'Académie du Digital en Santé',
  parentOrganization: { '@type': 'Organization', name: 'Leem (Les entreprises du médicament)' },
};

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

/**
 * A session held on several days at the same hours (a class of 3 days, 9:00-17:00) as a daily
 * Schedule; null for a single sitting or a self-paced period (e-learning), which courseWorkload describes.
 */
export function sessionSchedule(session: CourseSession): Schedule | null {
  if (session.courseMode === Format.E_LEARNING) return null;
  const start = DateTime.fromJSDate(session.startsAt, { zone: SESSION_TIMEZONE });
  const end = DateTime.fromJSDate(session.endsAt, { zone: SESSION_TIMEZONE });
  const days = Math.round(end.startOf('day').diff(start.startOf('day'), 'days').days) + 1;
  const dailyMinutes = end.hour * 60 + end.minute - (start.hour * 60 + start.minute);
  if (days < 2 || dailyMinutes <= 0) return null;
  return {
    '@type': 'Schedule',
    repeatFrequency: 'P1D',
    repeatCount: days,
    startDate: start.toISODate() ?? undefined,
    endDate: end.toISODate() ?? undefined,
    startTime: start.toFormat('HH:mm:ss'),
    endTime: end.toFormat('HH:mm:ss'),
    duration: isoDuration(dailyMinutes),
    scheduleTimezone: SESSION_TIMEZONE,
  };
}

/**
 * A session as a CourseInstance. The organisation running it is its `organizer` (CourseInstance is
 * an Event: `provider` belongs to the Course), its trainers are `instructor`s.
 */
function courseInstance(session: CourseSession, module: Module): CourseInstance {
  const place = session.place();
  const schedule = sessionSchedule(session);
  return {
    '@type': 'CourseInstance',
    '@id': entityUri(session.id),
    courseMode: COURSE_MODE[session.courseMode],
    courseWorkload: isoDuration(module.durationMinutes),
    ...(schedule ? { courseSchedule: schedule } : {}),
    startDate: session.startsAt.toISOString(),
    endDate: session.endsAt.toISOString(),
    eventAttendanceMode: place ? 'https://schema.org/OfflineEventAttendanceMode' : 'https://schema.org/OnlineEventAttendanceMode',
    ...(place
      ? {
          location: {
            '@type': 'Place',
            address: {
              '@type': 'PostalAddress',
              ...(place.street ? { streetAddress: place.street } : {}),
              ...(place.postalCode ? { postalCode: place.postalCode } : {}),
              ...(place.city ? { addressLocality: place.city } : {}),
              ...(place.region ? { addressRegion: place.region } : {}),
              ...(place.country ? { addressCountry: place.country } : {}),
            },
          },
        }
      : session.virtualUrl
        ? { location: { '@type': 'VirtualLocation', url: session.virtualUrl } }
        : {}),
    ...(session.capacity !== null ? { maximumAttendeeCapacity: session.capacity, remainingAttendeeCapacity: session.seatsLeft() ?? undefined } : {}),
    organizer: { '@type': 'Organization', '@id': entityUri(session.providerId) },
    instructor: session.instructorIds.map((id) => ({ '@type': 'Person', '@id': entityUri(id) })),
  };
}

/** A module as a schema.org Course, with its sessions as CourseInstances (JSON-LD). */
export function courseJsonLd(parts: CourseParts): Course {
  const { module } = parts;
  const price = module.price();
  // Every course has an offer (search engines require one): its price, or free of charge.
  const offers: Offer = price
    ? { '@type': 'Offer', price: price.amount, priceCurrency: price.currency, category: module.cpfEligible ? 'CPF' : 'Paid' }
    : { '@type': 'Offer', price: 0, priceCurrency: 'EUR', category: 'Free' };
  return {
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
    offers,
    ...(price ? {} : { isAccessibleForFree: true }),
    ...(module.rsRncpCode ? { identifier: { '@type': 'PropertyValue', propertyID: 'France Compétences', value: module.rsRncpCode } } : {}),
    hasCourseInstance: parts.sessions.map((session) => courseInstance(session, module)),
  };
}

/** A Course as a document of its own. */
export const courseDocument = (course: Course): WithContext<Course> => ({ '@context': 'https://schema.org', ...(course as object) }) as WithContext<Course>;

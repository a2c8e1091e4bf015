import { demoDatasetRefs, demoId, demoOrganizations, seededFaker, type DemoOrganization } from '@ecosystem/shared';
import { AttendanceMode, EventKind } from '../event/event.enums';
import { DEFAULT_TIMEZONE, expandOccurrences, localDay, localInstant } from '../series/recurrence';

/** One demo event, before it is turned into rows. */
export interface DemoEvent {
  key: string;
  id: string;
  title: string;
  description: string | null;
  kind: EventKind;
  attendanceMode: AttendanceMode;
  start: Date;
  end: Date;
  organizerIds: string[];
  datasetIds: string[];
  /** Set for occurrences of a series (the series' key). */
  seriesKey: string | null;
  /** For occurrences: the local day of the occurrence in the series. */
  occurrenceDay: string | null;
  ecosystemCode: 'MEDICEN' | 'PSC' | 'ADS' | null;
  city: string | null;
  country: string;
  /** Key of the call (DEMO_CALLS) the event belongs to. */
  callKey?: string;
  language?: string;
  keywords?: string[];
}

/** The MeetMyData series: DTSTART;TZID=Europe/Paris:20210325T110000, RRULE:FREQ=MONTHLY;BYDAY=-1TH. */
export const MEETMYDATA = {
  key: 'meetmydata',
  id: demoId('series', 'meetmydata'),
  title: 'MeetMyData',
  rrule: 'FREQ=MONTHLY;BYDAY=-1TH',
  dtstart: localInstant('2021-03-25T11:00'),
  durationMinutes: 60,
  exdates: ['2021-12-30', '2022-08-25'],
  timezone: DEFAULT_TIMEZONE,
  /** Occurrences of the demo are materialised up to this instant. */
  until: localInstant('2027-01-01T00:00'),
};

/** Id of the joint Académie du Digital en Santé – PariSanté Campus conference (16 June 2022). */
export const JOINT_CONFERENCE_ID = demoId('event', 'ads-psc-joint-conference-2022');

export const DEMO_EVENT_COUNT = 1000;

const org = (key: string): string => demoId('organization', key);

let cache: DemoEvent[] | undefined;

/** The demo events of 2021-2026, deterministic: the seeds' named events, MeetMyData, then synthetic ones. */
export function demoEvents(): DemoEvent[] {
  if (cache) return cache;
  const faker = seededFaker(2026);
  const orgs = demoOrganizations();
  const datasets = demoDatasetRefs();
  const events: DemoEvent[] = [];
  const add = (event: Omit<DemoEvent, 'id' | 'seriesKey' | 'occurrenceDay' | 'description'> & Partial<DemoEvent>): void => {
    events.push({ id: demoId('event', event.key), seriesKey: null, occurrenceDay: null, description: null, ...event });
  };
  const at = (local: string, hours: number): { start: Date; end: Date } => {
    const start = localInstant(local);
    return { start, end: new Date(start.getTime() + hours * 3600_000) };
  };

  // MeetMyData: a data producer presents one or two datasets, last Thursday of every month.
  const occurrences = expandOccurrences(MEETMYDATA, MEETMYDATA.dtstart, MEETMYDATA.until);
  occurrences.forEach((start, index) => {
    const day = localDay(start, MEETMYDATA.timezone);
    const presented = [datasets[index % datasets.length]!, ...(index % 3 === 0 ? [datasets[(index * 7 + 11) % datasets.length]!] : [])];
    add({
      key: `meetmydata-${day}`,
      title: `MeetMyData #${index + 1} : ${presented[0]!.title}`,
      description: `Webinaire MeetMyData (MIHD) : ${presented[0]!.publisher.name} présente ses données (typologie, volume, modalités d'accès, positionnement vis-à-vis du Health Data Hub) et ses besoins.`,
      kind: EventKind.WEBINAR,
      attendanceMode: AttendanceMode.ONLINE,
      start,
      end: new Date(start.getTime() + MEETMYDATA.durationMinutes * 60_000),
      organizerIds: [org('medicen')],
      datasetIds: presented.map((d) => d.id),
      seriesKey: MEETMYDATA.key,
      occurrenceDay: day,
      ecosystemCode: 'MEDICEN',
      city: null,
      country: 'FR',
    });
  });

  // Named events of the seed articles.
  add({
    key: 'ads-psc-joint-conference-2022',
    id: JOINT_CONFERENCE_ID,
    title: 'Conférence commune Académie du Digital en Santé – PariSanté Campus',
    kind: EventKind.CONFERENCE,
    attendanceMode: AttendanceMode.MIXED,
    ...at('2022-06-16T09:30', 8),
    organizerIds: [org('leem'), org('parisante-campus')],
    datasetIds: [],
    ecosystemCode: 'PSC',
    city: 'Paris',
    country: 'FR',
  });
  add({
    key: 'psc-inauguration-2021',
    title: 'Inauguration de PariSanté Campus',
    kind: EventKind.INAUGURATION,
    attendanceMode: AttendanceMode.MIXED,
    ...at('2021-12-14T10:00', 4),
    organizerIds: [org('parisante-campus'), org('inserm'), org('inria'), org('psl'), org('health-data-hub'), org('ans')],
    datasetIds: [],
    ecosystemCode: 'PSC',
    city: 'Paris',
    country: 'FR',
  });
  add({
    key: 'ads-launch-2022',
    title: 'Lancement de l\u2019Académie du Digital en Santé',
    kind: EventKind.INAUGURATION,
    attendanceMode: AttendanceMode.ONLINE,
    ...at('2022-04-14T14:00', 2),
    organizerIds: [org('leem')],
    datasetIds: [],
    ecosystemCode: 'ADS',
    city: null,
    country: 'FR',
  });
  const hackathons: [string, string, string, string[], string][] = [
    ['hackathon-cardio-2021', 'Hackathon données cardiovasculaires', '2021-11-19T09:00', ['cardio-registry', 'snds-pmsi'], 'ami-cardio'],
    ['hackathon-breast-cancer-2022', 'Hackathon suivi prédictif du cancer du sein', '2022-10-14T09:00', ['breast-cancer-imaging', 'constances'], 'ami-breast-cancer'],
    ['hackathon-health-data-2023', 'Hackathon Health Data Hub x PariSanté Campus', '2023-06-09T09:00', ['snds-main', 'snds-cepidc'], 'call-real-world-evidence'],
  ];
  const infoSessions: [string, string, string, string][] = [
    ['ami-cardio-info-1', 'Session d\u2019information : AMI maladies cardiovasculaires', '2021-03-09T11:00', 'ami-cardio'],
    ['ami-cardio-info-2', 'Session d\u2019information (2) : AMI maladies cardiovasculaires', '2021-04-13T11:00', 'ami-cardio'],
    ['ami-breast-cancer-info-1', 'Session d\u2019information : AMI cancer du sein', '2022-05-17T11:00', 'ami-breast-cancer'],
    ['ami-breast-cancer-info-2', 'Session d\u2019information (2) : AMI cancer du sein', '2022-06-21T11:00', 'ami-breast-cancer'],
  ];
  for (const [key, title, start, callKey] of infoSessions) {
    add({
      key,
      title,
      kind: EventKind.INFO_SESSION,
      attendanceMode: AttendanceMode.ONLINE,
      ...at(start, 1),
      organizerIds: [org('medicen')],
      datasetIds: [],
      ecosystemCode: 'MEDICEN',
      city: null,
      country: 'FR',
      callKey,
    });
  }
  for (const [key, title, start, dataKeys, callKey] of hackathons) {
    add({
      callKey,
      key,
      title,
      kind: EventKind.HACKATHON,
      attendanceMode: AttendanceMode.OFFLINE,
      ...at(start, 33),
      organizerIds: [org('medicen'), org('health-data-hub')],
      datasetIds: dataKeys.map((k) => demoId('dataset', k)),
      ecosystemCode: 'MEDICEN',
      city: 'Paris',
      country: 'FR',
    });
  }
  const missions: [string, string, string][] = [
    ['JP', 'Tokyo', 'Japon'], ['KR', 'Séoul', 'Corée du Sud'], ['US', 'Boston', 'États-Unis'], ['CA', 'Montréal', 'Canada'],
    ['CN', 'Shanghai', 'Chine'], ['IL', 'Tel Aviv', 'Israël'],
  ];
  missions.forEach(([country, city, name], index) => {
    const year = 2021 + (index % 5);
    add({
      key: `mission-${country.toLowerCase()}-${year}`,
      title: `Mission internationale e-santé : ${name}`,
      kind: EventKind.INTERNATIONAL_MISSION,
      attendanceMode: AttendanceMode.OFFLINE,
      ...at(`${year}-${String(3 + index).padStart(2, '0')}-0${1 + (index % 5)}T09:00`, 4 * 24 + 9),
      organizerIds: [org('medicen'), org('bpifrance')],
      datasetIds: [],
      ecosystemCode: 'MEDICEN',
      city,
      country,
      language: 'en',
    });
  });

  // Synthetic programme up to DEMO_EVENT_COUNT: mostly the campus (opened Dec 2021), then the cluster and the academy.
  const kinds: [EventKind, number, number][] = [
    // kind, weight, duration (hours)
    [EventKind.CONFERENCE, 18, 3], [EventKind.WORKSHOP, 22, 3], [EventKind.MEETUP, 14, 2], [EventKind.WEBINAR, 14, 1],
    [EventKind.TRAINING_SESSION, 12, 7], [EventKind.PITCH, 8, 2], [EventKind.INFO_SESSION, 8, 1.5],
  ];
  const topics = [
    'IA et imagerie médicale', 'interopérabilité FHIR', 'données de vie réelle', 'télésurveillance', 'dispositifs médicaux numériques',
    'cybersécurité hospitalière', 'entrepôts de données de santé', 'RGPD et données de santé', 'prévention', 'santé mentale numérique',
    'accès au marché des DTx', 'jumeaux numériques (Meditwin)', 'PEPR Santé Numérique', 'France 2030', 'oncologie de précision',
  ];
  const formats: Record<string, string> = {
    CONFERENCE: 'Conférence', WORKSHOP: 'Atelier', MEETUP: 'Rencontre', WEBINAR: 'Webinaire', TRAINING_SESSION: 'Formation',
    PITCH: 'Pitch start-up', INFO_SESSION: 'Session d\u2019information', HACKATHON: 'Hackathon',
  };
  const ecosystemOrgs: Record<'MEDICEN' | 'PSC' | 'ADS', DemoOrganization[]> = {
    MEDICEN: orgs.filter((o) => o.memberships.some((m) => m.ecosystem === 'MEDICEN')),
    PSC: orgs.filter((o) => o.memberships.some((m) => m.ecosystem === 'PSC')),
    ADS: orgs.filter((o) => o.memberships.some((m) => m.ecosystem === 'ADS')),
  };
  const operator: Record<'MEDICEN' | 'PSC' | 'ADS', string> = { MEDICEN: org('medicen'), PSC: org('parisante-campus'), ADS: org('leem') };
  const cities = ['Paris', 'Paris', 'Paris', 'Évry', 'Saclay', 'Villejuif', 'Lyon'];
  for (let i = 1; events.length < DEMO_EVENT_COUNT; i++) {
    const ecosystem = faker.helpers.weightedArrayElement([
      { value: 'PSC' as const, weight: 60 },
      { value: 'MEDICEN' as const, weight: 28 },
      { value: 'ADS' as const, weight: 12 },
    ]);
    const minYear = ecosystem === 'PSC' ? 2022 : ecosystem === 'ADS' ? 2022 : 2021;
    const year = faker.number.int({ min: minYear, max: 2026 });
    const month = faker.number.int({ min: year === 2022 && ecosystem === 'ADS' ? 5 : 1, max: 12 });
    if (month === 8 && faker.number.float() < 0.8) continue; // quiet August
    const dayOfMonth = faker.number.int({ min: 1, max: 28 });
    const hour = faker.helpers.arrayElement([9, 9, 10, 14, 14, 16, 18]);
    const [kind, , hours] = faker.helpers.weightedArrayElement(kinds.map((k) => ({ value: k, weight: k[1] })));
    const local = `${year}-${String(month).padStart(2, '0')}-${String(dayOfMonth).padStart(2, '0')}T${String(hour).padStart(2, '0')}:${faker.helpers.arrayElement(['00', '30'])}`;
    const start = localInstant(local);
    const weekday = start.getUTCDay();
    if (weekday === 0 || weekday === 6) continue; // weekdays only
    const attendanceMode = kind === EventKind.WEBINAR
      ? AttendanceMode.ONLINE
      : faker.helpers.weightedArrayElement([
          { value: AttendanceMode.OFFLINE, weight: year <= 2021 ? 20 : 60 },
          { value: AttendanceMode.MIXED, weight: 25 },
          { value: AttendanceMode.ONLINE, weight: year <= 2021 ? 55 : 15 },
        ]);
    const coOrganizers = faker.helpers.arrayElements(ecosystemOrgs[ecosystem], { min: 0, max: 2 }).map((o) => o.id);
    const organizerIds = [...new Set([operator[ecosystem], ...coOrganizers])];
    const topic = faker.helpers.arrayElement(topics);
    const datasetIds =
      kind === EventKind.WORKSHOP && faker.number.float() < 0.15 ? [faker.helpers.arrayElement(datasets).id] : [];
    add({
      key: `event-${String(i).padStart(4, '0')}`,
      title: `${formats[kind] ?? 'Événement'} : ${topic}`,
      kind,
      attendanceMode,
      start,
      end: new Date(start.getTime() + hours * 3600_000),
      organizerIds,
      datasetIds,
      ecosystemCode: ecosystem,
      city: attendanceMode === AttendanceMode.ONLINE ? null : ecosystem === 'PSC' ? 'Paris' : faker.helpers.arrayElement(cities),
      country: 'FR',
      language: faker.number.float() < 0.12 ? 'en' : 'fr',
      keywords: [topic.toLowerCase().replace(/,/g, ' ')],
    });
  }
  cache = events;
  return events;
}

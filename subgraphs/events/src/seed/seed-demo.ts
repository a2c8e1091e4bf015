import {
  DEMO_CALLS,
  DEMO_ECOSYSTEMS,
  demoDatasetRefs,
  demoId,
  demoOrganizations,
  demoPeople,
  seededFaker,
  SeedWriter,
  type DemoPerson,
  type Logger,
} from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { CallDataset } from '../call/call-dataset.entity';
import { Call } from '../call/call.entity';
import { CallKind, CallStatus } from '../call/call.enums';
import { ExpressionOfInterest } from '../call/expression-of-interest.entity';
import { EventDataset } from '../event/event-dataset.entity';
import { EventOrganizer } from '../event/event-organizer.entity';
import { EventSpeaker, SpeakerKind } from '../event/event-speaker.entity';
import { Event } from '../event/event.entity';
import { AttendanceMode, EventKind, EventStatus } from '../event/event.enums';
import { icalUidFor } from '../event/ical-uid';
import { Registration } from '../registration/registration.entity';
import { RegistrationStatus } from '../registration/registration.enums';
import { EventSeries } from '../series/event-series.entity';
import { demoEvents, MEETMYDATA, type DemoEvent } from './demo-events';

const org = (key: string): string => demoId('organization', key);

/** PariSanté Campus, 10 rue d'Oradour-sur-Glane, Paris 15e. */
const CAMPUS = { placeName: 'PariSanté Campus', street: '10 rue d\u2019Oradour-sur-Glane', postalCode: '75015', city: 'Paris', latitude: 48.8329, longitude: 2.2885 };

/** Registration counts: about 30 per event on average (~30,000 in all). */
function capacityOf(event: DemoEvent, rnd: () => number): number | null {
  if (event.seriesKey) return 300;
  switch (event.kind) {
    case EventKind.WEBINAR:
    case EventKind.INFO_SESSION:
      return null;
    case EventKind.CONFERENCE:
    case EventKind.INAUGURATION:
      return 60 + Math.floor(rnd() * 100);
    case EventKind.HACKATHON:
      return 120;
    case EventKind.INTERNATIONAL_MISSION:
      return 15;
    default:
      return 15 + Math.floor(rnd() * 30);
  }
}

function demandOf(event: DemoEvent, capacity: number | null, rnd: () => number): number {
  if (event.seriesKey) return 30 + Math.floor(rnd() * 60);
  if (capacity === null) return 10 + Math.floor(rnd() * 40);
  return Math.round(capacity * (0.25 + rnd() * 0.8));
}

/** Seeds the demo events, the MeetMyData series, calls, speakers and ~30,000 registrations when the database has no event yet. */
export async function seedEventsDemo(dataSource: DataSource, logger: Logger, now = new Date()): Promise<boolean> {
  if ((await dataSource.getRepository(Event).count()) > 0) return false;
  const faker = seededFaker(4004);
  const rnd = (): number => faker.number.float();
  const plans = demoEvents();
  const people = demoPeople();
  const peopleByOrg = new Map<string, DemoPerson[]>();
  for (const person of people) peopleByOrg.set(person.organization.id, [...(peopleByOrg.get(person.organization.id) ?? []), person]);
  const ecosystemId = new Map(DEMO_ECOSYSTEMS.map((e) => [e.code, e.id]));
  const callId = new Map(DEMO_CALLS.map((c) => [c.key, c.id]));
  const datasetPublisher = new Map(demoDatasetRefs().map((d) => [d.id, d.publisher.id]));
  const personOf = (organizationId: string): DemoPerson =>
    faker.helpers.arrayElement(peopleByOrg.get(organizationId) ?? people);

  const events: Event[] = [];
  const speakers: EventSpeaker[] = [];
  const registrations: Registration[] = [];
  for (const plan of plans) {
    const capacity = capacityOf(plan, rnd);
    const atCampus = plan.ecosystemCode === 'PSC' && plan.attendanceMode !== AttendanceMode.ONLINE;
    const online = plan.attendanceMode !== AttendanceMode.OFFLINE;
    const membersOnly = !plan.seriesKey && plan.ecosystemCode === 'MEDICEN' && plan.kind === EventKind.WORKSHOP && rnd() < 0.4;
    const paid = plan.kind === EventKind.TRAINING_SESSION && rnd() < 0.5;
    const event = Object.assign(new Event(), {
      id: plan.id,
      title: plan.title,
      description: plan.description,
      kind: plan.kind,
      status: EventStatus.SCHEDULED,
      attendanceMode: plan.attendanceMode,
      start: plan.start,
      end: plan.end,
      timezone: 'Europe/Paris',
      language: plan.language ?? 'fr',
      icalUid: icalUidFor(plan.id),
      sequence: 0,
      seriesId: plan.seriesKey ? MEETMYDATA.id : null,
      recurrenceId: plan.seriesKey ? plan.start : null,
      ecosystemId: plan.ecosystemCode ? (ecosystemId.get(plan.ecosystemCode) ?? null) : null,
      callId: plan.callKey ? (callId.get(plan.callKey) ?? null) : null,
      placeName: atCampus ? CAMPUS.placeName : null,
      address: {
        street: atCampus ? CAMPUS.street : null,
        postalCode: atCampus ? CAMPUS.postalCode : null,
        city: plan.attendanceMode === AttendanceMode.ONLINE ? null : (plan.city ?? 'Paris'),
        region: null,
        country: plan.attendanceMode === AttendanceMode.ONLINE ? null : plan.country,
        latitude: atCampus ? CAMPUS.latitude : null,
        longitude: atCampus ? CAMPUS.longitude : null,
      },
      virtualUrl: online ? `https://live.example.org/${plan.key}` : null,
      virtualPlatform: online ? 'Visio' : null,
      maxCapacity: capacity,
      seatsTaken: 0,
      registrationTicket: 0,
      registrationRequired: true,
      registrationOpensAt: null,
      registrationClosesAt: null,
      membersOnly,
      priceAmount: paid ? `${faker.helpers.arrayElement([150, 290, 450, 690])}.00` : null,
      priceCurrency: paid ? 'EUR' : null,
      registrationUrl: null,
      keywords: plan.keywords ?? (plan.seriesKey ? ['meetmydata', 'données de santé'] : []),
      createdAt: new Date(plan.start.getTime() - 45 * 86400_000),
      updatedAt: new Date(plan.start.getTime() - 45 * 86400_000),
    });
    event.fold();
    events.push(event);

    // Speakers: the data producer of a MeetMyData session, keynotes and panels, hackathon juries.
    const roles: [SpeakerKind, string][] = [];
    if (plan.seriesKey) {
      roles.push([SpeakerKind.DATA_PRODUCER, datasetPublisher.get(plan.datasetIds[0]!) ?? org('health-data-hub')], [SpeakerKind.MODERATOR, org('medicen')]);
    } else if (plan.kind === EventKind.CONFERENCE || plan.kind === EventKind.INAUGURATION) {
      roles.push([SpeakerKind.KEYNOTE, plan.organizerIds[0]!], [SpeakerKind.MODERATOR, plan.organizerIds[0]!]);
      for (let i = 0; i < 1 + Math.floor(rnd() * 3); i++) roles.push([SpeakerKind.SPEAKER, faker.helpers.arrayElement(demoOrganizations()).id]);
    } else if (plan.kind === EventKind.HACKATHON || plan.kind === EventKind.PITCH) {
      for (let i = 0; i < 3; i++) roles.push([SpeakerKind.JURY, faker.helpers.arrayElement(demoOrganizations().slice(0, 40)).id]);
      if (plan.kind === EventKind.HACKATHON) for (let i = 0; i < 3; i++) roles.push([SpeakerKind.MENTOR, faker.helpers.arrayElement(demoOrganizations()).id]);
    } else {
      for (let i = 0; i < 1 + Math.floor(rnd() * 2); i++) roles.push([SpeakerKind.SPEAKER, faker.helpers.arrayElement(demoOrganizations()).id]);
    }
    const seen = new Set<string>();
    roles.forEach(([role, organizationId], position) => {
      const person = personOf(organizationId);
      if (seen.has(`${person.id}|${role}`)) return;
      seen.add(`${person.id}|${role}`);
      speakers.push(Object.assign(new EventSpeaker(), {
        id: demoId('speaker', `${plan.key}:${position}`),
        eventId: plan.id,
        personId: person.id,
        organizationId: person.organization.id,
        role,
        talkTitle: role === SpeakerKind.SPEAKER || role === SpeakerKind.KEYNOTE ? plan.title.split(' : ').pop() ?? null : null,
        position,
      }));
    });

    // Registrations in arrival order: seats while they last, then the waitlist; some cancel.
    const demand = demandOf(plan, capacity, rnd);
    const registrants = faker.helpers.arrayElements(people, demand);
    const past = plan.start <= now;
    const gaps = registrants.map(() => 1 + rnd() * 40 * 86400_000).sort((a, b) => b - a);
    let seats = 0;
    registrants.forEach((person, index) => {
      const ticket = index + 1;
      let status: RegistrationStatus;
      if (rnd() < 0.07) status = RegistrationStatus.CANCELLED;
      else if (capacity === null || seats < capacity) {
        seats += 1;
        status = past ? (rnd() < 0.85 ? RegistrationStatus.ATTENDED : RegistrationStatus.NO_SHOW) : RegistrationStatus.CONFIRMED;
      } else status = RegistrationStatus.WAITLISTED;
      const registeredAt = new Date(plan.start.getTime() - gaps[index]!);
      registrations.push(Object.assign(new Registration(), {
        id: demoId('registration', `${plan.key}:${person.key}`),
        eventId: plan.id,
        personId: person.id,
        organizationId: person.organization.id,
        status,
        mode: plan.attendanceMode === AttendanceMode.MIXED ? (rnd() < 0.6 ? AttendanceMode.OFFLINE : AttendanceMode.ONLINE) : plan.attendanceMode,
        registeredAt,
        ticket,
        checkedInAt: status === RegistrationStatus.ATTENDED ? plan.start : null,
        cancelledAt: status === RegistrationStatus.CANCELLED ? new Date(registeredAt.getTime() + 3600_000) : null,
      }));
    });
    event.seatsTaken = seats;
    event.registrationTicket = registrants.length;
  }

  const series = Object.assign(new EventSeries(), {
    id: MEETMYDATA.id,
    title: MEETMYDATA.title,
    description: 'Webinaire mensuel du MIHD (Medicen Initiatives for Health Data) : un producteur présente ses données, le dernier jeudi de chaque mois.',
    kind: EventKind.WEBINAR,
    attendanceMode: AttendanceMode.ONLINE,
    organizerId: org('medicen'),
    ecosystemId: ecosystemId.get('MEDICEN') ?? null,
    rrule: MEETMYDATA.rrule,
    exdateList: MEETMYDATA.exdates,
    dtstart: MEETMYDATA.dtstart,
    durationMinutes: MEETMYDATA.durationMinutes,
    timezone: MEETMYDATA.timezone,
    language: 'fr',
    virtualUrl: 'https://live.example.org/meetmydata',
    icalUid: icalUidFor(MEETMYDATA.id),
    sequence: 0,
    materializedUntil: MEETMYDATA.until,
    createdAt: new Date('2021-03-01T09:00:00Z'),
    updatedAt: new Date('2021-03-01T09:00:00Z'),
  });

  const { calls, callDatasets, expressions } = demoCalls(now, faker);

  const seed = new SeedWriter();
  seed.add(EventSeries, [series]);
  seed.add(Event, events, 40);
  seed.add(
    EventOrganizer,
    plans.flatMap((e) => e.organizerIds.map((organizationId, position) => Object.assign(new EventOrganizer(), { eventId: e.id, organizationId, position }))),
  );
  seed.add(
    EventDataset,
    plans.flatMap((e) => e.datasetIds.map((datasetId, position) => Object.assign(new EventDataset(), { eventId: e.id, datasetId, position }))),
  );
  seed.add(EventSpeaker, speakers, 100);
  seed.add(Call, calls, 50);
  seed.add(CallDataset, callDatasets);
  seed.add(ExpressionOfInterest, expressions, 100);
  seed.add(Registration, registrations, 80);
  await seed.write(dataSource, logger);
  logger.info(
    { events: events.length, speakers: speakers.length, registrations: registrations.length, calls: calls.length },
    'events demo data',
  );
  return true;
}

interface CallPlan {
  publisher: string;
  kind: CallKind;
  opensOn: string;
  deadline: string;
  datasetKeys: string[];
  hackathonKey?: string;
}

/** The calls of DEMO_CALLS: the two AMIs of the seeds, then ten calls of the campus and partners. */
function demoCalls(now: Date, faker: ReturnType<typeof seededFaker>): { calls: Call[]; callDatasets: CallDataset[]; expressions: ExpressionOfInterest[] } {
  const datasets = demoDatasetRefs();
  const publishers = [org('parisante-campus'), org('health-data-hub'), org('bpifrance'), org('medicen'), org('ans')];
  const plans: Record<string, CallPlan> = {
    'ami-cardio': { publisher: org('medicen'), kind: CallKind.AMI, opensOn: '2021-02-15', deadline: '2021-06-30T22:00:00Z', datasetKeys: ['cardio-registry', 'snds-pmsi'], hackathonKey: 'hackathon-cardio-2021' },
    'ami-breast-cancer': { publisher: org('medicen'), kind: CallKind.AMI, opensOn: '2022-05-02', deadline: '2022-09-15T22:00:00Z', datasetKeys: ['breast-cancer-imaging', 'constances'], hackathonKey: 'hackathon-breast-cancer-2022' },
    'call-real-world-evidence': { publisher: org('health-data-hub'), kind: CallKind.CHALLENGE, opensOn: '2023-02-01', deadline: '2023-05-15T22:00:00Z', datasetKeys: ['snds-main', 'snds-cepidc'], hackathonKey: 'hackathon-health-data-2023' },
  };
  const calls: Call[] = [];
  const callDatasets: CallDataset[] = [];
  const expressions: ExpressionOfInterest[] = [];
  const members = demoOrganizations().filter((o) => o.memberships.some((m) => m.ecosystem === 'MEDICEN'));
  DEMO_CALLS.forEach((demo, index) => {
    const year = 2023 + (index % 4);
    const plan = plans[demo.key] ?? {
      publisher: publishers[index % publishers.length]!,
      kind: index % 3 === 0 ? CallKind.CHALLENGE : CallKind.AAP,
      opensOn: `${year}-${String(1 + (index % 9)).padStart(2, '0')}-01`,
      deadline: `${year + (index % 2)}-${String(3 + (index % 9)).padStart(2, '0')}-30T21:59:00Z`,
      datasetKeys: [datasets[10 + index * 3]!.key, datasets[11 + index * 3]!.key],
    };
    const deadline = new Date(plan.deadline);
    const opens = new Date(`${plan.opensOn}T00:00:00Z`);
    const age = now.getTime() - deadline.getTime();
    const status =
      now < opens ? CallStatus.PLANNED
      : now <= deadline ? CallStatus.OPEN
      : age < 60 * 86400_000 ? CallStatus.CLOSED
      : age < 120 * 86400_000 ? CallStatus.EVALUATING
      : CallStatus.RESULTS_PUBLISHED;
    calls.push(Object.assign(new Call(), {
      id: demo.id,
      kind: plan.kind,
      title: demo.title,
      theme: demo.theme,
      description: null,
      publisherId: plan.publisher,
      ecosystemId: demoId('ecosystem', plan.publisher === org('medicen') ? 'MEDICEN' : 'PSC'),
      opensOn: plan.opensOn,
      deadline,
      status,
      followUpHackathonId: plan.hackathonKey ? demoId('event', plan.hackathonKey) : null,
      createdAt: new Date(opens.getTime() - 14 * 86400_000),
    }));
    for (const key of plan.datasetKeys) callDatasets.push(Object.assign(new CallDataset(), { callId: demo.id, datasetId: demoId('dataset', key) }));
    if (status !== CallStatus.PLANNED) {
      for (const applicant of faker.helpers.arrayElements(members, { min: 4, max: 14 })) {
        expressions.push(Object.assign(new ExpressionOfInterest(), {
          id: demoId('expression-of-interest', `${demo.key}:${applicant.key}`),
          callId: demo.id,
          organizationId: applicant.id,
          submittedById: demoPeople()[demoOrganizations().indexOf(applicant) % demoPeople().length]!.id,
          datasetIds: plan.datasetKeys.map((k) => demoId('dataset', k)).slice(0, 1 + (applicant.key.length % 2)),
          message: null,
          submittedAt: new Date(Math.min(deadline.getTime(), opens.getTime() + 20 * 86400_000)),
        }));
      }
    }
  });
  return { calls, callDatasets, expressions };
}

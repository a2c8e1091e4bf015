import { registerEnumType } from 'type-graphql';

/** What kind of event this is (schema.org Event subtypes and the seeds' event types). */
export enum EventKind {
  WEBINAR = 'WEBINAR',
  CONFERENCE = 'CONFERENCE',
  WORKSHOP = 'WORKSHOP',
  HACKATHON = 'HACKATHON',
  MEETUP = 'MEETUP',
  TRAINING_SESSION = 'TRAINING_SESSION',
  INTERNATIONAL_MISSION = 'INTERNATIONAL_MISSION',
  PITCH = 'PITCH',
  INFO_SESSION = 'INFO_SESSION',
  INAUGURATION = 'INAUGURATION',
}

/** schema.org eventStatus. */
export enum EventStatus {
  SCHEDULED = 'SCHEDULED',
  CANCELLED = 'CANCELLED',
  POSTPONED = 'POSTPONED',
  RESCHEDULED = 'RESCHEDULED',
  MOVED_ONLINE = 'MOVED_ONLINE',
}

/** schema.org eventAttendanceMode. */
export enum AttendanceMode {
  OFFLINE = 'OFFLINE',
  ONLINE = 'ONLINE',
  MIXED = 'MIXED',
}

registerEnumType(EventKind, {
  name: 'EventKind',
  description: 'What kind of event this is.',
  valuesConfig: {
    WEBINAR: { description: 'Online talk, e.g. the monthly MeetMyData webinar.' },
    CONFERENCE: { description: 'Thematic conference.' },
    WORKSHOP: { description: 'Hands-on workshop.' },
    HACKATHON: { description: 'Hackathon (schema.org Hackathon).' },
    MEETUP: { description: 'Informal meetup or networking event.' },
    TRAINING_SESSION: { description: 'Training session (in person or e-learning).' },
    INTERNATIONAL_MISSION: { description: 'Delegation or business mission abroad.' },
    PITCH: { description: 'Pitch session of start-ups.' },
    INFO_SESSION: { description: 'Information session, e.g. about a call for expressions of interest.' },
    INAUGURATION: { description: 'Inauguration or opening ceremony.' },
  },
});

registerEnumType(EventStatus, {
  name: 'EventStatus',
  description: 'Status of an event (schema.org eventStatus).',
  valuesConfig: {
    SCHEDULED: { description: 'Takes place as planned.' },
    CANCELLED: { description: 'Cancelled.' },
    POSTPONED: { description: 'Postponed to a date not yet known.' },
    RESCHEDULED: { description: 'Moved to a new date (start/end hold the new one).' },
    MOVED_ONLINE: { description: 'Was to take place in person, now online.' },
  },
});

registerEnumType(AttendanceMode, {
  name: 'AttendanceMode',
  description: 'How people attend (schema.org eventAttendanceMode).',
  valuesConfig: {
    OFFLINE: { description: 'In person only.' },
    ONLINE: { description: 'Online only.' },
    MIXED: { description: 'In person and online.' },
  },
});

import { type Labels } from '@ecosystem/shared';
import { type AttendanceMode, type EventKind, type EventStatus } from './event.enums';

/** What people read for the event list's codes, French first. */
export const EVENT_KIND_LABELS: Labels<EventKind> = {
  WEBINAR: { fr: 'Webinaire', en: 'Webinar' },
  CONFERENCE: { fr: 'Conférence', en: 'Conference' },
  WORKSHOP: { fr: 'Atelier', en: 'Workshop' },
  HACKATHON: { fr: 'Hackathon', en: 'Hackathon' },
  MEETUP: { fr: 'Rencontre', en: 'Meetup' },
  TRAINING_SESSION: { fr: 'Session de formation', en: 'Training session' },
  INTERNATIONAL_MISSION: { fr: 'Mission internationale', en: 'International mission' },
  PITCH: { fr: 'Session de pitch', en: 'Pitch session' },
  INFO_SESSION: { fr: 'Réunion d\u2019information', en: 'Information session' },
  INAUGURATION: { fr: 'Inauguration', en: 'Inauguration' },
};

export const EVENT_STATUS_LABELS: Labels<EventStatus> = {
  SCHEDULED: { fr: 'Programmé', en: 'Scheduled' },
  CANCELLED: { fr: 'Annulé', en: 'Cancelled' },
  POSTPONED: { fr: 'Reporté', en: 'Postponed' },
  RESCHEDULED: { fr: 'Reprogrammé', en: 'Rescheduled' },
  MOVED_ONLINE: { fr: 'Passé en ligne', en: 'Moved online' },
};

export const ATTENDANCE_MODE_LABELS: Labels<AttendanceMode> = {
  OFFLINE: { fr: 'Sur place', en: 'In person' },
  ONLINE: { fr: 'En ligne', en: 'Online' },
  MIXED: { fr: 'Hybride', en: 'Hybrid' },
};

/** Names of the languages events are held in (BCP 47 primary tags). */
export const LANGUAGE_LABELS: Labels = {
  fr: { fr: 'Français', en: 'French' },
  en: { fr: 'Anglais', en: 'English' },
  de: { fr: 'Allemand', en: 'German' },
  es: { fr: 'Espagnol', en: 'Spanish' },
  it: { fr: 'Italien', en: 'Italian' },
};

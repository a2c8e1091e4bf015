import { CallDataset } from './call/call-dataset.entity';
import { Call } from './call/call.entity';
import { ExpressionOfInterest } from './call/expression-of-interest.entity';
import { EventDataset } from './event/event-dataset.entity';
import { EventOrganizer } from './event/event-organizer.entity';
import { EventSpeaker } from './event/event-speaker.entity';
import { Event } from './event/event.entity';
import { CalendarFeed } from './calendar-feed/calendar-feed.entity';
import { Registration } from './registration/registration.entity';
import { EventSeries } from './series/series.entity';

export const eventsEntities = [
  Event,
  EventOrganizer,
  EventDataset,
  EventSpeaker,
  EventSeries,
  Call,
  CallDataset,
  ExpressionOfInterest,
  Registration,
  CalendarFeed,
];

import { EventDataset } from './event/event-dataset.entity';
import { EventOrganizer } from './event/event-organizer.entity';
import { Event } from './event/event.entity';

export const eventsEntities = [Event, EventOrganizer, EventDataset];

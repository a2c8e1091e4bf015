import { CampusProfile } from './campus-profile/campus-profile.entity';
import { EventLogistics } from './event-logistics/event-logistics.entity';

export const partnerEntities = [CampusProfile, EventLogistics];

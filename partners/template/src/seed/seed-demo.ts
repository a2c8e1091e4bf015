import { demoId, demoOrganization, demoOrganizations, type Logger } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { CampusProfile } from '../campus-profile/campus-profile.entity';
import { EventLogistics } from '../event-logistics/event-logistics.entity';

/** Residents of the demo campus: real campus members by key, and a few synthetic start-ups. */
const RESIDENT_KEYS = ['health-data-hub', 'inria', 'inserm', 'doctolib'];

/** Fills an empty database with the demo campus's data (ids from the shared demo references). */
export async function seedPartnerDemo(dataSource: DataSource, logger: Logger): Promise<boolean> {
  if ((await dataSource.getRepository(CampusProfile).count()) > 0) return false;
  const known = new Set(demoOrganizations().map((o) => o.key));
  const residents = RESIDENT_KEYS.filter((key) => known.has(key)).map((key, i) => ({
    organizationId: demoOrganization(key).id,
    resident: true,
    building: `Bâtiment ${String.fromCharCode(65 + i)}`,
    localProgramme: i % 2 === 0 ? 'Incubateur du campus' : null,
    sinceYear: 2021 + i,
  }));
  const startups = demoOrganizations()
    .filter((o) => o.kind === 'STARTUP')
    .slice(0, 10)
    .map((o, i) => ({ organizationId: o.id, resident: i % 3 === 0, building: null, localProgramme: 'Accélérateur', sinceYear: 2022 }));
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(CampusProfile).insert([...residents, ...startups]);
    await manager.getRepository(EventLogistics).insert([
      { eventId: demoId('event', 'ads-psc-joint-conference-2022'), room: 'Amphithéâtre', localSeats: 120, streamingUrl: null },
    ]);
  });
  logger.info({ profiles: residents.length + startups.length }, 'partner demo data seeded');
  return true;
}

import { Initial1795464763801 } from './1795464763801-Initial';

/** Migrations in the order they run. */
export const partnerMigrations = [Initial1795464763801];

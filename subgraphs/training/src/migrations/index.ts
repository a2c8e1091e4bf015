import { Initial1795464413997 } from './1795464413997-Initial';
/** Migrations in the order they run; `npm run migration:generate -- training <Name>` adds one. */
export const trainingMigrations = [Initial1795464413997];

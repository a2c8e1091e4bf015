import { Initial1795465266045 } from './1795465266045-Initial';
/** Migrations in the order they run; `npm run migration:generate -- events <Name>` adds one. */
export const eventsMigrations = [Initial1795465266045];

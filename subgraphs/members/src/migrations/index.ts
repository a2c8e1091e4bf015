import { Initial1795464374974 } from './1795464374974-Initial';
/** Migrations in the order they run; `npm run migration:generate -- members <Name>` adds one. */
export const membersMigrations = [Initial1795464374974];

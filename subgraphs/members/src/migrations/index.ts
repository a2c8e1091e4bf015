import { Initial1795465021097 } from './1795465021097-Initial';
/** Migrations in the order they run; `npm run migration:generate -- members <Name>` adds one. */
export const membersMigrations = [Initial1795465021097];

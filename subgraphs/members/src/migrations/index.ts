import { Initial1795463855340 } from './1795463855340-Initial';
/** Migrations in the order they run; `npm run migration:generate -- members <Name>` adds one. */
export const membersMigrations = [Initial1795463855340];

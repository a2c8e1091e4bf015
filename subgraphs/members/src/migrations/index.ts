import { Initial1795464697046 } from './1795464697046-Initial';
/** Migrations in the order they run; `npm run migration:generate -- members <Name>` adds one. */
export const membersMigrations = [Initial1795464697046];

import { Initial1795464885338 } from './1795464885338-Initial';
/** Migrations in the order they run; `npm run migration:generate -- events <Name>` adds one. */
export const eventsMigrations = [Initial1795464885338];

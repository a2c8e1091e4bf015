import { Initial1795464745539 } from './1795464745539-Initial';
/** Migrations in the order they run; `npm run migration:generate -- datasets <Name>` adds one. */
export const datasetsMigrations = [Initial1795464745539];

import { Initial1795465170062 } from './1795465170062-Initial';
import { DomainTitleEn1796601600000 } from './1796601600000-DomainTitleEn';
/** Migrations in the order they run; `npm run migration:generate -- training <Name>` adds one. */
export const trainingMigrations = [Initial1795465170062, DomainTitleEn1796601600000];

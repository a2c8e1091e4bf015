import { Initial1795465170062 } from './1795465170062-Initial';
import { DomainTitleEn1796601600000 } from './1796601600000-DomainTitleEn';
import { ModuleTitleEn1796688000000 } from './1796688000000-ModuleTitleEn';
/** Migrations in the order they run; `npm run migration:generate -- training <Name>` adds one. */
export const trainingMigrations = [Initial1795465170062, DomainTitleEn1796601600000, ModuleTitleEn1796688000000];

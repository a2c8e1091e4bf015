import { DirectorySearchTerms1795472487531 } from './1795472487531-DirectorySearchTerms';
import { Initial1795465734174 } from './1795465734174-Initial';
/** Migrations in the order they run; `npm run migration:generate -- members <Name>` adds one. */
export const membersMigrations = [Initial1795465734174, DirectorySearchTerms1795472487531];

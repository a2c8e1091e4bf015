import { RegistryInitial1795464630227 } from './1795464630227-RegistryInitial';

/** Migrations of the gateway's registry database, in order. */
export const registryMigrations = [RegistryInitial1795464630227];

export { installStandardExports, STANDARD_EXPORT_ROUTES, type StandardExportRoute } from './standard-exports';

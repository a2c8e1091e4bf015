import { envBoolean } from '@ecosystem/shared';
import { z } from 'zod';

/** Settings of the analysts' and frontend teams' features: playground, CSV export, example pages. */
export const analystEnvSchema = z.object({
  /** Serve GraphiQL to browsers at GET /graphql and /playground. Default: on wherever introspection is on. */
  PLAYGROUND: envBoolean.optional(),
  /** Folder of the playground's example operations (`*.graphql`). Default: gateway/examples. */
  PLAYGROUND_EXAMPLES_DIR: z.string().optional(),
  /** Serve the CSV export at /export.csv. @default true */
  CSV_EXPORT: envBoolean.default(true),
  /** Most rows one CSV export writes (later rows are left out; see the X-Export-Truncated header). @default 100000 */
  CSV_EXPORT_MAX_ROWS: z.coerce.number().int().min(1).default(100_000),
  /** Most pages one CSV export fetches when it follows a connection (`all=true`). @default 500 */
  CSV_EXPORT_MAX_PAGES: z.coerce.number().int().min(1).default(500),
  /** Serve the example frontend pages of examples/ under /examples/. Default: on outside production. */
  EXAMPLE_PAGES: envBoolean.optional(),
});

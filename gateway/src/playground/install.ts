import { type Logger } from '@ecosystem/shared';
import { type FastifyInstance } from 'fastify';
import { type GatewayConfig } from '../config';
import { installCsvExport } from '../export/csv-export';
import { type GatewayHook } from '../http/hooks';
import { installExamplePages } from './example-pages';
import { installPlayground } from './playground-router';

/** Where the CSV export answers. */
export const CSV_EXPORT_PATH = '/export.csv';

/**
 * The analysts' features on the gateway's app: GraphiQL for browsers at GET /graphql and /playground, the
 * CSV export at /export.csv, and the example frontend pages under /examples/. Answers the step
 * GET /graphql runs first (the playground only answers browsers' GETs; everything else goes on),
 * or undefined without a playground.
 */
export function installAnalystFeatures(
  app: FastifyInstance,
  config: Pick<
    GatewayConfig,
    'API_KEY_HEADER' | 'CSV_EXPORT' | 'CSV_EXPORT_MAX_PAGES' | 'CSV_EXPORT_MAX_ROWS' | 'EXAMPLE_PAGES' | 'PLAYGROUND' | 'PLAYGROUND_EXAMPLES_DIR' | 'introspection' | 'production'
  >,
  logger: Logger,
  /** /graphql's checks of a body (nesting), which the export's POST shares; the body itself is read by the app's parser. */
  bodyChecks: GatewayHook[],
): GatewayHook | undefined {
  const playground =
    (config.PLAYGROUND ?? config.introspection)
      ? installPlayground(app, {
          endpoint: '/graphql',
          examplesDir: config.PLAYGROUND_EXAMPLES_DIR,
          exportUrl: config.CSV_EXPORT ? CSV_EXPORT_PATH : undefined,
        })
      : undefined;
  if (config.CSV_EXPORT) {
    installCsvExport(app, {
        path: CSV_EXPORT_PATH,
        graphqlPath: '/graphql',
        maxRows: config.CSV_EXPORT_MAX_ROWS,
        maxPages: config.CSV_EXPORT_MAX_PAGES,
        apiKeyHeader: config.API_KEY_HEADER,
      bodyChecks,
      logger: logger.child({ component: 'csv-export' }),
    });
  }
  if (config.EXAMPLE_PAGES ?? !config.production) installExamplePages(app);
  return playground;
}

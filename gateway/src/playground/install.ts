import { type Logger } from '@ecosystem/shared';
import { type ErrorRequestHandler, type Express, type RequestHandler } from 'express';
import { type GatewayConfig } from '../config';
import { createCsvExportRouter } from '../export/csv-export';
import { createExamplePagesRouter } from './example-pages';
import { createPlaygroundRouter } from './playground-router';

/** Where the CSV export answers. */
export const CSV_EXPORT_PATH = '/export.csv';

/**
 * The analysts' features on the gateway's express app: GraphiQL for browsers at GET /graphql and /playground, the
 * CSV export at /export.csv, and the example frontend pages under /examples/. Mount before the
 * /graphql handler (the playground only answers browsers' GETs; everything else falls through).
 */
export function installAnalystFeatures(
  app: Express,
  config: Pick<
    GatewayConfig,
    'API_KEY_HEADER' | 'CSV_EXPORT' | 'CSV_EXPORT_MAX_PAGES' | 'CSV_EXPORT_MAX_ROWS' | 'EXAMPLE_PAGES' | 'PLAYGROUND' | 'PLAYGROUND_EXAMPLES_DIR' | 'introspection' | 'production'
  >,
  logger: Logger,
  /** /graphql's body handling (size limit and refusals), which the export's POST shares. */
  bodyParser: (RequestHandler | ErrorRequestHandler)[],
): void {
  if (config.PLAYGROUND ?? config.introspection) {
    app.use(
      createPlaygroundRouter({
        endpoint: '/graphql',
        examplesDir: config.PLAYGROUND_EXAMPLES_DIR,
        exportUrl: config.CSV_EXPORT ? CSV_EXPORT_PATH : undefined,
      }),
    );
  }
  if (config.CSV_EXPORT) {
    app.use(
      createCsvExportRouter({
        path: CSV_EXPORT_PATH,
        graphqlPath: '/graphql',
        maxRows: config.CSV_EXPORT_MAX_ROWS,
        maxPages: config.CSV_EXPORT_MAX_PAGES,
        apiKeyHeader: config.API_KEY_HEADER,
        bodyParser,
        logger: logger.child({ component: 'csv-export' }),
      }),
    );
  }
  if (config.EXAMPLE_PAGES ?? !config.production) app.use(createExamplePagesRouter());
}

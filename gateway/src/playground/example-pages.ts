import { existsSync } from 'node:fs';
import { join } from 'node:path';
import express, { Router } from 'express';

/** The repository's examples/ folder (frontend examples), from gateway/src|dist/playground. */
export const DEFAULT_EXAMPLE_PAGES_DIR = join(__dirname, '..', '..', '..', 'examples');

/**
 * Serves the example frontend pages (examples/) as static files under /examples/, same origin as
 * /graphql so that they need no CORS. TypeScript sources are not served, only what a browser runs.
 */
export function createExamplePagesRouter(dir: string = DEFAULT_EXAMPLE_PAGES_DIR): Router {
  const router = Router();
  if (!existsSync(dir)) return router;
  router.use('/examples', (req, res, next) => {
    if (/\.(ts|map|json)$/.test(req.path) || req.path.includes('/node_modules/')) {
      res.status(404).type('text').send('Not found');
      return;
    }
    next();
  });
  router.use('/examples', express.static(dir, { index: 'index.html', fallthrough: true, redirect: true }));
  return router;
}

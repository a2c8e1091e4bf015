import { createReadStream } from 'node:fs';
import { type Request, type Response, Router } from 'express';
import { loadExampleOperations, type ExampleOperation } from './examples';
import { playgroundAssets } from './assets';
import { PLAYGROUND_CSP, renderPlaygroundPage } from './playground-page';

export interface PlaygroundOptions {
  /** The GraphQL path the page is served on (content negotiation) and talks to. @default '/graphql' */
  endpoint?: string;
  /** Folder of the example operations (`*.graphql`). @default gateway/examples */
  examplesDir?: string;
  /** CSV export path, mentioned on the page. */
  exportUrl?: string;
}

/** The path under which assets and the examples collection are served. */
export const PLAYGROUND_PATH = '/playground';

/**
 * A browser's GET (its Accept puts text/html first) gets the page; API clients (Accept: JSON, any
 * type, or none) and every POST keep getting GraphQL.
 */
export function wantsHtml(req: Request): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!req.headers.accept) return false;
  return req.accepts(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/**
 * GraphiQL for browsers at GET /graphql (and /playground), assets and example operations under
 * /playground. Mount before the GraphQL handler: anything that is not for the page falls through.
 */
export function createPlaygroundRouter(options: PlaygroundOptions = {}): Router {
  const endpoint = options.endpoint ?? '/graphql';
  const assets = playgroundAssets();
  const examples: ExampleOperation[] = loadExampleOperations(options.examplesDir);
  const page = renderPlaygroundPage({
    endpoint,
    assetsPath: `${PLAYGROUND_PATH}/assets`,
    examplesUrl: `${PLAYGROUND_PATH}/examples.json`,
    exportUrl: options.exportUrl,
  });
  const router = Router();

  const sendPage = (res: Response): void => {
    res.setHeader('content-security-policy', PLAYGROUND_CSP);
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('vary', 'Accept');
    res.type('html').send(page);
  };

  router.get(endpoint, (req, res, next) => {
    // The same URL answers HTML or JSON by Accept: caches must keep them apart.
    res.vary('Accept');
    if (!wantsHtml(req)) {
      next();
      return;
    }
    sendPage(res);
  });
  router.get(PLAYGROUND_PATH, (_req, res) => sendPage(res));
  router.get(`${PLAYGROUND_PATH}/examples.json`, (_req, res) => {
    res.setHeader('cache-control', 'no-cache');
    res.json(examples);
  });
  router.get(`${PLAYGROUND_PATH}/assets/:name`, (req, res) => {
    const resolve = assets[req.params.name];
    if (!resolve) {
      res.status(404).type('text').send('Not found');
      return;
    }
    let asset;
    try {
      asset = resolve();
    } catch {
      res.status(404).type('text').send('Not installed');
      return;
    }
    res.setHeader('content-type', asset.contentType);
    res.setHeader('cache-control', 'public, max-age=3600');
    res.setHeader('x-content-type-options', 'nosniff');
    const stream = createReadStream(asset.file);
    stream.on('error', () => {
      if (!res.headersSent) res.status(404).type('text').send('Not found');
      else res.destroy();
    });
    stream.pipe(res);
  });
  return router;
}

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type FastifyInstance } from 'fastify';

/** The repository's examples/ folder (frontend examples), from gateway/src|dist/playground. */
export const DEFAULT_EXAMPLE_PAGES_DIR = join(__dirname, '..', '..', '..', 'examples');

/**
 * Serves the example frontend pages (examples/) as static files under /examples/, same origin as
 * /graphql so that they need no CORS. TypeScript sources are not served, only what a browser runs.
 */
export function installExamplePages(app: FastifyInstance, dir: string = DEFAULT_EXAMPLE_PAGES_DIR): void {
  if (!existsSync(dir)) return;
  void app.register(async (scope) => {
    scope.addHook('onRequest', (request, reply, done) => {
      const [path = '', query] = request.url.split('?');
      if (/\.(ts|map|json)$/.test(path) || path.includes('/node_modules/')) {
        reply.code(404).type('text/plain; charset=utf-8').send('Not found');
        return;
      }
      // A page's folder without its slash: its relative links (style.css, js/app.js) need the slash.
      // @fastify/static's own redirect loops under the gateway's ignoreTrailingSlash, which
      // hands it the path without the slash either way.
      if (!path.endsWith('/') && !/\.[^/]*$/.test(path)) {
        void reply.redirect(`${path}/${query === undefined ? '' : `?${query}`}`, 301);
        return;
      }
      done();
    });
    // One route per file (wildcard off): a folder's index.html is served at the folder's path.
    await scope.register(fastifyStatic, { root: dir, prefix: '/examples/', index: 'index.html', redirect: false, wildcard: false });
  });
}

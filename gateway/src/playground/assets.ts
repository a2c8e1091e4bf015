import { dirname, join } from 'node:path';

/** A file the playground page loads, served by the gateway itself (never from a CDN). */
export interface PlaygroundAsset {
  /** Absolute path on disk. */
  file: string;
  contentType: string;
}

function fromPackage(pkg: string, relative: string): string {
  // Every package here exports ./package.json, so its folder can be found whatever the hoisting.
  return join(dirname(require.resolve(`${pkg}/package.json`)), relative);
}

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** gateway/playground: the page's own script and style. */
export const PLAYGROUND_STATIC_DIR = join(__dirname, '..', '..', 'playground');

/**
 * The playground's assets by URL name: React 18 and GraphiQL 4 as UMD builds (no bundler), the
 * explorer plugin, and the page's own script and style. Resolved lazily so that a missing package
 * fails the asset, not the gateway.
 */
export function playgroundAssets(): Record<string, () => PlaygroundAsset> {
  return {
    'react.production.min.js': () => ({ file: fromPackage('react', 'umd/react.production.min.js'), contentType: JS }),
    'react-dom.production.min.js': () => ({ file: fromPackage('react-dom', 'umd/react-dom.production.min.js'), contentType: JS }),
    'graphiql.min.js': () => ({ file: fromPackage('graphiql', 'dist/index.umd.js'), contentType: JS }),
    'graphiql.min.css': () => ({ file: fromPackage('graphiql', 'dist/style.css'), contentType: CSS }),
    'plugin-explorer.umd.js': () => ({ file: fromPackage('@graphiql/plugin-explorer', 'dist/index.umd.js'), contentType: JS }),
    'plugin-explorer.css': () => ({ file: fromPackage('@graphiql/plugin-explorer', 'dist/style.css'), contentType: CSS }),
    'playground.js': () => ({ file: join(PLAYGROUND_STATIC_DIR, 'playground.js'), contentType: JS }),
    'playground.css': () => ({ file: join(PLAYGROUND_STATIC_DIR, 'playground.css'), contentType: CSS }),
  };
}

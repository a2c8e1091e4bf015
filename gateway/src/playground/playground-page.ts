/** Options of the playground page. */
export interface PlaygroundPageOptions {
  /** GraphQL endpoint the page talks to (same origin). */
  endpoint: string;
  /** Where the assets are served, e.g. `/playground/assets`. */
  assetsPath: string;
  /** URL of the examples collection (JSON). */
  examplesUrl: string;
  /** CSV export endpoint, shown in the page's help; absent when export is off. */
  exportUrl?: string;
}

function escapeJsonForHtml(value: unknown): string {
  // A JSON island inside <script type="application/json">: keep "</script>" and friends inert.
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

/**
 * The HTML of the playground: GraphiQL 4 on React 18 (UMD builds), every asset from this gateway.
 * No inline script runs (the configuration is a JSON island), so a strict CSP can forbid other hosts.
 */
export function renderPlaygroundPage(options: PlaygroundPageOptions): string {
  const a = (name: string): string => `${options.assetsPath}/${name}`;
  return `<!doctype html>
<html lang="fr">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Ecosystem graph · GraphQL playground</title>
  <link rel="icon" href="data:,">
  <link rel="stylesheet" href="${a('graphiql.min.css')}">
  <link rel="stylesheet" href="${a('plugin-explorer.css')}">
  <link rel="stylesheet" href="${a('playground.css')}">
</head>
<body>
  <div id="graphiql"><p class="playground-loading">Chargement… / Loading…</p></div>
  <script type="application/json" id="playground-config">${escapeJsonForHtml(options)}</script>
  <script src="${a('react.production.min.js')}"></script>
  <script src="${a('react-dom.production.min.js')}"></script>
  <script src="${a('graphiql.min.js')}"></script>
  <script src="${a('plugin-explorer.umd.js')}"></script>
  <script src="${a('playground.js')}"></script>
</body>
</html>
`;
}

/**
 * The page's Content-Security-Policy: everything from this origin only (the browser itself then
 * refuses any request to another host). GraphiQL sets inline styles and embeds fonts as data: URLs.
 */
export const PLAYGROUND_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

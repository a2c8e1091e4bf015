import {
  IDENTITY_HEADER,
  type IdentityTokenOptions,
  REQUEST_ID_HEADER,
  requestIdFrom,
  signIdentityToken,
  type Logger,
  type Viewer,
} from '@ecosystem/shared';
import { type Express, type RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';

/** A standard export that a subgraph serves beside /graphql and the gateway's host exposes too. */
export interface StandardExportRoute {
  /** Path patterns as the owning subgraph serves them. */
  paths: string[];
  subgraph: string;
  description: string;
}

/** The exports of DOMAIN.md §4 that the subgraphs serve (see each subgraph's README). */
export const STANDARD_EXPORT_ROUTES: StandardExportRoute[] = [
  { paths: ['/catalogue', '/catalogues/*id', '/datasets/*id'], subgraph: 'datasets', description: 'DCAT-AP / HealthDCAT-AP JSON-LD' },
  { paths: ['/ical/*file'], subgraph: 'events', description: 'iCalendar (RFC 5545) feeds' },
  { paths: ['/jsonld/*path', '/jsonld'], subgraph: 'training', description: 'schema.org Course / CourseInstance JSON-LD' },
];

export interface StandardExportOptions {
  /** Where each core subgraph's GraphQL endpoint is; exports live on the same origin. */
  subgraphs: { name: string; url: string }[];
  viewerFrom: (authorization: string | undefined) => Promise<Viewer | null>;
  internalJwtSecret: string;
  identityTtlSeconds: number;
  claimsFor: (subgraph: string) => IdentityTokenOptions['claims'];
  logger: Logger;
}

/**
 * Proxies the standard exports (GET/HEAD only) to the subgraph that owns them, so that one host
 * serves the graph and its exports. The caller's identity is verified here and passed on the same
 * way as for GraphQL fetches (a token for that subgraph only); a forged identity header is dropped.
 */
export function installStandardExports(app: Express, options: StandardExportOptions): void {
  for (const route of STANDARD_EXPORT_ROUTES) {
    const graphqlUrl = options.subgraphs.find((s) => s.name === route.subgraph)?.url;
    if (!graphqlUrl) continue;
    const identify: RequestHandler = (req, res, next) => {
      res.locals.requestId = requestIdFrom(req.headers[REQUEST_ID_HEADER]);
      options
        .viewerFrom(req.header('authorization'))
        .then(async (viewer) => {
          if (viewer) {
            res.locals.identityToken = await signIdentityToken(viewer, {
              secret: options.internalJwtSecret,
              audience: route.subgraph,
              ttlSeconds: options.identityTtlSeconds,
              claims: options.claimsFor(route.subgraph),
            });
          }
          next();
        })
        .catch((error: unknown) => {
          res.status(401).json({ error: (error as Error).message, code: 'UNAUTHENTICATED' });
        });
    };
    const proxy = createProxyMiddleware({
      target: new URL(graphqlUrl).origin,
      changeOrigin: true,
      proxyTimeout: 30_000,
      on: {
        proxyReq: (proxyReq, _req, res) => {
          const locals = (res as unknown as { locals: Record<string, string | undefined> }).locals;
          proxyReq.removeHeader(IDENTITY_HEADER);
          proxyReq.removeHeader('authorization');
          proxyReq.setHeader(REQUEST_ID_HEADER, locals.requestId ?? '');
          if (locals.identityToken) proxyReq.setHeader(IDENTITY_HEADER, locals.identityToken);
        },
        error: (error, _req, res) => {
          options.logger.warn({ err: error, subgraph: route.subgraph }, 'standard export proxy failed');
          if ('headersSent' in res && !res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: 'The subgraph serving this export is unavailable', code: 'BAD_GATEWAY' }));
          }
        },
      },
    });
    // Express strips a mount path from req.url; a route keeps it, so the subgraph sees its own path.
    app.get(route.paths, identify, proxy);
    app.head(route.paths, identify, proxy);
  }
}

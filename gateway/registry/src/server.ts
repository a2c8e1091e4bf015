import { timingSafeEqual } from 'node:crypto';
import { join, resolve } from 'node:path';
import {
  httpAppOptions,
  installRequestBasics,
  installRequestBodies,
  listen,
  type Logger,
  pathOf,
  type RunningServer,
  sendHttpError,
  serveOptions,
  type Viewer,
} from '@ecosystem/shared';
import Fastify, { type FastifyInstance } from 'fastify';
import { adminApi, adminApiErrors } from './admin-api';
import { Registry } from './registry';
import { type RegistryEnv } from './registry-env';
import { CoreSupergraphManager, supergraphHash } from './supergraph/core-supergraph';

export interface RegistryServerOptions {
  config: RegistryEnv & {
    STARTUP_COMPOSE_TIMEOUT_MS: number;
    subgraphs: { name: string; url: string }[];
  };
  /** The core supergraph composed at build time, served while a core subgraph does not answer. */
  shippedSupergraphFile?: string;
  /** Verifies an admin's `Authorization` header (the gateway's own verifier: one way to verify callers). */
  viewerFrom: (authorizationHeader: string | undefined) => Promise<Viewer | null>;
  logger: Logger;
}

export interface RegistryServer {
  /** Its routes; ready once listen() is called. */
  app: FastifyInstance;
  registry: Registry;
  supergraph: CoreSupergraphManager;
  /** Opens the database and composes (or loads) the supergraph; /ready answers 200 after it. */
  start(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
}

/** Whether `header` is `Bearer <token>` (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(header?.trim() ?? '')?.[1] ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The registry as its own process: the admin API (`/admin`, what the `subgraph` and `supergraph` CLIs
 * call) and `GET /supergraph`, the accepted supergraph being served, which gateways started with
 * REGISTRY_URL follow. It composes the core subgraphs as a gateway with an in-process registry does,
 * and serves no GraphQL.
 */
export function createRegistryServer(options: RegistryServerOptions): RegistryServer {
  const { config, logger } = options;
  const registry = new Registry({ config, logger });
  const supergraph = new CoreSupergraphManager({
    subgraphs: config.subgraphs,
    supergraphFile: join(resolve(config.DATA_DIR), 'supergraph.graphql'),
    logger,
    ...(options.shippedSupergraphFile ? { shippedSupergraphFile: options.shippedSupergraphFile } : {}),
    startupTimeoutMs: config.STARTUP_COMPOSE_TIMEOUT_MS,
    store: registry,
    pollIntervalMs: config.REGISTRY_POLL_INTERVAL_MS,
  });
  registry.attach(supergraph);
  let cleanup: (() => Promise<void>) | undefined;

  // Fastify sends no X-Powered-By. What every process answers before a route does, as the gateway:
  // the request id (x-request-id, and requestId in every error body), the router's refusals,
  // OPTIONS, request bodies (Content-Encoding, UTF-8 JSON) refused in the admin API's error body.
  const app = Fastify({ logger: false, ...httpAppOptions(), routerOptions: { ignoreTrailingSlash: true, caseSensitive: false } });
  installRequestBasics(app);
  serveOptions(app);
  void installRequestBodies(app);
  app.setErrorHandler(adminApiErrors(logger));
  app.setNotFoundHandler((req, res) => sendHttpError(res, 404, 'NOT_FOUND', `${req.method} ${pathOf(req)} is not served here`));
  app.get('/health', (_req, res) => res.send({ status: 'ok', service: 'registry' }));
  app.get('/ready', (_req, res) => {
    const ready = supergraph.serving !== undefined;
    return res.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not ready', service: 'registry' });
  });
  // The SDL names every subgraph's URL: only gateways holding REGISTRY_TOKEN read it, when it is set.
  app.get('/supergraph', (req, res) => {
    if (config.REGISTRY_TOKEN && !bearerMatches(req.headers.authorization, config.REGISTRY_TOKEN)) {
      sendHttpError(res, 401, 'UNAUTHENTICATED', 'GET /supergraph needs `Authorization: Bearer <REGISTRY_TOKEN>`');
      return res;
    }
    const serving = supergraph.serving;
    if (!serving) {
      sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', 'The registry has no supergraph yet');
      return res;
    }
    const etag = `"${supergraphHash(serving.sdl)}"`;
    res.header('etag', etag).header('x-supergraph-version', String(serving.version)).header('cache-control', 'no-cache');
    if (req.headers['if-none-match'] === etag) return res.code(304).send();
    return res.type('text/plain; charset=utf-8').send(serving.sdl);
  });
  void app.register(adminApi, { prefix: '/admin', registry: () => registry.services, viewerFrom: options.viewerFrom, logger });

  return {
    app,
    registry,
    supergraph,
    async start() {
      await registry.open();
      // No gateway consumes the swaps here: an accepted supergraph is served at GET /supergraph.
      ({ cleanup } = await supergraph.initialize({ update: () => undefined }));
    },
    async listen(port, host = '0.0.0.0') {
      await app.ready();
      const running = await listen((req, res) => app.routing(req, res), port, host);
      return {
        ...running,
        close: async () => {
          await running.close();
          await cleanup?.();
          await registry.close();
        },
      };
    },
  };
}

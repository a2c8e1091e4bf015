import {
  acceptsIgnoringParameters,
  IDENTITY_HEADER,
  type JsonLdDocument,
  negotiateRdfFormat,
  RDF_EXTENSIONS,
  RDF_MEDIA_TYPES,
  serialiseRdf,
  splitRdfExtension,
  REQUEST_ID_HEADER,
  requestIdFrom,
  sendHttpError,
  type Logger,
  type Viewer,
} from '@ecosystem/shared';
import { type Express, type RequestHandler } from 'express';
import { createProxyMiddleware } from 'http-proxy-middleware';
import { beginRequest, requestState } from '../context';
import { type IdentityTokenSigner } from '../security/identity';
import { AGENT_ENTITIES_QUERY, type AgentEntity, agentRepresentations, agentsIn, nameAgents } from './agent-names';

/** A standard export that a subgraph serves beside /graphql and the gateway's host exposes too. */
export interface StandardExportRoute {
  /** Path patterns as the owning subgraph serves them. */
  paths: string[];
  subgraph: string;
  description: string;
  /**
   * `rdf`: a JSON-LD document whose organisations and people the gateway names from the graph,
   * then serialises as the caller asks (JSON-LD, Turtle, RDF/XML); `proxy`: passed through as is.
   */
  kind: 'rdf' | 'proxy';
}

/** The exports of DOMAIN.md §4 that the subgraphs serve (see each subgraph's README). */
export const STANDARD_EXPORT_ROUTES: StandardExportRoute[] = [
  {
    paths: ['/catalogue', '/catalogue.jsonld', '/catalogue.ttl', '/catalogue.rdf', '/catalogues/:id', '/datasets/:id'],
    subgraph: 'datasets',
    description: 'DCAT-AP / HealthDCAT-AP (JSON-LD, Turtle, RDF/XML)',
    kind: 'rdf',
  },
  { paths: ['/ical/*file'], subgraph: 'events', description: 'iCalendar (RFC 5545) feeds', kind: 'proxy' },
  {
    paths: ['/jsonld/events', '/jsonld/events/:id', '/jsonld/series/:id'],
    subgraph: 'events',
    description: 'schema.org Event / EventSeries JSON-LD',
    kind: 'rdf',
  },
  {
    paths: ['/jsonld/modules', '/jsonld/modules/:id'],
    subgraph: 'training',
    description: 'schema.org Course / CourseInstance JSON-LD',
    kind: 'rdf',
  },
];

/** The subgraph that owns Organization and Person, asked for the names of the agents of an export. */
const AGENTS_SUBGRAPH = 'members';

export interface StandardExportOptions {
  /**
   * Where a subgraph's GraphQL endpoint is, routed as the gateway's queries are (the served supergraph
   * decides, asked at each request); undefined when the supergraph has no such subgraph. Exports live
   * on the same origin.
   */
  subgraphUrl(name: string): string | undefined;
  viewerFrom: (authorization: string | undefined) => Promise<Viewer | null>;
  /** Signs the caller's identity for the subgraph asked (as for GraphQL fetches). */
  identity: IdentityTokenSigner;
  logger: Logger;
}

/** The identity token of a proxied export request, signed before the proxy writes its headers. */
const proxiedTokens = new WeakMap<object, string>();

/**
 * Proxies the standard exports (GET/HEAD only) to the subgraph that owns them, so that one host
 * serves the graph and its exports. The caller's identity is verified here and passed on the same
 * way as for GraphQL fetches (a token for that subgraph only); a forged identity header is dropped.
 */
export function installStandardExports(app: Express, options: StandardExportOptions): void {
  for (const route of STANDARD_EXPORT_ROUTES) {
    const identify: RequestHandler = (req, res, next) => {
      const state = beginRequest(req, requestIdFrom(req.headers[REQUEST_ID_HEADER]));
      if (!options.subgraphUrl(route.subgraph)) {
        sendHttpError(res, 404, 'NOT_FOUND', `${req.path} is served by the ${route.subgraph} subgraph, which this gateway's supergraph does not include`);
        return;
      }
      options
        .viewerFrom(req.header('authorization'))
        .then(async (viewer) => {
          state.viewer = viewer;
          const token = viewer ? await options.identity.tokenFor(viewer, route.subgraph) : undefined;
          if (token) proxiedTokens.set(req, token);
          next();
        })
        .catch((error: unknown) => {
          sendHttpError(res, 401, 'UNAUTHENTICATED', (error as Error).message);
        });
    };
    if (route.kind === 'rdf') {
      const serve = rdfExport(route, options);
      app.get(route.paths, identify, serve);
      app.head(route.paths, identify, serve);
      continue;
    }
    const proxy = createProxyMiddleware({
      // At each request: a new supergraph may route the subgraph elsewhere (`identify` checked it has a URL).
      router: () => new URL(options.subgraphUrl(route.subgraph)!).origin,
      changeOrigin: true,
      proxyTimeout: 30_000,
      on: {
        proxyReq: (proxyReq, req) => {
          proxyReq.removeHeader(IDENTITY_HEADER);
          proxyReq.removeHeader('authorization');
          proxyReq.setHeader(REQUEST_ID_HEADER, requestState(req)?.requestId ?? '');
          const token = proxiedTokens.get(req);
          if (token) proxyReq.setHeader(IDENTITY_HEADER, token);
        },
        error: (error, _req, res) => {
          options.logger.warn({ err: error, subgraph: route.subgraph }, 'standard export proxy failed');
          if ('headersSent' in res && !res.headersSent) {
            res.writeHead(502, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'BAD_GATEWAY', message: 'The subgraph serving this export is unavailable' } }));
          }
        },
      },
    });
    // Express strips a mount path from req.url; a route keeps it, so the subgraph sees its own path.
    app.get(route.paths, identify, proxy);
    app.head(route.paths, identify, proxy);
  }
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string }[];
}

/**
 * Serves an RDF export: the subgraph's JSON-LD, its agents named from the graph, in the format the
 * caller asks for (extension, then Accept). A missing name is logged, not fatal: the document stays
 * valid RDF and the rest of the export is served.
 */
function rdfExport(route: StandardExportRoute, options: StandardExportOptions): RequestHandler {
  return (req, res) => {
    const state = requestState(req);
    const graphqlUrl = options.subgraphUrl(route.subgraph);
    const membersUrl = options.subgraphUrl(AGENTS_SUBGRAPH);
    const [path, extension] = splitRdfExtension(req.path);
    // One format extension only: `<id>.ttl.jsonld` names no document (the subgraph would read the
    // rest as `<id>.ttl` and answer Turtle where JSON-LD is expected).
    if (extension && splitRdfExtension(path)[1]) {
      sendHttpError(res, 404, 'NOT_FOUND', `${req.path} was not found: give one format extension (${Object.keys(RDF_EXTENSIONS).join(', ')})`);
      return;
    }
    const format = negotiateRdfFormat(extension, acceptsIgnoringParameters(req));
    res.vary('Accept');
    if (!format) {
      sendHttpError(res, 406, 'NOT_ACCEPTABLE', `Available as ${Object.values(RDF_MEDIA_TYPES).join(', ')}`);
      return;
    }
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?')) : '';
    const headersFor = async (subgraph: string): Promise<Record<string, string>> => {
      const headers: Record<string, string> = { [REQUEST_ID_HEADER]: state?.requestId ?? '' };
      const token = state?.viewer ? await options.identity.tokenFor(state.viewer, subgraph) : undefined;
      if (token) headers[IDENTITY_HEADER] = token;
      return headers;
    };
    (async () => {
      if (!graphqlUrl) throw new Error(`no URL for the ${route.subgraph} subgraph`);
      const upstream = await fetch(`${new URL(graphqlUrl).origin}${path}${query}`, {
        headers: { ...(await headersFor(route.subgraph)), accept: RDF_MEDIA_TYPES.jsonld },
        signal: AbortSignal.timeout(30_000),
      });
      if (upstream.status !== 200) {
        res.status(upstream.status).type(upstream.headers.get('content-type') ?? 'application/json').send(await upstream.text());
        return;
      }
      const document = (await upstream.json()) as JsonLdDocument;
      const agents = agentsIn(document);
      if (agents.length && membersUrl) {
        try {
          const answer = await fetch(membersUrl, {
            method: 'POST',
            headers: { ...(await headersFor(AGENTS_SUBGRAPH)), 'content-type': 'application/json' },
            body: JSON.stringify({ query: AGENT_ENTITIES_QUERY, variables: { representations: agentRepresentations(agents) } }),
            signal: AbortSignal.timeout(10_000),
          });
          const body = (await answer.json()) as GraphQLAnswer<{ _entities: (AgentEntity | null)[] }>;
          if (body.errors?.length) options.logger.warn({ errors: body.errors, path: req.path }, 'standard export: agent names partly unavailable');
          nameAgents(agents, body.data?._entities ?? []);
        } catch (error) {
          options.logger.warn({ err: error, path: req.path }, 'standard export: agent names unavailable');
        }
      }
      const { body, contentType } = await serialiseRdf(document, format);
      res.type(contentType).send(body);
    })().catch((error: unknown) => {
      options.logger.warn({ err: error, subgraph: route.subgraph, path: req.path }, 'standard export failed');
      if (!res.headersSent) {
        sendHttpError(res, 502, 'BAD_GATEWAY', 'The subgraph serving this export is unavailable');
      }
    });
  };
}

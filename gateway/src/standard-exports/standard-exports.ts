import { ConcurrencyFull, ConcurrencyGate } from '../concurrency/concurrency-gate';
import { InFlight } from '../concurrency/in-flight';
import {
  acceptsIgnoringParameters,
  type JsonLdDocument,
  negotiateRdfFormat,
  type RdfFormat,
  RDF_EXTENSIONS,
  RDF_MEDIA_TYPES,
  serialiseRdf,
  splitRdfExtension,
  REFUSES_METHODS,
  REQUEST_ID_HEADER,
  httpErrorBody,
  type Logger,
  type Viewer,
} from '@ecosystem/shared';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type GatewayHook } from '../http/hooks';
import { type GatewayConfig } from '../config';
import { beginRequest, type RequestState, requestState } from '../context';
import { SubgraphFetchError } from '../resilience/subgraph-breaker';
import { GatewayErrorCode } from '../security/refuse';
import { type SubgraphClients } from '../resilience/subgraph-clients';
import { AGENT_ENTITIES_QUERY, type AgentEntity, agentRepresentations, agentsIn, nameAgents } from './agent-names';

/** A standard export that a subgraph serves beside /graphql and the gateway's host exposes too. */
export interface StandardExportRoute {
  /** Path patterns as the owning subgraph serves them. */
  paths: string[];
  subgraph: string;
  description: string;
  /**
   * `rdf`: a JSON-LD document whose organisations and people the gateway names from the graph,
   * then serialises as the caller asks (JSON-LD, Turtle, RDF/XML); `document`: passed on as is.
   */
  kind: 'rdf' | 'document';
}

/** The exports of DOMAIN.md §4 that the subgraphs serve (see each subgraph's README). */
export const STANDARD_EXPORT_ROUTES: StandardExportRoute[] = [
  {
    paths: ['/catalogue', '/catalogue.jsonld', '/catalogue.ttl', '/catalogue.rdf', '/catalogues/:id', '/datasets/:id'],
    subgraph: 'datasets',
    description: 'DCAT-AP / HealthDCAT-AP (JSON-LD, Turtle, RDF/XML)',
    kind: 'rdf',
  },
  { paths: ['/ical/*file'], subgraph: 'events', description: 'iCalendar (RFC 5545) feeds', kind: 'document' },
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

/** The caller's headers a `document` export passes on: content negotiation and revalidation. */
const FORWARDED_REQUEST_HEADERS = ['accept', 'accept-language', 'if-none-match', 'if-modified-since'];
/** The subgraph's headers a `document` export passes back: what the document is and how it may be cached. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-disposition', 'content-language', 'cache-control', 'etag', 'last-modified', 'vary'];

export interface StandardExportOptions {
  /**
   * Where a subgraph's GraphQL endpoint is, routed as the gateway's queries are (the served supergraph
   * decides, asked at each request); undefined when the supergraph has no such subgraph. Exports live
   * on the same origin.
   */
  subgraphUrl(name: string): string | undefined;
  viewerFrom: (authorization: string | undefined) => Promise<Viewer | null>;
  /**
   * The gateway's one client of its subgraphs: the same pool, timeout, circuit breaker, metrics,
   * request id and identity token (for the subgraph asked only) as the query plan's fetches.
   */
  subgraphs: Pick<SubgraphClients, 'request'>;
  logger: Logger;
  /**
   * How many RDF conversions (an export read, its agents named, serialised) run at once, and how
   * many more wait for one; beyond that an export is refused 503 SERVICE_UNAVAILABLE with Retry-After.
   * Each conversion holds the whole document, its triples and its serialisation in memory.
   */
  config: Pick<GatewayConfig, 'EXPORT_CONVERSIONS' | 'EXPORT_CONVERSIONS_WAITING'>;
}

/** Seconds a refused export is told to wait before it asks again. */
const CONVERSIONS_RETRY_AFTER_S = 2;

/**
 * Serves the standard exports (GET/HEAD only) from the subgraph that owns them, so that one host
 * serves the graph and its exports. The caller's identity is verified here and passed on as for
 * GraphQL fetches (a token for that subgraph only, never the caller's own); a subgraph that is
 * down, slow or behind an open circuit answers 502 BAD_GATEWAY, as fast as its GraphQL fetches fail.
 */
export function installStandardExports(app: FastifyInstance, options: StandardExportOptions): void {
  const conversions = new ConcurrencyGate({ running: options.config.EXPORT_CONVERSIONS, waiting: options.config.EXPORT_CONVERSIONS_WAITING });
  // A converted export is revalidated by the ETag of the app's scope (a 304 when it still matches).
  void app.register(async (scope) => {
    for (const route of STANDARD_EXPORT_ROUTES) {
      const identify: GatewayHook = (request, reply, done) => {
        const state = beginRequest(request.raw, request.id);
        // Every answer of an export names its request, as /graphql's do (and its errors' bodies).
        reply.header(REQUEST_ID_HEADER, state.requestId);
        if (!options.subgraphUrl(route.subgraph)) {
          sendHttpError(reply, 404, 'NOT_FOUND', `${pathOf(request)} is served by the ${route.subgraph} subgraph, which this gateway's supergraph does not include`);
          return;
        }
        options
          .viewerFrom(request.headers.authorization)
          .then((viewer) => {
            state.viewer = viewer;
            done();
          })
          .catch((error: unknown) => {
            sendHttpError(reply, 401, 'UNAUTHENTICATED', (error as Error).message);
          });
      };
      const serve = route.kind === 'rdf' ? rdfExport(route, options, conversions) : documentExport(route, options);
      // The subgraphs' patterns (express's) as Fastify spells them.
      for (const path of route.paths.map((p) => p.replace('/*file', '/*'))) {
        // GET routes answer HEAD too (Fastify's own HEAD route, the body left out).
        scope.get(path, { onRequest: identify }, serve);
        // Any other method: a coded refusal naming the methods served (OPTIONS lists them).
        scope.route({
          method: ['POST', 'PUT', 'DELETE', 'PATCH'],
          url: path,
          config: REFUSES_METHODS,
          handler: (request, reply) => {
            reply.header(REQUEST_ID_HEADER, beginRequest(request.raw, request.id).requestId);
            reply.header('allow', 'GET, HEAD');
            sendHttpError(reply, 405, GatewayErrorCode.METHOD_NOT_ALLOWED, `${request.method} is not served here: standard exports are read with GET or HEAD`);
          },
        });
      }
    }
  });
}

type Handler = (request: FastifyRequest, reply: FastifyReply) => void;

/** The error body of the routes beside /graphql (the shared one), with the request id the answer carries. */
function sendHttpError(reply: FastifyReply, status: number, code: string, message: string, field?: string): void {
  reply.code(status).type('application/json').send(httpErrorBody(code, message, field, reply.getHeader(REQUEST_ID_HEADER)));
}

/** The path asked, without its query string. */
function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string }[];
}

/** The caller of a subgraph request: the request's id and verified viewer. */
function callerOf(state: RequestState | undefined): { requestId: string; viewer: Viewer | null } {
  return { requestId: state?.requestId ?? '', viewer: state?.viewer ?? null };
}

/** The path and query string the caller asked, for the subgraph's origin. */
function pathAndQuery(req: FastifyRequest, path = pathOf(req)): string {
  return req.url.includes('?') ? `${path}${req.url.slice(req.url.indexOf('?'))}` : path;
}

/** A lost subgraph (or an answer that could not be used): 502, logged. */
function exportFailed(res: FastifyReply, error: unknown, route: StandardExportRoute, req: FastifyRequest, logger: Logger): void {
  if (error instanceof ConcurrencyFull) {
    res.header('retry-after', String(CONVERSIONS_RETRY_AFTER_S));
    sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', 'Too many exports are being converted: retry shortly');
    return;
  }
  logger.warn({ err: error, subgraph: route.subgraph, path: pathOf(req), requestId: requestState(req.raw)?.requestId }, 'standard export failed');
  if (res.sent) return;
  const timedOut = error instanceof SubgraphFetchError && error.reason === 'timeout';
  sendHttpError(res, 502, 'BAD_GATEWAY', timedOut ? 'The subgraph serving this export did not answer in time' : 'The subgraph serving this export is unavailable');
}

/** Serves a document as the subgraph answered it (status, body, and the headers that describe it). */
function documentExport(route: StandardExportRoute, options: StandardExportOptions): Handler {
  return (req, res) => {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    options.subgraphs
      .request(route.subgraph, {
        graphqlUrl: options.subgraphUrl(route.subgraph)!,
        ask: { path: pathAndQuery(req), method: 'GET', headers },
        caller: callerOf(requestState(req.raw)),
      })
      .then(async (upstream) => {
        for (const name of FORWARDED_RESPONSE_HEADERS) {
          const value = upstream.headers.get(name);
          if (value !== null) res.header(name, value);
        }
        const body = await upstream.text();
        if (upstream.status === 304) res.code(304).send();
        else res.code(upstream.status).send(upstream.status >= 400 ? withRequestId(body, res) : body);
      })
      .catch((error: unknown) => exportFailed(res, error, route, req, options.logger));
  };
}

/**
 * Serves an RDF export: the subgraph's JSON-LD, its agents named from the graph, in the format the
 * caller asks for (extension, then Accept). A missing name is logged, not fatal: the document stays
 * valid RDF and the rest of the export is served.
 */
function rdfExport(route: StandardExportRoute, options: StandardExportOptions, conversions: ConcurrencyGate): Handler {
  /** Conversions in flight for anonymous callers, by what they ask: public data, converted once for all. */
  const shared = new InFlight<Converted>();
  const convert = (req: FastifyRequest, path: string, format: RdfFormat, caller: { requestId: string; viewer: Viewer | null }): Promise<Converted> =>
    conversions.run(async () => {
      const upstream = await options.subgraphs.request(route.subgraph, {
        graphqlUrl: options.subgraphUrl(route.subgraph)!,
        ask: { path: pathAndQuery(req, path), method: 'GET', headers: { accept: RDF_MEDIA_TYPES.jsonld } },
        caller,
      });
      if (upstream.status !== 200) {
        return { status: upstream.status, contentType: upstream.headers.get('content-type') ?? 'application/json', body: await upstream.text() };
      }
      const document = (await upstream.json()) as JsonLdDocument;
      const agents = agentsIn(document);
      const membersUrl = options.subgraphUrl(AGENTS_SUBGRAPH);
      if (agents.length && membersUrl) {
        try {
          const answer = await options.subgraphs.request(AGENTS_SUBGRAPH, {
            graphqlUrl: membersUrl,
            ask: { graphql: JSON.stringify({ query: AGENT_ENTITIES_QUERY, variables: { representations: agentRepresentations(agents) } }) },
            caller,
          });
          const body = (await answer.json()) as GraphQLAnswer<{ _entities: (AgentEntity | null)[] }>;
          if (body.errors?.length) options.logger.warn({ errors: body.errors, path: pathOf(req), requestId: caller.requestId }, 'standard export: agent names partly unavailable');
          nameAgents(agents, body.data?._entities ?? []);
        } catch (error) {
          options.logger.warn({ err: error, path: pathOf(req), requestId: caller.requestId }, 'standard export: agent names unavailable');
        }
      }
      const { body, contentType } = await serialiseRdf(document, format);
      // Encoded once, outside the JS heap, and shared by every caller of a shared conversion: a
      // string answer would be held on the heap by each socket still writing it.
      return { status: 200, contentType, body: Buffer.from(body) };
    });
  return (req, res) => {
    const caller = callerOf(requestState(req.raw));
    const [path, extension] = splitRdfExtension(pathOf(req));
    // One format extension only: `<id>.ttl.jsonld` names no document (the subgraph would read the
    // rest as `<id>.ttl` and answer Turtle where JSON-LD is expected).
    if (extension && splitRdfExtension(path)[1]) {
      sendHttpError(res, 404, 'NOT_FOUND', `${pathOf(req)} was not found: give one format extension (${Object.keys(RDF_EXTENSIONS).join(', ')})`);
      return;
    }
    const format = negotiateRdfFormat(extension, acceptsIgnoringParameters({ headers: { accept: req.headers.accept } }));
    res.header('vary', 'Accept');
    if (!format) {
      sendHttpError(res, 406, 'NOT_ACCEPTABLE', `Available as ${Object.values(RDF_MEDIA_TYPES).join(', ')}`);
      return;
    }
    let answer: Promise<Converted>;
    if (caller.viewer) {
      // A viewer may see what others do not: their export is their own.
      answer = convert(req, path, format, caller);
    } else {
      // Identical anonymous requests at once share one conversion (and one body in memory): the
      // catalogue read by many is read and converted once, whatever the crowd.
      const key = `${format}\n${pathAndQuery(req, path)}`;
      answer = shared.run(key, () => convert(req, path, format, caller));
    }
    answer
      .then(({ status, contentType, body }) => {
        if (status === 200) res.type(contentType).send(body);
        else res.code(status).type(contentType).send(status >= 400 && typeof body === 'string' ? withRequestId(body, res) : body);
      })
      .catch((error: unknown) => exportFailed(res, error, route, req, options.logger));
  };
}

/** An export as it is answered: the subgraph's refusal as it gave it, or the converted document. */
interface Converted {
  status: number;
  contentType: string;
  /** The subgraph's refusal as text, or the converted document. */
  body: string | Buffer;
}

/** A subgraph's JSON error body with this request's id added (what the gateway's own errors carry). */
function withRequestId(body: string, res: FastifyReply): string {
  const requestId = res.getHeader(REQUEST_ID_HEADER);
  try {
    const parsed = JSON.parse(body) as { error?: Record<string, unknown> };
    if (typeof requestId !== 'string' || !parsed.error || typeof parsed.error !== 'object') return body;
    return JSON.stringify({ ...parsed, error: { ...parsed.error, requestId } });
  } catch {
    return body;
  }
}

import fastifyCompress from '@fastify/compress';
import {
  type FastifyContextConfig,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import Negotiator from 'negotiator';
import { sendHttpError } from './http-error';
import { REQUEST_ID_HEADER, requestIdFrom } from './request-id';

/*
 * What every process (the gateway, each subgraph) answers before a route does: the request id,
 * the refusals of Fastify's router, a bad Host, request bodies (their Content-Encoding, charset and
 * JSON) and OPTIONS. One way for all of them, each process choosing only the shape of its error body.
 */

/** A refusal of the request itself (a header, the body) before its route answers: status, stable code, message, the header at fault. */
export class HttpRefusal extends Error {
  /** The message again, enumerable: @fastify/compress copies a refusal's own fields onto the stream's error (Object.assign). */
  readonly reason: string;

  constructor(
    readonly status: number,
    readonly refusalCode: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.reason = message;
  }
}

/** The refusal an error handler received: an `HttpRefusal`, or an error it was copied onto (see `reason`). */
export function refusalOf(error: unknown): HttpRefusal | undefined {
  if (error instanceof HttpRefusal) return error;
  const copied = error as Partial<HttpRefusal> | null;
  if (copied && typeof copied.refusalCode === 'string' && typeof copied.status === 'number' && typeof copied.reason === 'string') {
    return new HttpRefusal(copied.status, copied.refusalCode, copied.reason, copied.field);
  }
  return undefined;
}

/**
 * Fastify's refusal of a body whose media type no parser reads (415, an empty `Content-Type:`
 * included) as a refusal naming the header; undefined for any other error.
 */
export function mediaTypeRefusal(error: { code?: string }, request: FastifyRequest): HttpRefusal | undefined {
  if (error.code !== 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return undefined;
  const type = (request.headers['content-type'] ?? '').trim();
  const sent = type ? `Content-Type "${type.slice(0, 100)}" is not read here` : 'The body has no media type (an empty Content-Type)';
  return new HttpRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `${sent}: send JSON (Content-Type: application/json)`, 'content-type');
}

/** The Content-Encodings a request body may have: the ones @fastify/compress inflates, and none. */
export const REQUEST_ENCODINGS = ['gzip', 'deflate', 'br', 'identity'] as const;

/**
 * Fastify's options every app shares: the request id is the caller's when sane (the gateway
 * forwards its own), else a new one, from the first moment Fastify knows the request, so that its
 * router's own refusals (a path that is not a URL, a path parameter over `maxParamLength`) quote it
 * too; those refusals answer in the error body of the HTTP routes (they come before any route).
 */
export function httpAppOptions(): Pick<FastifyServerOptions, 'requestIdHeader' | 'genReqId' | 'frameworkErrors'> {
  return {
    requestIdHeader: false,
    genReqId: (req) => requestIdFrom(req.headers[REQUEST_ID_HEADER]),
    frameworkErrors: (error, request, frameworkReply) => {
      const reply = frameworkReply as unknown as FastifyReply;
      void reply.header(REQUEST_ID_HEADER, request.id);
      if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
        sendHttpError(reply, 414, 'BAD_REQUEST', 'A segment of the path is longer than this server reads: send a shorter value');
      } else if (error.code === 'FST_ERR_BAD_URL') {
        sendHttpError(reply, 400, 'BAD_REQUEST', 'The path is not a valid URL: "%" must start an escape of two hexadecimal digits of UTF-8');
      } else {
        sendHttpError(reply, 400, 'BAD_REQUEST', 'The request could not be routed');
      }
    },
  };
}

/** The first step of every request (onRequest, app-wide): its id in `x-request-id` on every answer, a refusal's included. */
export function installRequestBasics(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}

/**
 * A request whose Host (or trusted X-Forwarded-Host) cannot make its URL, refused 400: Apollo
 * Server's Fastify integration builds the URL from it (to read the query string), and an empty or
 * malformed one threw there, a 500 for a client's mistake. Only where that URL is built: a plain
 * HTTP/1.0 health check sends no Host at all, and /health needs none.
 */
export function hostRefusal(request: FastifyRequest): HttpRefusal | undefined {
  if (URL.canParse(request.url, `${request.protocol}://${request.hostname}/`)) return undefined;
  return new HttpRefusal(400, 'BAD_REQUEST', 'The Host header is missing or is not a valid host (name or address, and port)', 'host');
}

/**
 * Request bodies: inflated as their Content-Encoding says (@fastify/compress, requests only: a
 * proxy in front compresses answers), the encoding's name read case-insensitively (RFC 9110) and
 * `identity` taken as none; a request without a body (GET, HEAD, DELETE without one) is not refused
 * for the header. JSON in UTF-8 only (RFC 8259), parsed by Fastify's parser (prototype poisoning
 * refused, with the reason said); an empty JSON body is an empty object, as Apollo Server's refusal
 * of a body without fields expects. Other media types keep the app's parsers (the gateway reads
 * none, a subgraph plain text too).
 */
export function installRequestBodies(app: FastifyInstance): PromiseLike<unknown> {
  // App-wide, so before the route-level step that @fastify/compress adds to every route.
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = request.headers['content-encoding'];
    if (encoding !== undefined) {
      if (!hasBody(request)) delete request.headers['content-encoding'];
      else request.headers['content-encoding'] = encoding.trim().toLowerCase();
    }
    done(null, payload);
  });
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
      done(new HttpRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `Charset "${charset}" is not supported: JSON is read as UTF-8 only (send charset=utf-8 or none)`, 'content-type'), undefined);
      return;
    }
    if (body === '') {
      done(null, {});
      return;
    }
    void parseJson(request, body as string, (error, parsed) => {
      if (error && isPoisoned(body as string)) {
        done(new HttpRefusal(400, 'BAD_REQUEST', 'The body has a "__proto__" key (or a "constructor" key holding "prototype"), which is not accepted in JSON sent here', 'body'), undefined);
      } else if (error) {
        done(new HttpRefusal(400, 'BAD_REQUEST', 'Request body is not valid JSON'), undefined);
      } else done(null, parsed);
    });
  });
  // Last: the routes declared once it is loaded (await the answer) get its decoding step.
  return app.register(fastifyCompress, {
    globalCompression: false,
    requestEncodings: [...REQUEST_ENCODINGS],
    onUnsupportedRequestEncoding: (encoding) =>
      new HttpRefusal(415, 'UNSUPPORTED_MEDIA_TYPE', `Content-Encoding "${encoding}" is not supported: send the body as it is (identity, or no Content-Encoding), or as gzip, deflate or br`, 'content-encoding'),
    onInvalidRequestPayload: (encoding) =>
      new HttpRefusal(400, 'BAD_REQUEST', `The body could not be decoded as its Content-Encoding (${encoding}) says`, 'content-encoding'),
  });
}

/**
 * Valid JSON that Fastify's parser refused all the same: it refuses keys that would reach an
 * object's prototype. Checked only once it refused a body.
 */
function isPoisoned(body: string): boolean {
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
}

/** Whether a request carries a body: a length above zero, or chunks. */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** The charset parameter of a Content-Type header. */
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** Route config of a route that only refuses its methods (405 with `Allow`): OPTIONS does not list them. */
export const REFUSES_METHODS: FastifyContextConfig = { refusesMethods: true } as FastifyContextConfig;

/**
 * OPTIONS on every path a route serves: 204 with `Allow` (the methods of its routes, HEAD with
 * GET; not those of a route that only refuses them), after the app's CORS step, which answers a
 * preflight's headers (`routeConfig`: its options for these routes). A path no route serves is
 * left to the app's not-found handler (404). Call before the routes are declared: each gets its
 * OPTIONS route as it is declared. Returns the `Allow` of a path a route serves (its exact text, as
 * declared), so that the not-found handler answers a method no route of a served path takes (TRACE,
 * PROPFIND...) 405 with the same list, not 404.
 */
export function serveOptions(app: FastifyInstance, routeConfig: FastifyContextConfig = {}): (path: string) => string | undefined {
  const methodsByUrl = new Map<string, Set<string>>();
  const allowOf = (served: Set<string>): string => [...served].sort((a, b) => methodRank(a) - methodRank(b)).join(', ');
  app.addHook('onRoute', (route) => {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
    if (methods.includes('OPTIONS') || route.url === '*') return;
    const key = route.url;
    let served = methodsByUrl.get(key);
    if (!served) {
      served = new Set();
      methodsByUrl.set(key, served);
      const allowed = served;
      app.route({
        method: 'OPTIONS',
        url: route.url,
        config: routeConfig,
        handler: (_request: FastifyRequest, reply: FastifyReply) => {
          void reply.header('allow', allowOf(allowed));
          return reply.code(204).send();
        },
      });
    }
    if ((route.config as { refusesMethods?: boolean } | undefined)?.refusesMethods) return;
    for (const method of methods) {
      served.add(method);
      if (method === 'GET' && route.exposeHeadRoute !== false) served.add('HEAD');
    }
  });
  return (path) => {
    const served = methodsByUrl.get(path);
    return served && served.size > 0 ? allowOf(served) : undefined;
  };
}

/** `Allow` lists methods in one order everywhere (GET, HEAD, POST, then the others). */
const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];
function methodRank(method: string): number {
  const rank = METHOD_ORDER.indexOf(method);
  return rank === -1 ? METHOD_ORDER.length : rank;
}

/**
 * Whether a GET or POST on a `/graphql/stream` asks for the event stream: media types are
 * case-insensitive, may carry parameters and sit in a list; q=0 refuses. A wildcard (`*\/*`,
 * `text/*`) is not a request for a stream.
 */
export function acceptsEventStream(request: FastifyRequest): boolean {
  return new Negotiator(request.raw).mediaTypes().some((type) => type.toLowerCase() === 'text/event-stream');
}

/** A fault in a request's GraphQL parameters: the parameter at fault and /graphql's wording for it. */
export interface RequestShapeProblem {
  field: string;
  message: string;
}

/** A GET parameter that must hold a JSON object (`variables`, `extensions`), with Apollo Server's wording. */
function jsonObjectParameter(name: string, value: unknown): RequestShapeProblem | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') return { field: name, message: `The '${name}' search parameter may only be specified once.` };
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { field: name, message: `The ${name} search parameter contains invalid JSON.` };
  }
  return parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)
    ? { field: name, message: `The ${name} search parameter should contain a JSON-encoded object.` }
    : undefined;
}

/**
 * Whether a GraphQL request (GET parameters or POST body) carries `extensions.persistedQuery`, in
 * any shape; extensions that are not a JSON object are left to `sseRequestProblem`.
 */
export function sendsPersistedQuery(req: Pick<FastifyRequest, 'method' | 'query' | 'body'>): boolean {
  let extensions: unknown;
  if (req.method === 'GET') {
    const text = (req.query as Record<string, unknown>).extensions;
    if (typeof text !== 'string') return false;
    try {
      extensions = JSON.parse(text);
    } catch {
      return false;
    }
  } else {
    extensions = (req.body as Record<string, unknown> | null | undefined)?.extensions;
  }
  return typeof extensions === 'object' && extensions !== null && !Array.isArray(extensions) && (extensions as Record<string, unknown>).persistedQuery !== undefined;
}

/**
 * What is wrong with a subscription request's parameters, with the field and /graphql's wording for
 * the same fault. graphql-sse checks them itself but answers a bare message ("Missing query",
 * "Invalid variables", "Unparsable URL") with no code or request id, and lets a non-string
 * `operationName` through.
 */
export function sseRequestProblem(req: Pick<FastifyRequest, 'method' | 'query' | 'body'>): RequestShapeProblem | undefined {
  if (req.method === 'GET') {
    const params = req.query as Record<string, unknown>;
    for (const name of ['query', 'operationName']) {
      const value = params[name];
      if (value !== undefined && typeof value !== 'string') return { field: name, message: `The '${name}' search parameter may only be specified once.` };
    }
    const problem = jsonObjectParameter('variables', params.variables) ?? jsonObjectParameter('extensions', params.extensions);
    if (problem) return problem;
    return typeof params.query === 'string' && params.query !== ''
      ? undefined
      : { field: 'query', message: 'GraphQL operations must contain a non-empty `query`.' };
  }
  const body: unknown = req.body;
  if (Array.isArray(body)) return { field: 'body', message: 'A subscription stream serves one operation: send a JSON object, not a batch.' };
  if (!body || typeof body !== 'object' || Object.keys(body).length === 0) {
    return { field: 'body', message: 'POST body missing, invalid Content-Type, or JSON object has no keys.' };
  }
  const { query, variables, extensions, operationName } = body as Record<string, unknown>;
  for (const [name, value] of [['variables', variables], ['extensions', extensions]] as const) {
    if (typeof value === 'string') return { field: name, message: `\`${name}\` in a POST body should be provided as an object, not a recursively JSON-encoded string.` };
    if (value != null && (typeof value !== 'object' || Array.isArray(value))) return { field: name, message: `\`${name}\` in a POST body must be an object if provided.` };
  }
  if (operationName != null && typeof operationName !== 'string') return { field: 'operationName', message: '`operationName` in a POST body must be a string if provided.' };
  if (query == null || query === '') return { field: 'query', message: 'GraphQL operations must contain a non-empty `query`.' };
  if (typeof query !== 'string') return { field: 'query', message: 'GraphQL queries must be strings.' };
  return undefined;
}

/**
 * Corrects the head of a graphql-sse stream as it is written. graphql-sse writes its own headers last,
 * over the reply's, with `Content-Encoding: none`: no registered content coding (RFC 9110 §8.4), so a
 * strict client or proxy may refuse the answer or try to decode it. The stream goes out without a
 * Content-Encoding, with the standard ways to keep a proxy from compressing or buffering it:
 * `Cache-Control: no-cache, no-transform` and `X-Accel-Buffering: no`. Other answers are untouched.
 */
export function correctStreamHead(reply: FastifyReply): void {
  const raw = reply.raw;
  const writeHead = raw.writeHead;
  raw.writeHead = function (this: typeof raw, statusCode: number, ...rest: unknown[]) {
    const headers = rest.find((arg): arg is Record<string, unknown> => typeof arg === 'object' && arg !== null && !Array.isArray(arg));
    if (headers && String(headers['content-type'] ?? '').startsWith('text/event-stream')) {
      delete headers['content-encoding'];
      headers['cache-control'] = 'no-cache, no-transform';
      headers['x-accel-buffering'] = 'no';
    }
    return (writeHead as (...args: unknown[]) => typeof raw).call(this, statusCode, ...rest);
  } as typeof raw.writeHead;
}

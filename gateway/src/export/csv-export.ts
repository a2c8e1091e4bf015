import { type Logger, REFUSES_METHODS, REQUEST_ID_HEADER } from '@ecosystem/shared';
import { create as contentDisposition } from 'content-disposition';
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { request } from 'undici';
import { beginRequest, requestState } from '../context';
import { GatewayErrorCode } from '../security/refuse';
import { type GatewayHook } from '../http/hooks';
import { columnsOf, csvLine, findList, flattenRow, leafRows, selectionColumns, type FoundList } from './flatten';

export interface CsvExportOptions {
  /** Path of the export. @default '/export.csv' */
  path?: string;
  /** The gateway's GraphQL path, called over loopback HTTP so that every /graphql rule applies. @default '/graphql' */
  graphqlPath?: string;
  maxRows: number;
  maxPages: number;
  /** Header carrying an API key, forwarded to /graphql with the caller's token. */
  apiKeyHeader?: string;
  /**
   * The checks /graphql makes of a body (the app's parser reads it for both, with the same limit
   * and refusals), so that both answer a malformed body alike.
   */
  bodyChecks: GatewayHook[];
  logger: Logger;
}

/** The parameters the export reads; anything else is refused (a typo must not be silently ignored). */
export const EXPORT_PARAMETERS = ['query', 'variables', 'operationName', 'extensions', 'documentId', 'path', 'all', 'rows', 'bom', 'filename'] as const;

interface ExportRequest {
  query?: string;
  /** The parsed `query`, from which the columns come. */
  document?: DocumentNode;
  variables: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
  documentId?: string;
  /** Dotted path of the list to export. */
  path?: string;
  /** Follow the connection through `$after` until the end. */
  all: boolean;
  /** Whether the operation declares `$after` (unknown for a persisted operation sent by id or hash). */
  declaresAfter?: boolean;
  /** `leaves`: one row per leaf row (nested lists as rows); `items` (default): one row per list item, nested lists joined in cells. */
  rows: 'items' | 'leaves';
  /** Start with a UTF-8 byte-order mark (spreadsheets then read accents right). */
  bom: boolean;
  filename: string;
}

interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

class ExportError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The offending parameter, when one is (extensions.field). */
    readonly field?: string,
  ) {
    super(message);
  }
}

function jsonParam(value: unknown, name: string): Record<string, unknown> | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value !== 'string') throw new ExportError(400, 'BAD_USER_INPUT', `"${name}" must be a JSON object`, name);
  try {
    const parsed: unknown = JSON.parse(value);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    return parsed as Record<string, unknown>;
  } catch {
    throw new ExportError(400, 'BAD_USER_INPUT', `"${name}" must be a JSON object`, name);
  }
}

function stringParam(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * A yes/no parameter, read strictly so that a typo is refused rather than read as "no": in a query
 * string exactly `true` or `false` (any case), in a JSON body a JSON boolean. Left out: `fallback`.
 */
function flagParam(name: string, fromQuery: unknown, fromBody: unknown, fallback: boolean): boolean {
  if (fromBody !== undefined) {
    if (typeof fromBody === 'boolean') return fromBody;
    throw new ExportError(400, 'BAD_USER_INPUT', `${name} must be a JSON boolean (true or false) in a JSON body`, name);
  }
  if (fromQuery === undefined) return fallback;
  const text = typeof fromQuery === 'string' ? fromQuery.toLowerCase() : undefined;
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new ExportError(400, 'BAD_USER_INPUT', `${name} must be "true" or "false" in a query string`, name);
}

function rowsParam(value: unknown): 'items' | 'leaves' {
  if (value === undefined || value === '' || value === 'items') return 'items';
  if (value === 'leaves') return 'leaves';
  throw new ExportError(400, 'BAD_USER_INPUT', 'rows must be "items" (one row per list item) or "leaves" (nested lists as rows)', 'rows');
}

const KNOWN = new Set<string>(EXPORT_PARAMETERS);

/**
 * The query string's parameters, each a single string: a query-string parser turns `all[]=true`,
 * `all[a]=true` and a repeated `all` into arrays and objects, which would otherwise slip past the
 * checks of the values. Unknown names are refused too.
 */
function queryStringParams(query: Record<string, unknown>): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, value] of Object.entries(query)) {
    // `all[]=true` and `all[a]=true` name `all`, in whatever form a query-string parser leaves them.
    const base = /^([^[]+)\[/.exec(name)?.[1];
    if (base !== undefined && KNOWN.has(base)) throw new ExportError(400, 'BAD_USER_INPUT', `"${base}" must be given once, as a single value (not ${base}[] or ${base}[key])`, base);
    if (!KNOWN.has(name)) throw new ExportError(400, 'BAD_USER_INPUT', `Unknown export parameter "${name}"; known: ${EXPORT_PARAMETERS.join(', ')}`, name);
    if (typeof value !== 'string') throw new ExportError(400, 'BAD_USER_INPUT', `"${name}" must be given once, as a single value (not repeated, not name[] or name[key])`, name);
    params[name] = value;
  }
  return params;
}

/** A JSON body's parameters: known names only, text ones as strings (variables/extensions objects, all/bom booleans are read later). */
function bodyParams(body: unknown): Record<string, unknown> {
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new ExportError(400, 'BAD_REQUEST', 'The JSON body must be one object of export parameters');
  for (const [name, value] of Object.entries(body)) {
    if (!KNOWN.has(name)) throw new ExportError(400, 'BAD_USER_INPUT', `Unknown export parameter "${name}"; known: ${EXPORT_PARAMETERS.join(', ')}`, name);
    const text = !['variables', 'extensions', 'all', 'bom'].includes(name);
    if (text && value !== null && typeof value !== 'string') throw new ExportError(400, 'BAD_USER_INPUT', `"${name}" must be a string`, name);
  }
  return body as Record<string, unknown>;
}

/** Makes a requested or operation name safe as a file name; `undefined` when nothing names a file. */
function safeName(name: string | undefined): string | undefined {
  if (name === undefined) return undefined;
  // Letters of any script are kept (sent as RFC 5987 filename*), path and control characters are not.
  const safe = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .slice(0, 80);
  const stem = safe.replace(/\.csv$/i, '');
  // Nothing but dots, dashes and underscores (".csv", "...", "  ") is no name: a hidden or dots-only file.
  return /[\p{L}\p{N}]/u.test(stem) ? safe : undefined;
}

/** The downloaded file's name: the requested one, else the operation's, else `export`; always `.csv`. */
export function exportFilename(requested: string | undefined, operationName: string | undefined): string {
  const name = safeName(requested) ?? safeName(operationName) ?? 'export';
  return /\.csv$/i.test(name) ? name : `${name}.csv`;
}

function readExportRequest(request: FastifyRequest): ExportRequest {
  const fromQuery = queryStringParams(request.query as Record<string, unknown>);
  const fromBody = request.method === 'POST' ? bodyParams(request.body) : {};
  const source = { ...fromQuery, ...fromBody };
  const query = stringParam(source.query);
  const extensions = jsonParam(source.extensions, 'extensions');
  const documentId = stringParam(source.documentId);
  if (!query && !extensions && !documentId) {
    throw new ExportError(400, 'BAD_USER_INPUT', 'Give the operation as "query" (or a persisted one as "documentId" / "extensions")', 'query');
  }
  const operationName = stringParam(source.operationName);
  let documentName: string | undefined;
  let declaresAfter: boolean | undefined;
  let document: DocumentNode | undefined;
  if (query) {
    let operations: OperationDefinitionNode[];
    try {
      document = parse(query);
      operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition');
    } catch (error) {
      throw new ExportError(400, 'GRAPHQL_PARSE_FAILED', (error as Error).message);
    }
    const chosen = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
    documentName = chosen?.name?.value;
    if (chosen && chosen.operation !== 'query') {
      // 405 and BAD_REQUEST as /graphql answers a mutation sent with GET.
      throw new ExportError(405, 'BAD_REQUEST', 'Only queries can be exported, not mutations or subscriptions', 'query');
    }
    declaresAfter = chosen ? (chosen.variableDefinitions ?? []).some((v) => v.variable.name.value === 'after') : undefined;
  }
  return {
    query,
    document,
    variables: jsonParam(source.variables, 'variables') ?? {},
    operationName,
    extensions,
    documentId,
    path: stringParam(source.path),
    all: flagParam('all', fromQuery.all, fromBody.all, false),
    declaresAfter,
    rows: rowsParam(source.rows),
    bom: flagParam('bom', fromQuery.bom, fromBody.bom, true),
    filename: exportFilename(stringParam(source.filename), operationName ?? documentName),
  };
}

/**
 * The status of an export refused because its answer had errors although `/graphql` said 200 (field
 * errors, partial data): an outage is the server's (503, worth retrying), a refusal the caller's.
 */
export function partialAnswerStatus(errors: readonly { extensions?: Record<string, unknown> }[]): number {
  const codes = new Set(errors.map((error) => error.extensions?.code));
  if (codes.has('SUBGRAPH_UNAVAILABLE') || codes.has('SUBGRAPH_TIMEOUT')) return 503;
  if (codes.has('UNAUTHENTICATED')) return 401;
  if (codes.has('FORBIDDEN')) return 403;
  return 400;
}

/**
 * `attachment` with the name as RFC 6266 / 5987 `filename*=UTF-8''…` (accents kept) and an ASCII
 * `filename=` for clients that do not read it (accents stripped, anything else as `-`).
 */
export function attachmentDisposition(filename: string): string {
  const ascii = filename
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-');
  return contentDisposition(filename, { type: 'attachment', fallback: ascii });
}

function refuse(reply: FastifyReply, status: number, body: GraphQLBody | { errors: { message: string; extensions: Record<string, unknown> }[] }): void {
  reply.code(status).type('application/json').send(JSON.stringify(body));
}

/**
 * The gateway's own GraphQL endpoint, on the address and port this request came in on. Called with
 * undici's `request`, not `fetch`: WHATWG fetch refuses "bad ports" (6000, 6665-6669, ...) on which
 * the gateway may well listen.
 */
function loopbackUrl(req: IncomingMessage, path: string): string {
  let address = req.socket.localAddress ?? '127.0.0.1';
  if (address.startsWith('::ffff:')) address = address.slice('::ffff:'.length);
  const host = address.includes(':') ? `[${address}]` : address;
  return `http://${host}:${req.socket.localPort}${path}`;
}

/** Writes and waits for the socket to drain when the client reads slower than we fetch. */
async function write(res: ServerResponse, chunk: string): Promise<void> {
  if (!res.write(chunk)) {
    await new Promise<void>((resolve, reject) => {
      const onDrain = (): void => {
        res.off('close', onClose);
        resolve();
      };
      const onClose = (): void => {
        res.off('drain', onDrain);
        reject(new Error('client went away'));
      };
      res.once('drain', onDrain);
      res.once('close', onClose);
    });
  }
}

/** The methods `/export.csv` serves (its `Allow`). */
const EXPORT_METHODS = 'GET, HEAD, POST';

/**
 * CSV export of a query's list result. The operation runs through the gateway's own /graphql over
 * loopback HTTP with the caller's Authorization (and API key, request id, forwarded-for), so the same
 * identity, limits, rate limit, persisted-operation and trusted-document rules apply as for any
 * client. The first list or connection of the result (or the one at `path`) becomes one row per item;
 * with `all=true` the export follows `pageInfo.endCursor` through the `$after` variable, writing each
 * page as it arrives (streamed, constant memory), up to the row and page limits.
 */
export function installCsvExport(app: FastifyInstance, options: CsvExportOptions): void {
  const path = options.path ?? '/export.csv';
  const graphqlPath = options.graphqlPath ?? '/graphql';

  const handle = async (fastifyRequest: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const req = fastifyRequest.raw;
    // The file is written straight to the socket (page after page, then a trailer).
    const res = reply.raw;
    const requestId = requestState(req)!.requestId;
    let params: ExportRequest;
    try {
      params = readExportRequest(fastifyRequest);
    } catch (error) {
      const e = error as ExportError;
      // A 405 (a mutation or subscription) names the methods of the path, as every 405 does.
      if (e.status === 405) reply.header('allow', EXPORT_METHODS);
      refuse(reply, e.status ?? 400, { errors: [{ message: e.message, extensions: { code: e.code ?? 'BAD_REQUEST', requestId, ...(e.field ? { field: e.field } : {}) } }] });
      return;
    }

    const target = loopbackUrl(req, graphqlPath);
    const header = (name: string): string | undefined => {
      const value = req.headers[name.toLowerCase()];
      return Array.isArray(value) ? value.join(', ') : value;
    };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json',
      'apollo-require-preflight': 'true',
      [REQUEST_ID_HEADER]: requestId,
      'x-forwarded-for': [header('x-forwarded-for'), fastifyRequest.ip].filter(Boolean).join(', '),
    };
    for (const name of ['authorization', options.apiKeyHeader ?? 'x-api-key', 'accept-language']) {
      const value = header(name);
      if (value) headers[name] = value;
    }
    const fetchPage = async (after: string | undefined): Promise<{ status: number; body: GraphQLBody }> => {
      const variables = after === undefined ? params.variables : { ...params.variables, after };
      const response = await request(target, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          query: params.query,
          variables,
          operationName: params.operationName,
          extensions: params.extensions,
          documentId: params.documentId,
        }),
      });
      for (const name of ['ratelimit-limit', 'ratelimit-remaining', 'retry-after']) {
        const value = response.headers[name];
        if (typeof value === 'string' && value && !res.headersSent) res.setHeader(name, value);
      }
      const text = await response.body.text();
      let body: GraphQLBody;
      try {
        body = JSON.parse(text) as GraphQLBody;
      } catch {
        body = { errors: [{ message: text.slice(0, 200) || `HTTP ${response.statusCode}`, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] };
      }
      return { status: response.statusCode, body };
    };

    const first = await fetchPage(undefined);
    if (first.body.errors?.length || first.status !== 200) {
      // Refused or failed (auth, limits, persisted operations, partial data): the caller gets the
      // GraphQL answer itself, never an incomplete spreadsheet.
      refuse(reply, first.status === 200 ? partialAnswerStatus(first.body.errors ?? []) : first.status, { data: first.body.data, errors: first.body.errors });
      return;
    }
    const found = findList(first.body.data, params.path);
    // all=true on a connection that cannot be followed would export its first page only, in a file
    // that looks complete: refuse instead (a plain list is whole already).
    if (found?.connection && params.all) {
      const pageInfo = found.connection.pageInfo as { hasNextPage?: unknown; endCursor?: unknown } | undefined;
      const reason =
        params.declaresAfter === false
          ? `all=true follows the connection at "${found.path}" through an $after variable: declare "$after: String" and pass it as its "after" argument`
          : typeof pageInfo?.hasNextPage !== 'boolean' || pageInfo.endCursor === undefined
            ? `all=true needs the connection at "${found.path}" to select pageInfo { hasNextPage endCursor }`
            : undefined;
      if (reason) {
        refuse(reply, 400, { errors: [{ message: `${reason}; without it only the first page could be exported`, extensions: { code: 'BAD_USER_INPUT', requestId, field: 'all' } }] });
        return;
      }
    }
    if (!found) {
      refuse(reply, 400, {
        errors: [
          {
            message: params.path ? `No list or connection at "${params.path}" in the result` : 'The result holds no list or connection to export',
            extensions: { code: 'BAD_USER_INPUT', requestId, field: params.path ? 'path' : 'query' },
          },
        ],
      });
      return;
    }
    const pageRows = (list: FoundList): Map<string, string>[] => (params.rows === 'leaves' ? list.rows.flatMap(leafRows) : list.rows.map(flattenRow));
    let rows: Map<string, string>[];
    try {
      rows = pageRows(found);
    } catch (error) {
      refuse(reply, 400, { errors: [{ message: (error as Error).message, extensions: { code: 'BAD_USER_INPUT', requestId, field: 'rows' } }] });
      return;
    }
    // Columns from the selection set (the same on every page whatever the data); from the first
    // page's data only for a persisted operation sent without its text.
    const columns =
      (params.document && selectionColumns(params.document, params.operationName, found.path, found.connection !== undefined, params.variables)) ||
      columnsOf(rows);
    const totalCount = typeof found.connection?.totalCount === 'number' ? found.connection.totalCount : undefined;
    const expected = params.all ? totalCount : undefined;
    const pageSize = found.rows.length;
    // Cut by the row limit, or by the page limit at this page size: said before the first byte.
    const truncatedAhead =
      expected !== undefined && (expected > options.maxRows || (pageSize > 0 && Math.ceil(expected / pageSize) > options.maxPages));
    reply.hijack();
    res.statusCode = 200;
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', attachmentDisposition(params.filename));
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-export-path', found.path);
    if (totalCount !== undefined) res.setHeader('x-total-count', String(totalCount));
    if (truncatedAhead) res.setHeader('x-export-truncated', 'true');
    // Without totalCount a cut is known only at the end: said again as a trailer.
    if (params.all && found.connection) res.setHeader('trailer', 'X-Export-Truncated');

    let written = 0;
    let pages = 1;
    let truncated = false;
    try {
      await write(res, (params.bom ? '\uFEFF' : '') + csvLine(columns));
      let connection = found.connection;
      for (;;) {
        for (const row of rows) {
          if (written >= options.maxRows) {
            truncated = true;
            break;
          }
          await write(res, csvLine(columns.map((c) => row.get(c) ?? '')));
          written += 1;
        }
        const pageInfo = connection?.pageInfo as { hasNextPage?: boolean; endCursor?: string | null } | undefined;
        if (!params.all || !pageInfo?.hasNextPage || !pageInfo.endCursor) break;
        if (written >= options.maxRows || pages >= options.maxPages) {
          truncated = true;
          break;
        }
        const next = await fetchPage(pageInfo.endCursor);
        if (next.body.errors?.length || next.status !== 200) {
          throw new Error(`page ${pages + 1}: ${next.body.errors?.[0]?.message ?? `HTTP ${next.status}`}`);
        }
        const list = findList(next.body.data, found.path);
        if (!list || list.rows.length === 0) break;
        pages += 1;
        connection = list.connection;
        rows = pageRows(list);
      }
      if (params.all && found.connection) res.addTrailers({ 'X-Export-Truncated': String(truncated || truncatedAhead) });
      res.end();
      options.logger.info({ requestId, rows: written, pages, path: found.path, truncated }, 'csv export');
    } catch (error) {
      // Headers are gone: cut the stream so that the client sees an incomplete download, not a short file.
      options.logger.warn({ requestId, rows: written, pages, reason: (error as Error).message }, 'csv export aborted');
      res.destroy(error as Error);
    }
  };

  const run = (request: FastifyRequest, reply: FastifyReply): void => {
    handle(request, reply).catch((error: unknown) => {
      const requestId = requestState(request.raw)?.requestId;
      options.logger.error({ err: error, requestId }, 'csv export failed');
      if (!reply.raw.headersSent) {
        if (reply.sent) reply.raw.end();
        else refuse(reply, 500, { errors: [{ message: 'Export failed', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } }] });
      } else reply.raw.destroy();
    });
  };
  const assignRequestId: GatewayHook = (request, reply, done) => {
    const requestId = request.id;
    // On the socket's answer itself: the file is written there, past Fastify's reply.
    reply.raw.setHeader(REQUEST_ID_HEADER, requestId);
    beginRequest(request.raw, requestId);
    done();
  };
  app.get(path, { onRequest: assignRequestId }, run);
  app.post(path, { onRequest: assignRequestId, preHandler: options.bodyChecks }, run);
  // Any other method: a coded refusal naming the methods served (OPTIONS lists them).
  app.route({
    method: ['PUT', 'DELETE', 'PATCH'],
    url: path,
    config: REFUSES_METHODS,
    onRequest: assignRequestId,
    handler: (request, reply) => {
      reply.header('allow', EXPORT_METHODS);
      const message = `${request.method} is not served on ${path}: GET or POST the query to export`;
      refuse(reply, 405, { errors: [{ message, extensions: { code: GatewayErrorCode.METHOD_NOT_ALLOWED, requestId: requestState(request.raw)!.requestId } }] });
    },
  });
}

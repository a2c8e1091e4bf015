import {
  AppError,
  BadUserInputError,
  codeForStatus,
  hiddenCharacterProblem,
  ForbiddenError,
  httpStatusFor,
  type Logger,
  REQUEST_ID_HEADER,
  refusalOf,
  sendHttpError,
  UnauthenticatedError,
  type Viewer,
} from '@ecosystem/shared';
import { type FastifyError, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type RegistryActor } from './actor';
import { CredentialService } from './credentials';
import { type RegistryServices } from './registry';
import { type PublicationResult } from './publication';
import { STORED_TEXT_LENGTH } from './registry.entities';

export interface AdminApiOptions {
  /** The registry's services, once it is open (until then the API answers 503). */
  registry: () => RegistryServices | undefined;
  /** The gateway's verification of callers' tokens (its identity verifier): the same for /graphql and /admin. */
  viewerFrom: (authorizationHeader: string | undefined) => Promise<Viewer | null>;
  logger: Logger;
  /** Set when this process has no registry (a gateway following a file or a registry process): every call answers 404 with it. */
  notServed?: string;
}

/**
 * `Authorization: Bearer <token>`: a partner API key (`egk_...`, scoped to its subgraph names) or a
 * user JWT verified like every gateway request (the gateway's identity verifier); a JWT must carry the
 * `admin` role.
 */
async function authenticate(
  req: FastifyRequest,
  registry: RegistryServices,
  viewerFrom: AdminApiOptions['viewerFrom'],
): Promise<RegistryActor> {
  const header = req.headers.authorization;
  if (!header) throw new UnauthenticatedError('The admin API needs `Authorization: Bearer <admin JWT or partner API key>`');
  const token = /^Bearer\s+(\S+)$/i.exec(header.trim())?.[1];
  if (token && CredentialService.isApiKey(token)) {
    const actor = await registry.credentials.authenticateKey(token);
    if (!actor) throw new UnauthenticatedError('Unknown or revoked partner API key');
    return actor;
  }
  const viewer = await viewerFrom(header);
  if (!viewer) throw new UnauthenticatedError();
  if (!viewer.roles.includes('admin')) {
    throw new ForbiddenError('The admin API needs the admin role or a partner API key');
  }
  return { id: viewer.sub, admin: true, subgraphs: [], org: viewer.org ?? null };
}

/** Largest body of an admin call: a subgraph's SDL. */
const ADMIN_BODY_LIMIT = 5 * 1024 * 1024;

/**
 * Text the caller sends to be stored: a string that fits its column and holds no character a reader
 * does not see (the rule of the GraphQL arguments), else 400 BAD_USER_INPUT naming the field, before
 * anything is written.
 */
function storedText(field: string, max: number): z.ZodType<string | undefined> {
  return z
    .string({ error: `${field} must be a string` })
    .max(max, `${field} must be at most ${max} characters`)
    .superRefine((text, ctx) => {
      const problem = hiddenCharacterProblem(text);
      if (problem) ctx.addIssue({ code: 'custom', message: `${field} ${problem}` });
    })
    .nullish()
    .transform((text) => text ?? undefined);
}

function required(field: string, text: z.ZodType<string | undefined>): z.ZodType<string> {
  return text.refine((value) => !!value, `${field} is required`) as z.ZodType<string>;
}

/** The body read by `schema`, or 400 BAD_USER_INPUT with the first problem and its (top-level) field. */
function bodyOf<T>(req: FastifyRequest, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(req.body ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? String(issue.path[0]) : 'body';
  throw new BadUserInputError(issue.path.length > 0 ? issue.message : 'The body must be a JSON object', field);
}

const publishBody = z.object({
  url: required('url', storedText('url', STORED_TEXT_LENGTH.routingUrl)),
  sdl: storedText('sdl', ADMIN_BODY_LIMIT),
  ownerOrg: storedText('ownerOrg', STORED_TEXT_LENGTH.ownerOrg),
  force: z.unknown().optional(),
});

const credentialBody = z.object({
  label: required('label', storedText('label', STORED_TEXT_LENGTH.credentialLabel)),
  ownerOrg: storedText('ownerOrg', STORED_TEXT_LENGTH.ownerOrg),
  subgraphs: z.unknown().optional(),
});

function publishInput(req: FastifyRequest): { name: string; url: string; sdl?: string; ownerOrg?: string; force: boolean } {
  const body = bodyOf(req, publishBody);
  return {
    name: String(params(req).name),
    url: body.url,
    ...(body.sdl ? { sdl: body.sdl } : {}),
    ...(body.ownerOrg ? { ownerOrg: body.ownerOrg } : {}),
    force: body.force === true,
  };
}

/**
 * 200 accepted (or check passed), 422 refused: the body lists every problem with what to do, and a
 * refusal the request id, as every error answer.
 */
function sendResult(res: FastifyReply, result: PublicationResult): void {
  if (result.outcome === 'ACCEPTED') res.code(200).send(result);
  else res.code(422).send({ ...result, requestId: res.getHeader(REQUEST_ID_HEADER) });
}

/**
 * A positive integer written in decimal digits (a version, a limit), as a safe integer: `Number()`
 * read "abc" as NaN (a 500 further on), "0x10" as 16, " " as 0 and "1.5" as a version to look up.
 */
const positiveInteger = z.string().regex(/^[1-9][0-9]{0,14}$/).transform(Number);

/** A path or query parameter that must be a positive integer: else 400 BAD_USER_INPUT naming it. */
function positiveIntegerParam(value: unknown, field: string): number {
  const parsed = positiveInteger.safeParse(value);
  if (!parsed.success) throw new BadUserInputError(`${field} must be a positive integer (1, 2, ...)`, field);
  return parsed.data;
}

/** The `limit` of a listing: 50 when not given. */
function limitParam(req: FastifyRequest): number {
  const limit = query(req).limit;
  return limit === undefined ? 50 : positiveIntegerParam(limit, 'limit');
}

function params(req: FastifyRequest): Record<string, string | undefined> {
  return req.params as Record<string, string | undefined>;
}

function query(req: FastifyRequest): Record<string, unknown> {
  return req.query as Record<string, unknown>;
}

/** The registry's HTTP API, registered under `/admin` (what the `subgraph` and `supergraph` CLIs call). */
export const adminApi: FastifyPluginAsync<AdminApiOptions> = async (scope, options) => {
  // Bodies are read by the app's installRequestBodies (the gateway's, the registry process's), as on
  // every other route: encodings, UTF-8 JSON, an empty one read as no fields (a DELETE sent with a
  // JSON Content-Type has none).
  scope.addHook('onRoute', (route) => {
    route.bodyLimit = ADMIN_BODY_LIMIT;
  });

  type Handler = (req: FastifyRequest, res: FastifyReply, registry: RegistryServices, actor: RegistryActor) => Promise<void>;
  const handle =
    (handler: Handler) =>
    async (req: FastifyRequest, res: FastifyReply): Promise<void> => {
      if (options.notServed) {
        sendHttpError(res, 404, 'REGISTRY_NOT_SERVED', options.notServed);
        return;
      }
      const registry = options.registry();
      if (!registry) {
        sendHttpError(res, 503, 'SERVICE_UNAVAILABLE', 'The gateway is starting');
        return;
      }
      await handler(req, res, registry, await authenticate(req, registry, options.viewerFrom));
    };

  scope.get('/subgraphs', handle(async (_req, res, registry) => {
    res.send({ subgraphs: await registry.publications.list() });
  }));
  scope.get('/subgraphs/:name/versions', handle(async (req, res, registry) => {
    res.send({ versions: await registry.store.subgraphVersions(String(params(req).name)) });
  }));
  scope.post('/subgraphs/:name/check', handle(async (req, res, registry, actor) => {
    sendResult(res, await registry.publications.check(actor, publishInput(req)));
  }));
  scope.post('/subgraphs/:name/publish', handle(async (req, res, registry, actor) => {
    sendResult(res, await registry.publications.publish(actor, publishInput(req)));
  }));
  scope.delete('/subgraphs/:name', handle(async (req, res, registry, actor) => {
    sendResult(res, await registry.publications.remove(actor, String(params(req).name), query(req).force === 'true'));
  }));
  scope.get('/supergraphs', handle(async (req, res, registry) => {
    res.send({ supergraphs: await registry.publications.history(limitParam(req)) });
  }));
  scope.get('/supergraphs/:version/sdl', handle(async (req, res, registry) => {
    res.type('text/plain; charset=utf-8').send(await registry.store.supergraphSdl(positiveIntegerParam(params(req).version, 'version')));
  }));
  scope.post('/supergraphs/:version/rollback', handle(async (req, res, registry, actor) => {
    res.send(await registry.publications.rollback(actor, positiveIntegerParam(params(req).version, 'version')));
  }));
  scope.get('/publications', handle(async (req, res, registry) => {
    const subgraph = typeof query(req).subgraph === 'string' ? (query(req).subgraph as string) : undefined;
    const rows = await registry.store.publications(limitParam(req), subgraph);
    res.send({ publications: rows.map((r) => ({ ...r, report: JSON.parse(r.report) as unknown })) });
  }));
  scope.post('/credentials', handle(async (req, res, registry, actor) => {
    const body = bodyOf(req, credentialBody);
    const subgraphs = Array.isArray(body.subgraphs) ? body.subgraphs.map(String) : [];
    res.code(201).send(await registry.credentials.grant(actor, { label: body.label, subgraphs, ownerOrg: body.ownerOrg }));
  }));
  scope.delete('/credentials/:id', handle(async (req, res, registry, actor) => {
    await registry.credentials.revoke(actor, String(params(req).id));
    res.code(204).send();
  }));

  scope.setErrorHandler(adminApiErrors(options.logger));
};

/**
 * The admin API's error handler (its scope's, and the registry process's for its other routes):
 * `{"error":{code,message,field?,requestId}}` as every route beside GraphQL, with the same codes as
 * GraphQL errors and the input field when there is one; a refusal of the request itself (its body's
 * encoding, charset, JSON) as installRequestBodies says; anything else a 500 without details.
 */
export function adminApiErrors(logger: Logger): (error: FastifyError | AppError, request: FastifyRequest, reply: FastifyReply) => void {
  return (error, request, reply) => {
    if (error instanceof AppError) {
      const field = error.extensions.field;
      sendHttpError(reply, httpStatusFor(error.code), error.code, error.message, typeof field === 'string' ? field : undefined);
      return;
    }
    const refusal = refusalOf(error);
    if (refusal) {
      logger.warn({ requestId: request.id, code: refusal.refusalCode, status: refusal.status, reason: refusal.message }, 'request refused');
      sendHttpError(reply, refusal.status, refusal.refusalCode, refusal.message, refusal.field);
      return;
    }
    const status = (error as FastifyError).statusCode;
    if (status === 413) {
      sendHttpError(reply, 413, 'PAYLOAD_TOO_LARGE', `Request body larger than ${request.routeOptions.bodyLimit ?? ADMIN_BODY_LIMIT} bytes`);
    } else if (status === 415) {
      // A media type no parser reads (the registry process: JSON and plain text only).
      sendHttpError(reply, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON (Content-Type: application/json)', 'content-type');
    } else if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own refusals of a request it cannot read (a bad Content-Length, an aborted body).
      sendHttpError(reply, status, codeForStatus(status), 'The request body could not be read');
    } else {
      logger.error({ err: error, requestId: request.id }, 'admin API error');
      sendHttpError(reply, 500, 'INTERNAL_SERVER_ERROR', 'Internal error; see the logs');
    }
  };
}

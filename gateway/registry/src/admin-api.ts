import { AppError, BadUserInputError, ForbiddenError, httpStatusFor, type Logger, UnauthenticatedError, type Viewer } from '@ecosystem/shared';
import { type FastifyError, type FastifyPluginAsync, type FastifyReply, type FastifyRequest } from 'fastify';
import { type RegistryActor } from './actor';
import { CredentialService } from './credentials';
import { type RegistryServices } from './registry';
import { type PublicationResult } from './publication';

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

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new BadUserInputError(`${field} must be a string`, field);
  return value;
}

function requiredString(value: unknown, field: string): string {
  const text = optionalString(value, field);
  if (!text) throw new BadUserInputError(`${field} is required`, field);
  return text;
}

function publishInput(req: FastifyRequest): { name: string; url: string; sdl?: string; ownerOrg?: string; force: boolean } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const sdl = optionalString(body.sdl, 'sdl');
  const ownerOrg = optionalString(body.ownerOrg, 'ownerOrg');
  return {
    name: String(params(req).name),
    url: requiredString(body.url, 'url'),
    ...(sdl ? { sdl } : {}),
    ...(ownerOrg ? { ownerOrg } : {}),
    force: body.force === true,
  };
}

/** 200 accepted (or check passed), 422 refused: the body lists every problem with what to do. */
function sendResult(res: FastifyReply, result: PublicationResult): void {
  res.code(result.outcome === 'ACCEPTED' ? 200 : 422).send(result);
}

function params(req: FastifyRequest): Record<string, string | undefined> {
  return req.params as Record<string, string | undefined>;
}

function query(req: FastifyRequest): Record<string, unknown> {
  return req.query as Record<string, unknown>;
}

/** Largest body of an admin call: a subgraph's SDL. */
const ADMIN_BODY_LIMIT = 5 * 1024 * 1024;

/** The registry's HTTP API, registered under `/admin` (what the `subgraph` and `supergraph` CLIs call). */
export const adminApi: FastifyPluginAsync<AdminApiOptions> = async (scope, options) => {
  scope.addHook('onRoute', (route) => {
    route.bodyLimit = ADMIN_BODY_LIMIT;
  });
  // JSON bodies, an empty one read as no fields (a DELETE sent with a JSON Content-Type has none).
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, {});
    else void parseJson(request, body as string, done);
  });

  type Handler = (req: FastifyRequest, res: FastifyReply, registry: RegistryServices, actor: RegistryActor) => Promise<void>;
  const handle =
    (handler: Handler) =>
    async (req: FastifyRequest, res: FastifyReply): Promise<void> => {
      if (options.notServed) {
        res.code(404).send({ error: { code: 'REGISTRY_NOT_SERVED', message: options.notServed } });
        return;
      }
      const registry = options.registry();
      if (!registry) {
        res.code(503).send({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The gateway is starting' } });
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
    res.send({ supergraphs: await registry.publications.history(Number(query(req).limit ?? 50) || 50) });
  }));
  scope.get('/supergraphs/:version/sdl', handle(async (req, res, registry) => {
    res.type('text/plain; charset=utf-8').send(await registry.store.supergraphSdl(Number(params(req).version)));
  }));
  scope.post('/supergraphs/:version/rollback', handle(async (req, res, registry, actor) => {
    const version = Number(params(req).version);
    if (!Number.isInteger(version) || version < 1) throw new BadUserInputError('version must be a positive integer', 'version');
    res.send(await registry.publications.rollback(actor, version));
  }));
  scope.get('/publications', handle(async (req, res, registry) => {
    const subgraph = typeof query(req).subgraph === 'string' ? (query(req).subgraph as string) : undefined;
    const rows = await registry.store.publications(Number(query(req).limit ?? 50) || 50, subgraph);
    res.send({ publications: rows.map((r) => ({ ...r, report: JSON.parse(r.report) as unknown })) });
  }));
  scope.post('/credentials', handle(async (req, res, registry, actor) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const subgraphs = Array.isArray(body.subgraphs) ? body.subgraphs.map(String) : [];
    const ownerOrg = optionalString(body.ownerOrg, 'ownerOrg');
    res.code(201).send(await registry.credentials.grant(actor, { label: requiredString(body.label, 'label'), subgraphs, ownerOrg }));
  }));
  scope.delete('/credentials/:id', handle(async (req, res, registry, actor) => {
    await registry.credentials.revoke(actor, String(params(req).id));
    res.code(204).send();
  }));

  // Errors: the same codes as GraphQL errors, with the input field when there is one.
  scope.setErrorHandler((error: FastifyError | AppError, _req, res) => {
    if (error instanceof AppError) {
      const field = error.extensions.field;
      return res.code(httpStatusFor(error.code)).send({ error: { code: error.code, message: error.message, ...(field ? { field } : {}) } });
    }
    const status = (error as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // A body Fastify could not read (too large, not JSON).
      return res.code(status).send({ error: { code: status === 413 ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', message: error.message } });
    }
    options.logger.error({ err: error }, 'admin API error');
    return res.code(500).send({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error; see the logs' } });
  });
};

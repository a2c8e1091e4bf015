import { AppError, BadUserInputError, ForbiddenError, httpStatusFor, type Logger, UnauthenticatedError, type Viewer } from '@ecosystem/shared';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
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
  req: Request,
  registry: RegistryServices,
  viewerFrom: AdminApiOptions['viewerFrom'],
): Promise<RegistryActor> {
  const header = req.header('authorization');
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

function publishInput(req: Request): { name: string; url: string; sdl?: string; ownerOrg?: string; force: boolean } {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const sdl = optionalString(body.sdl, 'sdl');
  const ownerOrg = optionalString(body.ownerOrg, 'ownerOrg');
  return {
    name: String(req.params.name),
    url: requiredString(body.url, 'url'),
    ...(sdl ? { sdl } : {}),
    ...(ownerOrg ? { ownerOrg } : {}),
    force: body.force === true,
  };
}

/** 200 accepted (or check passed), 422 refused: the body lists every problem with what to do. */
function sendResult(res: Response, result: PublicationResult): void {
  res.status(result.outcome === 'ACCEPTED' ? 200 : 422).json(result);
}

/** The registry's HTTP API under `/admin` (what the `subgraph` and `supergraph` CLIs call). */
export function createAdminRouter(options: AdminApiOptions): Router {
  const router = Router();
  router.use(express.json({ limit: '5mb' }));

  type Handler = (req: Request, res: Response, registry: RegistryServices, actor: RegistryActor) => Promise<void>;
  const handle =
    (handler: Handler) =>
    (req: Request, res: Response, next: NextFunction): void => {
      if (options.notServed) {
        res.status(404).json({ error: { code: 'REGISTRY_NOT_SERVED', message: options.notServed } });
        return;
      }
      const registry = options.registry();
      if (!registry) {
        res.status(503).json({ error: { code: 'SERVICE_UNAVAILABLE', message: 'The gateway is starting' } });
        return;
      }
      authenticate(req, registry, options.viewerFrom)
        .then((actor) => handler(req, res, registry, actor))
        .catch(next);
    };

  router.get('/subgraphs', handle(async (_req, res, registry) => {
    res.json({ subgraphs: await registry.publications.list() });
  }));
  router.get('/subgraphs/:name/versions', handle(async (req, res, registry) => {
    res.json({ versions: await registry.store.subgraphVersions(String(req.params.name)) });
  }));
  router.post('/subgraphs/:name/check', handle(async (req, res, registry, actor) => {
    sendResult(res, await registry.publications.check(actor, publishInput(req)));
  }));
  router.post('/subgraphs/:name/publish', handle(async (req, res, registry, actor) => {
    sendResult(res, await registry.publications.publish(actor, publishInput(req)));
  }));
  router.delete('/subgraphs/:name', handle(async (req, res, registry, actor) => {
    sendResult(res, await registry.publications.remove(actor, String(req.params.name), req.query.force === 'true'));
  }));
  router.get('/supergraphs', handle(async (req, res, registry) => {
    res.json({ supergraphs: await registry.publications.history(Number(req.query.limit ?? 50) || 50) });
  }));
  router.get('/supergraphs/:version/sdl', handle(async (req, res, registry) => {
    res.type('text/plain').send(await registry.store.supergraphSdl(Number(req.params.version)));
  }));
  router.post('/supergraphs/:version/rollback', handle(async (req, res, registry, actor) => {
    const version = Number(req.params.version);
    if (!Number.isInteger(version) || version < 1) throw new BadUserInputError('version must be a positive integer', 'version');
    res.json(await registry.publications.rollback(actor, version));
  }));
  router.get('/publications', handle(async (req, res, registry) => {
    const subgraph = typeof req.query.subgraph === 'string' ? req.query.subgraph : undefined;
    const rows = await registry.store.publications(Number(req.query.limit ?? 50) || 50, subgraph);
    res.json({ publications: rows.map((r) => ({ ...r, report: JSON.parse(r.report) as unknown })) });
  }));
  router.post('/credentials', handle(async (req, res, registry, actor) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const subgraphs = Array.isArray(body.subgraphs) ? body.subgraphs.map(String) : [];
    const ownerOrg = optionalString(body.ownerOrg, 'ownerOrg');
    res.status(201).json(await registry.credentials.grant(actor, { label: requiredString(body.label, 'label'), subgraphs, ownerOrg }));
  }));
  router.delete('/credentials/:id', handle(async (req, res, registry, actor) => {
    await registry.credentials.revoke(actor, String(req.params.id));
    res.status(204).end();
  }));

  // Errors: the same codes as GraphQL errors, with the input field when there is one.
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    void _next;
    if (error instanceof AppError) {
      const field = error.extensions.field;
      res.status(httpStatusFor(error.code)).json({ error: { code: error.code, message: error.message, ...(field ? { field } : {}) } });
      return;
    }
    options.logger.error({ err: error }, 'admin API error');
    res.status(500).json({ error: { code: 'INTERNAL_SERVER_ERROR', message: 'Internal error; see the logs' } });
  });
  return router;
}

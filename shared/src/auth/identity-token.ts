import { SignJWT, decodeJwt, jwtVerify, errors as joseErrors } from 'jose';
import { LRUCache } from 'lru-cache';
import { UnauthenticatedError } from '../errors/app-error';
import { isRole, type Viewer } from './viewer';

/** Header on which the gateway sends the signed viewer to a subgraph. */
export const IDENTITY_HEADER = 'x-viewer-token';
export const IDENTITY_ISSUER = 'ecosystem-gateway';

export interface IdentityTokenOptions {
  secret: string;
  /** The subgraph the token is for; a subgraph accepts only tokens addressed to itself. */
  audience: string;
  /** @default 60 */
  ttlSeconds?: number;
  /**
   * Claims besides `sub` this subgraph is granted (`org`, `roles`); unset = all of them. Claims not
   * granted are left out of the token, so they never reach the subgraph.
   */
  claims?: readonly string[];
}

const encoder = new TextEncoder();

/**
 * Signs the viewer for one subgraph. Short-lived and audience-bound, so a token captured from one
 * subgraph's traffic cannot be replayed against another, nor for long.
 */
export async function signIdentityToken(viewer: Viewer, options: IdentityTokenOptions): Promise<string> {
  const granted = options.claims;
  const claims: Record<string, unknown> = {};
  if (!granted || granted.includes('roles')) claims.roles = viewer.roles;
  if (viewer.org && (!granted || granted.includes('org'))) claims.org = viewer.org;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub)
    .setIssuer(IDENTITY_ISSUER)
    .setAudience(options.audience)
    .setIssuedAt()
    .setExpirationTime(`${options.ttlSeconds ?? 60}s`)
    .sign(encoder.encode(options.secret));
}

/** Verifies a gateway identity token; throws UNAUTHENTICATED when forged, expired or misaddressed. */
export async function verifyIdentityToken(
  token: string,
  options: Omit<IdentityTokenOptions, 'ttlSeconds'>,
): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(options.secret), {
      issuer: IDENTITY_ISSUER,
      audience: options.audience,
      algorithms: ['HS256'],
    });
    if (typeof payload.sub !== 'string') throw new UnauthenticatedError('Identity token has no subject');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const viewer: Viewer = { sub: payload.sub, roles };
    if (typeof payload.org === 'string') viewer.org = payload.org;
    return viewer;
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Identity token expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw new UnauthenticatedError(`Identity token refused: ${error.claim} claim check failed`);
    }
    throw new UnauthenticatedError('Identity token refused: invalid signature or format');
  }
}

export interface IdentityTokenVerifierOptions extends Omit<IdentityTokenOptions, 'ttlSeconds'> {
  /** Tokens remembered as verified; the least recently used are forgotten first. @default 10000 */
  maxEntries?: number;
}

/**
 * Verifies each distinct token once (one subgraph, one audience and secret): a token already
 * verified is answered from a bounded cache until its own `exp`, never longer, so an expired token
 * is refused exactly as without the cache. Keyed by the whole token string, so a token differing in
 * any byte (a tampered one included) is verified afresh; refusals are not remembered.
 */
export class IdentityTokenVerifier {
  private readonly verified: LRUCache<string, { viewer: Viewer; expiresAt: number }>;

  constructor(private readonly options: IdentityTokenVerifierOptions) {
    this.verified = new LRUCache({ max: options.maxEntries ?? 10_000 });
  }

  async verify(token: string): Promise<Viewer> {
    const known = this.verified.get(token);
    // lru-cache's TTL runs on a monotonic clock; the token's expiry is wall-clock, so it is checked too.
    if (known) {
      if (known.expiresAt > Date.now()) return copyOf(known.viewer);
      this.verified.delete(token);
    }
    const viewer = await verifyIdentityToken(token, this.options);
    const { exp } = decodeJwt(token);
    const expiresAt = typeof exp === 'number' ? exp * 1000 : 0;
    const ttl = expiresAt - Date.now();
    if (ttl > 0) this.verified.set(token, { viewer: copyOf(viewer), expiresAt }, { ttl });
    return viewer;
  }

  /** Tokens remembered now (for tests and metrics). */
  get size(): number {
    return this.verified.size;
  }
}

function copyOf(viewer: Viewer): Viewer {
  return { ...viewer, roles: [...viewer.roles] };
}

import { createSecretKey, type KeyObject } from 'node:crypto';
import { isRole, signIdentityToken, UnauthenticatedError, type Viewer } from '@ecosystem/shared';
import { LRUCache } from 'lru-cache';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { type GatewayConfig } from '../config';
import { type IdentityClaimName } from '../settings/production-env';

/** The settings the verification of callers' tokens reads. */
export type IdentityVerifierConfig = Pick<
  GatewayConfig,
  | 'JWT_JWKS_URL'
  | 'JWT_SECRET'
  | 'JWKS_CACHE_MAX_AGE_MS'
  | 'JWKS_COOLDOWN_MS'
  | 'JWT_ALGORITHMS'
  | 'JWT_CLOCK_TOLERANCE_SECONDS'
  | 'JWT_ISSUER'
  | 'JWT_AUDIENCE'
  | 'JWT_CACHE_SIZE'
  | 'JWT_MAX_TTL_SECONDS'
>;

/** Verifies callers' `Authorization: Bearer` JWTs. */
export interface IdentityVerifier {
  /** No header -> null (anonymous); a bad or expired token -> UnauthenticatedError (401), never anonymous. */
  viewerFrom(header: string | undefined): Promise<Viewer | null>;
}

interface CachedViewer {
  viewer: Viewer;
  /** Epoch ms after which the token must be verified again. */
  until: number;
}

/**
 * A leaked token must stop working: its lifetime is capped (JWT_MAX_TTL_SECONDS from now, and from
 * its `iat` when it has one), and an `iat` in the future (beyond the clock tolerance) is refused, as
 * no honest issuer signs tomorrow's tokens. jose checks `exp` and `nbf` but neither of these.
 */
function assertLifetime(payload: JWTPayload, maxTtlSeconds: number, toleranceSeconds: number): void {
  const now = Math.floor(Date.now() / 1000);
  const exp = payload.exp!;
  if (typeof payload.iat === 'number' && payload.iat > now + toleranceSeconds) {
    throw new UnauthenticatedError('Token refused: iat claim is in the future');
  }
  const from = typeof payload.iat === 'number' ? Math.min(payload.iat, now) : now;
  if (exp - from > maxTtlSeconds + toleranceSeconds) {
    throw new UnauthenticatedError(`Token refused: it lives longer than ${maxTtlSeconds} s (JWT_MAX_TTL_SECONDS)`);
  }
}

/**
 * HS256 with JWT_SECRET (development), or a JWKS URL (production) through jose's
 * `createRemoteJWKSet`: keys are cached (JWKS_CACHE_MAX_AGE_MS) and an unknown `kid` triggers a
 * refetch at most every JWKS_COOLDOWN_MS, which is how key rotation is picked up. Verified tokens
 * are kept until their expiry in a bounded map, so a client reusing its token is verified once.
 */
export function createIdentityVerifier(config: IdentityVerifierConfig): IdentityVerifier {
  const key: KeyObject | JWTVerifyGetKey = config.JWT_JWKS_URL
    ? createRemoteJWKSet(new URL(config.JWT_JWKS_URL), {
        cacheMaxAge: config.JWKS_CACHE_MAX_AGE_MS,
        cooldownDuration: config.JWKS_COOLDOWN_MS,
      })
    : createSecretKey(Buffer.from(config.JWT_SECRET, 'utf8'));
  const verifyOptions = {
    // A token without `exp` would be valid forever: refused.
    requiredClaims: ['exp'],
    algorithms: config.JWT_JWKS_URL ? config.JWT_ALGORITHMS : ['HS256'],
    clockTolerance: config.JWT_CLOCK_TOLERANCE_SECONDS,
    ...(config.JWT_ISSUER ? { issuer: config.JWT_ISSUER } : {}),
    ...(config.JWT_AUDIENCE ? { audience: config.JWT_AUDIENCE } : {}),
  };
  const cacheSize = config.JWT_CACHE_SIZE;
  const cache = new Map<string, CachedViewer>();

  const verify = async (token: string): Promise<{ viewer: Viewer; payload: JWTPayload }> => {
    try {
      const { payload } =
        typeof key === 'function' ? await jwtVerify(token, key, verifyOptions) : await jwtVerify(token, key, verifyOptions);
      if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('Token has no subject');
      assertLifetime(payload, config.JWT_MAX_TTL_SECONDS, config.JWT_CLOCK_TOLERANCE_SECONDS);
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      const viewer: Viewer = { sub: payload.sub, roles };
      if (typeof payload.org === 'string') viewer.org = payload.org;
      return { viewer, payload };
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Token expired');
      if (error instanceof joseErrors.JWTClaimValidationFailed) {
        throw new UnauthenticatedError(`Token refused: ${error.claim} claim check failed`);
      }
      if (error instanceof joseErrors.JWKSNoMatchingKey) throw new UnauthenticatedError('Token refused: unknown signing key');
      if (error instanceof joseErrors.JWKSTimeout || !(error instanceof joseErrors.JOSEError)) {
        // The identity provider is unreachable or answered nonsense: still a refusal, never anonymous.
        throw new UnauthenticatedError('Token refused: signing keys unavailable');
      }
      throw new UnauthenticatedError('Token refused: invalid signature or format');
    }
  };

  return {
    async viewerFrom(header) {
      if (!header) return null;
      const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
      const token = match?.[1];
      if (!token) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
      const now = Date.now();
      const cached = cache.get(token);
      if (cached) {
        if (cached.until > now) return cached.viewer;
        cache.delete(token);
      }
      const { viewer, payload } = await verify(token);
      if (cacheSize > 0 && typeof payload.exp === 'number') {
        if (cache.size >= cacheSize) {
          // Evict the oldest entry (Map keeps insertion order).
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
        cache.set(token, { viewer, until: Math.min(payload.exp * 1000, now + 300_000) });
      }
      return viewer;
    },
  };
}

export interface IdentityTokenSignerOptions {
  /** INTERNAL_JWT_SECRET, shared with the subgraphs. */
  secret: string;
  ttlSeconds: number;
  /** Claims granted per subgraph (read at each signature: partners' grants change at run time); none = all. */
  claims: ReadonlyMap<string, readonly IdentityClaimName[]>;
}

/**
 * The one place the gateway signs the identity it passes to a subgraph (GraphQL fetches and the
 * standard exports alike): a short-lived token for that subgraph only, with the claims it is
 * granted. A subgraph not granted `sub` receives no identity at all.
 *
 * A token already signed is reused while more than half its life is left: a subgraph then sees the
 * same token string across a viewer's requests and verifies it once (its IdentityTokenVerifier),
 * instead of once per request. Keyed by everything the token says (audience, subject and the claims
 * granted), so a change of roles, organisation or grants signs a new one. Bounded: a gateway serving
 * many viewers keeps the recent ones.
 */
export class IdentityTokenSigner {
  private readonly reusable: LRUCache<string, { token: Promise<string>; renewAt: number }>;

  constructor(private readonly options: IdentityTokenSignerOptions & { maxReused?: number }) {
    this.reusable = new LRUCache({ max: options.maxReused ?? 10_000 });
  }

  /**
   * The token for `subgraph`, or undefined when it gets none. `signed` keeps one token per
   * subgraph for a request, however many fetches its plan makes.
   */
  tokenFor(viewer: Viewer, subgraph: string, signed?: Map<string, Promise<string>>): Promise<string> | undefined {
    const claims = this.options.claims.get(subgraph);
    if (claims && !claims.includes('sub')) return undefined;
    let token = signed?.get(subgraph);
    if (!token) {
      token = this.reusedOrSigned(viewer, subgraph, claims);
      signed?.set(subgraph, token);
    }
    return token;
  }

  private reusedOrSigned(viewer: Viewer, subgraph: string, claims: readonly IdentityClaimName[] | undefined): Promise<string> {
    // What the token says about the viewer, as signIdentityToken puts it (roles and org when granted).
    const said = [
      !claims || claims.includes('roles') ? viewer.roles : null,
      viewer.org && (!claims || claims.includes('org')) ? viewer.org : null,
    ];
    const key = JSON.stringify([subgraph, viewer.sub, said]);
    const now = Date.now();
    const known = this.reusable.get(key);
    if (known && known.renewAt > now) return known.token;
    const { ttlSeconds } = this.options;
    const token = signIdentityToken(viewer, {
      secret: this.options.secret,
      audience: subgraph,
      ttlSeconds,
      ...(claims ? { claims } : {}),
    });
    // Half the life: a reused token still has at least ttl/2 left for the subgraph's clock and queueing.
    if (ttlSeconds >= 2) {
      this.reusable.set(key, { token, renewAt: now + (ttlSeconds * 1000) / 2 });
      // A failed signature is not kept for the next requests.
      token.catch(() => this.reusable.delete(key));
    }
    return token;
  }
}

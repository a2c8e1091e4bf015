import { isRole, UnauthenticatedError, type Viewer } from '@ecosystem/shared';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';

export interface UserTokenOptions {
  secret: string;
  issuer?: string | undefined;
  audience?: string | undefined;
}

const encoder = new TextEncoder();

/** `Authorization: Bearer <jwt>` -> viewer; no header -> anonymous (null); a bad token -> UNAUTHENTICATED. */
export async function viewerFromAuthorization(
  header: string | undefined,
  options: UserTokenOptions,
): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  if (!match?.[1]) throw new UnauthenticatedError('Authorization header must be "Bearer <token>"');
  try {
    const { payload } = await jwtVerify(match[1], encoder.encode(options.secret), {
      algorithms: ['HS256'],
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    });
    if (typeof payload.sub !== 'string' || payload.sub === '') throw new UnauthenticatedError('Token has no subject');
    const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
    const viewer: Viewer = { sub: payload.sub, roles };
    if (typeof payload.org === 'string') viewer.org = payload.org;
    return viewer;
  } catch (error) {
    if (error instanceof UnauthenticatedError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new UnauthenticatedError('Token expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      throw new UnauthenticatedError(`Token refused: ${error.claim} claim check failed`);
    }
    throw new UnauthenticatedError('Token refused: invalid signature or format');
  }
}

/** Signs a caller token (development tooling and tests). */
export async function signUserToken(
  viewer: Viewer,
  options: UserTokenOptions & { expiresIn?: string },
): Promise<string> {
  const jwt = new SignJWT({ roles: viewer.roles, ...(viewer.org ? { org: viewer.org } : {}) })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt.setIssuer(options.issuer);
  if (options.audience) jwt.setAudience(options.audience);
  return jwt.sign(encoder.encode(options.secret));
}

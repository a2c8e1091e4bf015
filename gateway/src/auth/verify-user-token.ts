import { type Viewer } from '@ecosystem/shared';
import { SignJWT } from 'jose';

export interface UserTokenOptions {
  secret: string;
  issuer?: string | undefined;
  audience?: string | undefined;
}

const encoder = new TextEncoder();

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

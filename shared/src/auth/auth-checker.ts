import { type AuthCheckerFn } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../errors/app-error';
import { type BaseContext } from '../context/request-context';
import { hasRole, type Role } from './viewer';

/**
 * The one auth checker of every subgraph. `@Authorized()` needs a viewer; `@Authorized(Role.X)`
 * needs one of the roles (admins pass every role check). Throws coded errors instead of returning
 * false, so clients get UNAUTHENTICATED vs FORBIDDEN rather than one generic message.
 */
export const authChecker: AuthCheckerFn<BaseContext, Role> = ({ context }, roles) => {
  if (!context.viewer) throw new UnauthenticatedError();
  if (roles.length === 0 || hasRole(context.viewer, ...roles)) return true;
  throw new ForbiddenError(`Requires one of the roles: ${roles.join(', ')}`);
};

import { GraphQLError } from 'graphql';
import { ErrorCode } from './error-code';

export interface AppErrorExtensions {
  /** Dotted path of the offending input field, e.g. `input.siren`. */
  field?: string;
  [key: string]: unknown;
}

/** Base of every error the project throws on purpose: a GraphQLError with a stable code. */
export class AppError extends GraphQLError {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, extensions: AppErrorExtensions = {}) {
    super(message, { extensions: { code, ...extensions } });
    this.code = code;
    this.name = 'AppError';
  }
}

export class BadUserInputError extends AppError {
  constructor(message: string, field?: string, extensions: AppErrorExtensions = {}) {
    super(ErrorCode.BAD_USER_INPUT, message, field ? { field, ...extensions } : extensions);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(ErrorCode.NOT_FOUND, `${entity} ${id} was not found`, { entity, id });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Authentication required') {
    super(ErrorCode.UNAUTHENTICATED, message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super(ErrorCode.FORBIDDEN, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, field?: string) {
    super(ErrorCode.CONFLICT, message, field ? { field } : {});
  }
}

export class InvalidStateTransitionError extends AppError {
  constructor(entity: string, from: string, to: string) {
    super(ErrorCode.INVALID_STATE_TRANSITION, `${entity} cannot go from ${from} to ${to}`, {
      from,
      to,
    });
  }
}

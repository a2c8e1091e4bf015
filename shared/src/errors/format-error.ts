import { type GraphQLFormattedError } from 'graphql';
import { ErrorCode } from './error-code';

export interface ValidationErrorLike {
  property: string;
  constraints?: Record<string, string>;
  children?: ValidationErrorLike[];
}

export function flattenValidationErrors(errors: ValidationErrorLike[], prefix: string): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Turns type-graphql's ArgumentValidationError (class-validator) into a BAD_USER_INPUT error that
 * names the offending field, and masks unexpected errors when `maskInternal` is set.
 */
export function formatSubgraphError(
  formatted: GraphQLFormattedError,
  error: unknown,
  options: { maskInternal: boolean },
): GraphQLFormattedError {
  const original = (error as { originalError?: unknown }).originalError ?? error;
  const validationErrors = (original as { extensions?: { validationErrors?: ValidationErrorLike[] } })
    .extensions?.validationErrors;
  if (Array.isArray(validationErrors)) {
    const problems = flattenValidationErrors(validationErrors, '');
    const first = problems[0];
    return {
      ...formatted,
      message: first ? `Invalid value for ${first.field}: ${first.message}` : 'Invalid input',
      extensions: {
        code: ErrorCode.BAD_USER_INPUT,
        field: first?.field,
        problems,
      },
    };
  }
  const code = formatted.extensions?.code;
  const known = typeof code === 'string' && code in ErrorCode && code !== ErrorCode.INTERNAL_SERVER_ERROR;
  const graphQLValidation =
    code === 'GRAPHQL_VALIDATION_FAILED' ||
    code === 'GRAPHQL_PARSE_FAILED' ||
    code === 'BAD_REQUEST' ||
    code === 'OPERATION_RESOLUTION_FAILURE' ||
    code === 'PERSISTED_QUERY_NOT_FOUND' ||
    code === 'PERSISTED_QUERY_NOT_SUPPORTED';
  if (options.maskInternal && !known && !graphQLValidation) {
    return {
      message: 'Internal server error',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  }
  return formatted;
}

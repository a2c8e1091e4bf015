import { formatSubgraphError } from '@ecosystem/shared';
import { type GraphQLFormattedError } from 'graphql';
import { isTooManyTokens } from '../limits/operation-limits';
import { GatewayErrorCode } from './refuse';

const GATEWAY_CODES = new Set<string>(Object.values(GatewayErrorCode));
/** Extensions a client may see when masking is on; everything else (serviceName, exception, stacktrace, response) goes. */
const PUBLIC_EXTENSIONS = ['code', 'field', 'problems', 'cost', 'maxCost', 'retryAfter', 'reason', 'omitted', 'requestId'];
const URL_PATTERN = /\b(?:https?|mysql|redis):\/\/[^\s"')]+/gi;
/** `... from service "members"` (@apollo/gateway's wording) and the like. */
const SUBGRAPH_NAME_PATTERN = /\b(service|subgraph) "[^"]*"/gi;

/** Apollo Server 5's refusal of an APQ whose sha256Hash is not the hash of its query; it carries no code. */
const APQ_HASH_MISMATCH = 'provided sha does not match query';
/** graphql-js's hints (`Did you mean "name"?`, `Did you mean the enum value "STARTUP"?`): they map the schema. */
const SUGGESTION_PATTERN = /\s*Did you mean [^?]*\?/g;

function withoutSuggestions(error: GraphQLFormattedError): GraphQLFormattedError {
  const problems = error.extensions?.problems;
  return {
    ...error,
    message: error.message.replace(SUGGESTION_PATTERN, ''),
    ...(Array.isArray(problems)
      ? {
          extensions: {
            ...error.extensions,
            problems: problems.map((p: unknown) =>
              p && typeof p === 'object' && typeof (p as { message?: unknown }).message === 'string'
                ? { ...p, message: (p as { message: string }).message.replace(SUGGESTION_PATTERN, '') }
                : p,
            ),
          },
        }
      : {}),
  };
}

/**
 * Apollo Server's formatError for the gateway. Always: graphql-js's token-limit parse error gets
 * the TOO_MANY_TOKENS code, and no subgraph name, URL, stack or raw subgraph response is kept. With masking (production): errors without a stable code become
 * "Internal server error" (no stack, SQL, subgraph name or URL), and only public extensions stay.
 */
export function createErrorFormatter(
  mask: boolean,
  options: { hideSuggestions?: boolean } = {},
): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  const format = createMaskingFormatter(mask);
  // graphql-armor hides field suggestions of validation only; enum values of variables and of
  // subgraphs' answers carry them too, so they are removed from every error.
  return options.hideSuggestions ? (formatted, error) => withoutSuggestions(format(formatted, error)) : format;
}

function createMaskingFormatter(mask: boolean): (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError {
  return (formatted, error) => {
    let result = formatted;
    if (formatted.message === APQ_HASH_MISMATCH) {
      result = { ...formatted, extensions: { ...formatted.extensions, code: GatewayErrorCode.PERSISTED_QUERY_HASH_MISMATCH } };
    } else if (isTooManyTokens(formatted.message)) {
      result = { ...formatted, extensions: { ...formatted.extensions, code: GatewayErrorCode.TOO_MANY_TOKENS } };
    } else if (typeof formatted.extensions?.limit === 'string') {
      const { limit, ...rest } = formatted.extensions;
      result = { ...formatted, extensions: { ...rest, code: limit } };
    }
    const code = result.extensions?.code;
    if (!(typeof code === 'string' && GATEWAY_CODES.has(code))) {
      result = formatSubgraphError(result, error, { maskInternal: mask });
    }
    if (!mask) {
      // In development too, no subgraph name, URL, stack or raw subgraph response reaches a client.
      const { serviceName: _serviceName, stacktrace: _stacktrace, exception: _exception, response: _response, ...rest } = result.extensions ?? {};
      return {
        ...result,
        message: result.message.replace(URL_PATTERN, '[url]').replace(SUBGRAPH_NAME_PATTERN, '$1'),
        ...(result.extensions ? { extensions: rest } : {}),
      };
    }
    const extensions: Record<string, unknown> = {};
    for (const key of PUBLIC_EXTENSIONS) if (result.extensions?.[key] !== undefined) extensions[key] = result.extensions[key];
    return {
      message: result.message.replace(URL_PATTERN, '[url]').replace(SUBGRAPH_NAME_PATTERN, '$1'),
      ...(result.path ? { path: result.path } : {}),
      ...(result.locations ? { locations: result.locations } : {}),
      extensions,
    };
  };
}

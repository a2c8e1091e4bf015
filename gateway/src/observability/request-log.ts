import { type ApolloServerPlugin } from '@apollo/server';
import { type Logger } from '@ecosystem/shared';
import { type GatewayContext } from '../context';

/** The one JSON log line per GraphQL request. */
function logGraphqlRequest(logger: Logger, operationName: string | null | undefined, durationMs: number, errors: number): void {
  logger.info({ operationName: operationName ?? null, durationMs: Math.round(durationMs * 10) / 10, errors }, 'graphql request');
}

/** Logs every GraphQL request: operation name, duration, error count. */
export function requestLogPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors, response }) {
          const body = response.body;
          const resultErrors = body.kind === 'single' ? (body.singleResult.errors?.length ?? 0) : 0;
          logGraphqlRequest(contextValue.logger, operationName, Number(process.hrtime.bigint() - started) / 1e6, (errors?.length ?? 0) + resultErrors);
        },
      };
    },
  };
}

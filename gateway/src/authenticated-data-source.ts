import { type GraphQLDataSourceProcessOptions, RemoteGraphQLDataSource } from '@apollo/gateway';
import { type Fetcher, type FetcherResponse } from '@apollo/utils.fetcher';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, signIdentityToken } from '@ecosystem/shared';
import { type GraphQLError } from 'graphql';
import { type GatewayContext } from './context';
import { callerRefusalFrom } from './input/subgraph-refusals';

export interface AuthenticatedDataSourceOptions {
  name: string;
  url: string;
  internalJwtSecret: string;
  identityTtlSeconds: number;
}

/**
 * Fetches from one subgraph (the production GuardedDataSource swaps in pooled undici requests), forwarding the request id
 * and the viewer as a short-lived token signed for this subgraph only.
 */
export class AuthenticatedDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(private readonly options: AuthenticatedDataSourceOptions) {
    super({ url: options.url, fetcher: fetch as unknown as Fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    const headers = request.http?.headers;
    if (!headers || !('requestId' in context)) return; // health checks and SDL fetches carry no context
    headers.set(REQUEST_ID_HEADER, context.requestId);
    if (context.viewer) {
      // One signature per subgraph per request, however many fetches the plan makes.
      let token = context.identityTokens.get(this.options.name);
      if (!token) {
        token = signIdentityToken(context.viewer, {
          secret: this.options.internalJwtSecret,
          audience: this.options.name,
          ttlSeconds: this.options.identityTtlSeconds,
        });
        context.identityTokens.set(this.options.name, token);
      }
      headers.set(IDENTITY_HEADER, await token);
    }
  }

  /** A subgraph's refusal of the caller's input (HTTP 400, BAD_USER_INPUT) stays the caller's refusal. */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    return callerRefusalFrom(response.status, body) ?? error;
  }
}

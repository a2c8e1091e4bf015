import { IDENTITY_HEADER, REQUEST_ID_HEADER, type Viewer } from '@ecosystem/shared';
import { propagation, context as otelContext } from '@opentelemetry/api';
import { type IdentityTokenSigner } from '../security/identity';

/** The gateway request a subgraph request is made for (Apollo Server's context has these fields). */
export interface SubgraphCaller {
  requestId: string;
  viewer: Viewer | null;
  /** Incoming headers copied onto every subgraph request (the caller's language, PROPAGATE_HEADERS). */
  propagatedHeaders?: [name: string, value: string][] | undefined;
  /** Identity tokens signed during this request, per subgraph name (one per subgraph however many fetches). */
  identityTokens?: Map<string, Promise<string>> | undefined;
}

/**
 * What every request to a subgraph carries from the caller, GraphQL fetch and standard export
 * alike: the request id, the propagated headers, W3C trace context (tracing on), and the viewer's
 * identity token for that subgraph with the claims it is granted; never the caller's own token.
 */
export class SubgraphRequestHeaders {
  constructor(
    private readonly identity: IdentityTokenSigner,
    private readonly propagateTrace: boolean,
  ) {}

  async add(subgraph: string, caller: SubgraphCaller, set: (name: string, value: string) => void): Promise<void> {
    set(REQUEST_ID_HEADER, caller.requestId);
    if (caller.propagatedHeaders) for (const [name, value] of caller.propagatedHeaders) set(name, value);
    if (this.propagateTrace) propagation.inject(otelContext.active(), undefined, { set: (_carrier, key, value) => set(key, value) });
    const token = caller.viewer ? this.identity.tokenFor(caller.viewer, subgraph, caller.identityTokens) : undefined;
    if (token) set(IDENTITY_HEADER, await token);
  }
}

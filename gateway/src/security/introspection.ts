import { type ApolloServerPlugin, type GraphQLRequestListener } from '@apollo/server';
import { GraphQLError, OperationTypeNode, type ValidationRule } from 'graphql';
import { type GatewayContext } from '../context';
import { GatewayErrorCode } from './refuse';

export const INTROSPECTION_DISABLED_MESSAGE = 'Introspection is disabled on this endpoint';

/**
 * Refuses `__schema` and `__type` when introspection is off (production by default), with the
 * gateway's own wording and a stable code. `__typename` stays allowed: clients and health probes use it.
 * The gateway's rule rather than Apollo Server's, whose message names the implementation and tells
 * the caller how to reconfigure the server.
 */
export const introspectionDisabledRule: ValidationRule = (context) => ({
  Field(node) {
    const name = node.name.value;
    if (name !== '__schema' && name !== '__type') return;
    // Apollo Server recodes every validation error GRAPHQL_VALIDATION_FAILED; `limit` carries the
    // code through to the error formatter, as the operation limits' rules do.
    const code = GatewayErrorCode.INTROSPECTION_DISABLED;
    context.reportError(new GraphQLError(INTROSPECTION_DISABLED_MESSAGE, { nodes: [node], extensions: { code, limit: code } }));
  },
});

export const SUBSCRIPTIONS_NOT_SERVED_MESSAGE =
  'Subscriptions are not served over POST: subscribe over Server-Sent Events at /graphql/stream or WebSocket (graphql-ws) at /graphql';

/**
 * Refuses subscription operations on POST (the query planner would fail on them at execution, an
 * internal error): the caller's mistake, said as such, before any plan, with where they are served.
 * A plugin rather than a validation rule: the SSE and WebSocket transports check a subscription
 * through this same pipeline (validation, limits, masking) with `subscribing` in the context, and
 * Apollo Server caches validation per document, whatever the context.
 */
export function subscriptionsNotServedPlugin(): ApolloServerPlugin<GatewayContext> {
  // One hooks object for every request: it keeps no state.
  const hooks: GraphQLRequestListener<GatewayContext> = {
    async didResolveOperation({ operation, contextValue }) {
      if (operation?.operation !== OperationTypeNode.SUBSCRIPTION || contextValue.subscribing) return;
      throw new GraphQLError(SUBSCRIPTIONS_NOT_SERVED_MESSAGE, {
        nodes: [operation],
        extensions: { code: GatewayErrorCode.SUBSCRIPTIONS_NOT_SERVED, http: { status: 400 } },
      });
    },
  };
  return { requestDidStart: async () => hooks };
}

import { type Logger, type Viewer } from '@ecosystem/shared';
import { type SubgraphClients } from '../resilience/subgraph-clients';
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type FormattedExecutionResult,
  getArgumentValues,
  type GraphQLFormattedError,
  getOperationAST,
  GraphQLError,
  isNonNullType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
  OperationTypeNode,
  print,
  visit,
} from 'graphql';
import { createClient } from 'graphql-sse';
import { type GatewayContext } from '../context';
import { subscriptionRoutes, type SubscriptionRoute } from './subscription-routes';

/** Stable codes of a subscription's refusal or end (`extensions.code`). */
export const SubscriptionCode = {
  /** The client holds SUBSCRIPTIONS_PER_CLIENT subscriptions already. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /** The gateway serves no such subscription (no owning subgraph or no Query field to read its state). */
  SUBSCRIPTION_NOT_SERVED: 'SUBSCRIPTION_NOT_SERVED',
  /** The stream ended by the gateway: shutdown or a new supergraph (`extensions.reason`); subscribe again. */
  SUBSCRIPTION_CLOSED: 'SUBSCRIPTION_CLOSED',
  /** The owning subgraph refused the subscription or went away. */
  SUBGRAPH_UNAVAILABLE: 'SUBGRAPH_UNAVAILABLE',
} as const;

/** What a transport (SSE, WebSocket) knows of its caller. */
export interface SubscriberContext extends GatewayContext {
  /** The caller's `Authorization` header, verified again on every event (an expired or revoked token ends the stream). */
  authorization: string | undefined;
  /** Who the per-client limit counts: the viewer's `sub`, else the client's address. */
  client: string;
}

export interface GatewaySubscriptionsOptions {
  logger: Logger;
  /** At most this many open subscriptions per client. */
  perClient: number;
  /** The gateway's subgraph clients: the upstream subscription carries the caller's headers (request id, propagated headers, trace context, identity token) as a query does. */
  subgraphs: Pick<SubgraphClients, 'streamFetch'>;
  /** The URL of a subgraph's GraphQL endpoint, by name and the supergraph's URL for it (routed as the gateway routes its queries). */
  subgraphUrl(name: string, recorded: string | undefined): string | undefined;
  /** Verifies the caller again: the viewer, or throws (UNAUTHENTICATED). */
  verify(authorization: string | undefined): Promise<Viewer | null>;
  /** Runs a query through the gateway's whole pipeline (plan, limits, masking), as the given caller. */
  execute(document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, context: GatewayContext): Promise<FormattedExecutionResult>;
  /** The formatError of /graphql (masking): the gateway's own refusals and a subgraph's errors pass through it as a query's errors do. */
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
}

interface OpenStream {
  client: string;
  close(reason: 'SHUTDOWN' | 'SUPERGRAPH_CHANGED' | 'CLIENT'): void;
}

/** An error result that ends a stream (or refuses it). */
function failure(message: string, code: string, extra: Record<string, unknown> = {}): ExecutionResult {
  return { errors: [new GraphQLError(message, { extensions: { code, ...extra } })] };
}

/** Codes that end a stream whenever they come: the caller may no longer see it, or its arguments can never be read. */
const ENDS_STREAM = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT']);

/**
 * What every transport sends: a result whose errors are formatted (masked as /graphql masks them)
 * and carry the request id. The one formatting path of SSE and WebSocket: graphql-ws would call
 * `toJSON` on each error, graphql-sse would stringify it; both get plain formatted errors.
 */
function formatted(result: ExecutionResult | FormattedExecutionResult, requestId: string): ExecutionResult {
  if (!result.errors?.length) return result as ExecutionResult;
  // The gateway's own refusals (GraphQLError, coded, nothing internal) as JSON; the others were formatted already.
  const errors = (result.errors as readonly (GraphQLError | GraphQLFormattedError)[]).map((error) => {
    const plain = error instanceof GraphQLError ? error.toJSON() : error;
    return { ...plain, extensions: { ...plain.extensions, requestId: plain.extensions?.requestId ?? requestId } };
  });
  return { ...result, errors } as unknown as ExecutionResult;
}

/**
 * Subscriptions through the gateway. The owning subgraph publishes events (its PubSub); the gateway
 * subscribes there over Server-Sent Events through the subgraph clients (the caller's headers and identity token, as a query's fetches carry), and on each event reads
 * the state through its own pipeline (see subscription-routes.ts). Per event the caller's token is
 * verified again and the read is authorised as the caller: UNAUTHENTICATED or FORBIDDEN ends the
 * stream with that error. Bounded: SUBSCRIPTIONS_PER_CLIENT per client; every stream is closed on
 * shutdown and when another supergraph is served (the client subscribes again, to the new graph).
 */
export class GatewaySubscriptions {
  private schema: GraphQLSchema | undefined;
  private routes = new Map<string, SubscriptionRoute>();
  private readonly open = new Set<OpenStream>();
  private closed = false;

  constructor(private readonly options: GatewaySubscriptionsOptions) {}

  /** The API schema subscriptions are validated against (undefined before the first supergraph). */
  get apiSchema(): GraphQLSchema | undefined {
    return this.schema;
  }

  /** Open streams (for tests and metrics). */
  get openCount(): number {
    return this.open.size;
  }

  /** A supergraph is served: new routes; the streams of the previous one are closed. */
  schemaChanged(apiSchema: GraphQLSchema, supergraphSdl: string): void {
    const first = this.schema === undefined;
    const { routes, problems } = subscriptionRoutes(apiSchema, supergraphSdl);
    for (const problem of problems) this.options.logger.warn({ problem }, 'subscription not served');
    this.schema = apiSchema;
    this.routes = routes;
    if (!first) this.closeAll('SUPERGRAPH_CHANGED');
  }

  /** Shutdown: every stream ends with SUBSCRIPTION_CLOSED (reason SHUTDOWN); no new one opens. */
  shutdown(): void {
    this.closed = true;
    this.closeAll('SHUTDOWN');
  }

  private closeAll(reason: 'SHUTDOWN' | 'SUPERGRAPH_CHANGED'): void {
    for (const stream of [...this.open]) stream.close(reason);
  }

  /**
   * The transports' `subscribe`: a stream of results, or one result that refuses. Every error in
   * them is formatted and carries the request id (see `formatted`): the transports send them as they are.
   */
  subscribe(args: ExecutionArgs): AsyncGenerator<ExecutionResult> | ExecutionResult {
    const requestId = (args.contextValue as SubscriberContext).requestId;
    const opened = this.opened(args);
    return Symbol.asyncIterator in opened ? opened : formatted(opened, requestId);
  }

  private opened(args: ExecutionArgs): AsyncGenerator<ExecutionResult> | ExecutionResult {
    const context = args.contextValue as SubscriberContext;
    const operation = getOperationAST(args.document, args.operationName);
    if (!operation || operation.operation !== OperationTypeNode.SUBSCRIPTION) {
      return failure('Only subscriptions are served here: send queries and mutations to POST /graphql', 'BAD_REQUEST');
    }
    if (this.closed) return failure('The gateway is shutting down', SubscriptionCode.SUBSCRIPTION_CLOSED, { reason: 'SHUTDOWN' });
    const root = operation.selectionSet.selections[0];
    if (!root || root.kind !== Kind.FIELD || operation.selectionSet.selections.length !== 1) {
      return failure('Select the subscription field directly (not through a fragment)', 'BAD_REQUEST');
    }
    const route = this.routes.get(root.name.value);
    const url = route && this.options.subgraphUrl(route.subgraph, route.url);
    if (!route || !url) return failure(`Subscription.${root.name.value} is not served by this gateway`, SubscriptionCode.SUBSCRIPTION_NOT_SERVED);
    const mine = [...this.open].filter((s) => s.client === context.client).length;
    if (mine >= this.options.perClient) {
      return failure(`At most ${this.options.perClient} subscriptions per client (SUBSCRIPTIONS_PER_CLIENT)`, SubscriptionCode.TOO_MANY_SUBSCRIPTIONS);
    }
    const field = this.schema!.getSubscriptionType()!.getFields()[root.name.value]!;
    const argumentValues = getArgumentValues(field, root, args.variableValues ?? {});
    return this.stream(route, url, root, operation, args, argumentValues, context);
  }

  private stream(
    route: SubscriptionRoute,
    url: string,
    root: FieldNode,
    operation: OperationDefinitionNode,
    args: ExecutionArgs,
    argumentValues: Record<string, unknown>,
    context: SubscriberContext,
  ): AsyncGenerator<ExecutionResult> {
    const field = this.schema!.getSubscriptionType()!.getFields()[route.field]!;
    const parameters = field.args.length ? `(${field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ')})` : '';
    const argumentList = field.args.length ? `(${field.args.map((a) => `${a.name}: $${a.name}`).join(', ')})` : '';
    const upstreamQuery = `subscription Upstream${parameters} { ${route.field}${argumentList} { __typename ${route.fromEvent.join(' ')} } }`;
    const queryArguments = this.schema!.getQueryType()!.getFields()[route.queryField]!.args.map((a) => a.name);
    const reread = route.fromEvent.length ? undefined : rereadDocument(args.document, operation, root, route.queryField);
    // Query fields are nullable (a lost subgraph costs only its own root field) but a subscription's
    // field may not be: a refused read is then `data: null`, as the Subscription type requires.
    const responseKey = root.alias?.value ?? root.name.value;
    const conform = (result: FormattedExecutionResult): FormattedExecutionResult =>
      isNonNullType(field.type) && result.data && result.data[responseKey] === null ? { ...result, data: null } : result;
    // What the upstream stream says, queued; a close from either side wakes the reader at once.
    type Item = { value: ExecutionResult } | { error: unknown } | { complete: true };
    const queue: Item[] = [];
    let wake: () => void = () => undefined;
    const push = (item: Item): void => {
      queue.push(item);
      wake();
    };
    let closedBecause: 'SHUTDOWN' | 'SUPERGRAPH_CHANGED' | 'CLIENT' | undefined;
    const entry: OpenStream = {
      client: context.client,
      close: (reason) => {
        closedBecause ??= reason;
        push({ complete: true });
      },
    };
    this.open.add(entry);
    let dispose: (() => void) | undefined;
    let disposeClient: (() => void) | undefined;
    const options = this.options;
    const open = this.open;

    async function* events(): AsyncGenerator<ExecutionResult> {
      try {
        const client = createClient({
          url: `${url.replace(/\/$/, '')}/stream`,
          retryAttempts: 0,
          fetchFn: options.subgraphs.streamFetch(route.subgraph, context),
        });
        disposeClient = () => client.dispose();
        dispose = client.subscribe<Record<string, unknown>>(
          { query: upstreamQuery, variables: argumentValues },
          {
            next: (value) => push({ value: value as ExecutionResult }),
            error: (error) => push({ error }),
            complete: () => push({ complete: true }),
          },
          // Once the subgraph listens, the current state is sent: a screen shows it at once, and from
          // then on no change is missed.
          { connected: () => push({ value: { data: {} } }) },
        );
        context.logger.info({ subscription: route.field, subgraph: route.subgraph }, 'subscription opened');
        let reads = 0;
        for (;;) {
          while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          const item = queue.shift()!;
          if (closedBecause || 'complete' in item) break;
          if ('error' in item) {
            const reason = item.error instanceof Error ? item.error.message : JSON.stringify(item.error);
            context.logger.warn({ subscription: route.field, reason }, 'upstream subscription failed');
            yield failure(`The ${route.subgraph} subgraph ended the subscription`, SubscriptionCode.SUBGRAPH_UNAVAILABLE, { serviceName: route.subgraph });
            return;
          }
          if (item.value.errors?.length) {
            const errors = item.value.errors as readonly GraphQLFormattedError[];
            yield { errors: errors.map((e) => options.formatError(e, new GraphQLError(e.message, { extensions: e.extensions }))) } as unknown as ExecutionResult;
            return;
          }
          // An event that announces a new object (route.fromEvent): its values key the read; there is no state before the first.
          let document = reread;
          if (!document) {
            const announced = (item.value.data as Record<string, Record<string, unknown> | null> | undefined)?.[route.field];
            if (!announced) continue;
            document = rereadDocument(args.document, operation, root, route.queryField, { keep: queryArguments, values: pick(announced, route.fromEvent) });
          }
          // The caller's token again: expired or no longer valid ends the stream as a query would be refused.
          let viewer: Viewer | null;
          try {
            viewer = await options.verify(context.authorization);
          } catch (error) {
            yield failure((error as Error).message, 'UNAUTHENTICATED');
            return;
          }
          const result = await options.execute(document, args.variableValues as Record<string, unknown> | undefined, operation.name?.value, {
            ...context,
            viewer,
            requestId: `${context.requestId}-${Date.now().toString(36)}`,
            identityTokens: new Map(),
          });
          if (closedBecause) break;
          // Already formatted (masked) by Apollo Server: the transports send it as it is.
          const sent = conform(result);
          yield sent as ExecutionResult;
          // An error result of the first read (the arguments name nothing readable: bad input, an
          // unknown id) ends the stream and frees its place, as a refusal does; so does, at any read,
          // an error that says the caller may no longer see it. A partial answer (a lost subgraph's field) goes on.
          const failedRead = !!sent.errors?.length && (sent.data == null || sent.data[responseKey] == null);
          if ((reads++ === 0 && failedRead) || result.errors?.some((e) => ENDS_STREAM.has(String(e.extensions?.code)))) return;
        }
        if (closedBecause === 'SHUTDOWN' || closedBecause === 'SUPERGRAPH_CHANGED') {
          yield failure(
            closedBecause === 'SHUTDOWN' ? 'The gateway is shutting down: subscribe again' : 'The gateway now serves another supergraph: subscribe again',
            SubscriptionCode.SUBSCRIPTION_CLOSED,
            { reason: closedBecause },
          );
        }
      } finally {
        open.delete(entry);
        dispose?.();
        disposeClient?.();
        context.logger.info({ subscription: route.field, reason: closedBecause }, 'subscription closed');
      }
    }

    const inner = events();
    const stream: AsyncGenerator<ExecutionResult> = {
      next: async () => {
        const next = await inner.next();
        return next.done ? next : { done: false, value: formatted(next.value, context.requestId) };
      },
      // The client went away: wake the reader so that the generator ends now, not at the next event.
      return: (value) => {
        entry.close('CLIENT');
        return inner.return(value);
      },
      throw: (error) => {
        entry.close('CLIENT');
        return inner.throw(error);
      },
      [Symbol.asyncIterator]() {
        return stream;
      },
      [Symbol.asyncDispose]: async () => {
        await stream.return(undefined);
      },
    };
    return stream;
  }
}

function pick(object: Record<string, unknown>, names: string[]): Record<string, unknown> {
  return Object.fromEntries(names.map((name) => [name, object[name]]));
}

/**
 * The subscription as a query: its root field read through the Query field of the same type, under
 * the same response key. With `event`, only the subscription's arguments that the Query field takes
 * are kept (`keep`), the event's values (`values`: the announced object's id, an ID sent as a string) are added, and variables
 * no longer used are left out of the operation.
 */
function rereadDocument(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  root: FieldNode,
  queryField: string,
  event?: { keep: string[]; values: Record<string, unknown> },
): DocumentNode {
  const field: FieldNode = {
    ...root,
    alias: root.alias ?? { kind: Kind.NAME, value: root.name.value },
    name: { kind: Kind.NAME, value: queryField },
    ...(event
      ? {
          arguments: [
            ...(root.arguments ?? []).filter((a) => event.keep.includes(a.name.value) && !(a.name.value in event.values)),
            ...Object.entries(event.values).map(([name, value]) => ({ kind: Kind.ARGUMENT as const, name: { kind: Kind.NAME as const, value: name }, value: { kind: Kind.STRING as const, value: String(value) } })),
          ],
        }
      : {}),
  };
  const fragments = document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  let query: OperationDefinitionNode = { ...operation, operation: OperationTypeNode.QUERY, selectionSet: { kind: Kind.SELECTION_SET, selections: [field] } };
  if (event) {
    const used = new Set<string>();
    const collect = { Variable: (node: { name: { value: string } }) => void used.add(node.name.value) };
    visit({ ...query, variableDefinitions: [] }, collect);
    fragments.forEach((fragment) => visit(fragment, collect));
    query = { ...query, variableDefinitions: (query.variableDefinitions ?? []).filter((v) => used.has(v.variable.name.value)) };
  }
  return { kind: Kind.DOCUMENT, definitions: [query, ...fragments] };
}

/** For logs and tests: the query a subscription is answered with. */
export function printReread(document: DocumentNode, queryField: string, event?: { keep: string[]; values: Record<string, unknown> }): string {
  const operation = getOperationAST(document)!;
  return print(rereadDocument(document, operation, operation.selectionSet.selections[0] as FieldNode, queryField, event));
}

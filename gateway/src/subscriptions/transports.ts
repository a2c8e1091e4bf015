import { type IncomingMessage, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { acceptsEventStream, correctStreamHead, type Logger, REFUSES_METHODS, requestIdFrom, REQUEST_ID_HEADER, sseRequestProblem, type Viewer } from '@ecosystem/shared';
import { type FastifyInstance } from 'fastify';
import { type ExecutionArgs, type ExecutionResult, GraphQLError, type GraphQLFormattedError, type GraphQLSchema, parse } from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse/lib/use/fastify';
import { makeServer, CloseCode } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { type GatewayContext } from '../context';
import { type GatewayHook, syncHook } from '../http/hooks';
import { persistedQueryProblem } from '../security/persisted-query-shape';
import { GatewayErrorCode, refuse } from '../security/refuse';
import { type ConnectionsPerAddress, TOO_MANY_CONNECTIONS, TOO_MANY_CONNECTIONS_CLOSE_CODE } from './connection-limit';
import { type GatewaySubscriptions, type SubscriberContext } from './gateway-subscriptions';

/** Where subscriptions are served over Server-Sent Events (graphql-sse's protocol, distinct connections). */
export const SUBSCRIPTIONS_SSE_PATH = '/graphql/stream';
/** Where subscriptions are served over WebSocket (graphql-ws's protocol, `graphql-transport-ws`). */
export const SUBSCRIPTIONS_WS_PATH = '/graphql';
/** Code of the refusal of graphql-sse's single connection mode (PUT, DELETE) and of any other method on SUBSCRIPTIONS_SSE_PATH. */
export const METHOD_NOT_ALLOWED = GatewayErrorCode.METHOD_NOT_ALLOWED;
/** Code of a GET or POST on SUBSCRIPTIONS_SSE_PATH that does not accept `text/event-stream` (406). */
export const NOT_ACCEPTABLE = 'NOT_ACCEPTABLE';

export interface SubscriptionTransportOptions {
  subscriptions: GatewaySubscriptions;
  logger: Logger;
  /**
   * Checks a subscription through the pipeline of /graphql (parse with MAX_TOKENS, validation with
   * every rule, depth, aliases, directives and cost limits, field-suggestion hiding, masking): its
   * errors, formatted as /graphql formats them, or none.
   */
  check(query: string, variables: Record<string, unknown> | undefined, operationName: string | undefined, context: SubscriberContext): Promise<readonly GraphQLFormattedError[]>;
  /** Identity (401), rate limit (429) before the body is read, its checks after: the steps /graphql runs before its own. */
  handlers: { onRequest: GatewayHook[]; preHandler: GatewayHook[] };
  contextFor(req: IncomingMessage): GatewayContext;
  /** Verifies an `Authorization` header: the viewer, or throws (UNAUTHENTICATED). */
  verify(authorization: string | undefined): Promise<Viewer | null>;
  keepAliveMs: number;
  /** MAX_BODY_BYTES: a WebSocket message over it closes the socket (1009), as SSE answers 413. */
  maxMessageBytes: number;
  /** SUBSCRIPTION_CONNECTIONS_PER_ADDRESS: open WebSocket sockets and SSE streams per client address. */
  connections: ConnectionsPerAddress;
  /** The client's address (TRUST_PROXY_HOPS applied, as Fastify's `request.ip`), for the WebSocket upgrade. */
  clientAddress(request: IncomingMessage): string;
}

function schemaOf(subscriptions: GatewaySubscriptions): GraphQLSchema {
  const schema = subscriptions.apiSchema;
  if (!schema) throw new GraphQLError('The gateway is starting', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  return schema;
}

/** An error /graphql formatted, as graphql-ws wants it (a GraphQLError), sent as it is. */
function formattedError(formatted: GraphQLFormattedError): GraphQLError {
  return Object.assign(new GraphQLError(formatted.message), { toJSON: () => formatted });
}

/**
 * Subscriptions over Server-Sent Events at SUBSCRIPTIONS_SSE_PATH, behind the same handlers as
 * /graphql. Distinct connections mode only (one stream per subscription, GET or POST): graphql-sse's
 * single connection mode (PUT reserves a stream, DELETE stops an operation in it) would hold streams
 * open with no subscription, outside every per-client bound; it is refused 405 METHOD_NOT_ALLOWED.
 */
export function installSseSubscriptions(app: FastifyInstance, options: SubscriptionTransportOptions): void {
  const handler = createSseHandler({
    schema: () => schemaOf(options.subscriptions),
    // Validated in onSubscribe, through the pipeline of /graphql.
    validate: () => [],
    onSubscribe: async (req, params) => {
      const schema = schemaOf(options.subscriptions);
      const request = req.raw;
      const base = options.contextFor(request.raw);
      const context: SubscriberContext = {
        ...base,
        authorization: request.headers.authorization,
        // The per-client limit counts by viewer, else by address (the policies in front verified the viewer).
        client: base.viewer?.sub ?? request.ip ?? 'unknown',
      };
      const query = typeof params.query === 'string' ? params.query : '';
      const variables = params.variables ?? undefined;
      const operationName = params.operationName ?? undefined;
      const errors = await options.check(query, variables, operationName, context);
      // graphql-sse sends a result (`data` marks it as one) as the stream's only event, as it does its own validation errors.
      if (errors.length > 0) return { data: undefined, errors } as unknown as ExecutionResult;
      return { schema, document: parse(query), variableValues: variables, operationName, contextValue: context } as never;
    },
    subscribe: (args) => options.subscriptions.subscribe(args as ExecutionArgs),
    execute: (args) => options.subscriptions.subscribe(args as ExecutionArgs),
  });
  const distinctConnectionsOnly = syncHook((request, reply) => {
    if (request.method === 'GET' || request.method === 'POST') {
      if (!acceptsEventStream(request)) {
        refuse(reply, 406, NOT_ACCEPTABLE, 'Subscriptions are served as Server-Sent Events: send Accept: text/event-stream');
        return false;
      }
      // graphql-sse serves distinct connections only for exactly this Accept; any other value it takes
      // for its single connection mode ("Stream not found").
      request.headers.accept = 'text/event-stream';
      return true;
    }
    reply.header('allow', 'GET, POST');
    refuse(reply, 405, METHOD_NOT_ALLOWED, `Subscribe with GET or POST and Accept: text/event-stream, one stream per subscription; ${request.method} is not served here`);
    return false;
  });
  // Refused as /graphql refuses the same fault (400 BAD_REQUEST), with the field and the request id.
  const wellFormed = syncHook((request, reply) => {
    const problem = sseRequestProblem(request);
    if (problem) refuse(reply, 400, 'BAD_REQUEST', problem.message, { field: problem.field });
    return !problem;
  });
  const connectionLimit = syncHook((request, reply) => {
    const release = options.connections.take(request.ip);
    if (!release) {
      refuse(reply, 429, TOO_MANY_CONNECTIONS, options.connections.refusal(), { maxConnections: options.connections.max });
      return false;
    }
    reply.raw.once('close', release);
    return true;
  });
  // The methods refused are answered 405 by distinctConnectionsOnly (OPTIONS is serveOptions').
  app.route({ method: ['PUT', 'DELETE', 'PATCH'], url: SUBSCRIPTIONS_SSE_PATH, config: REFUSES_METHODS, onRequest: options.handlers.onRequest, preHandler: distinctConnectionsOnly, handler: () => undefined });
  app.route({
    method: ['GET', 'POST'],
    url: SUBSCRIPTIONS_SSE_PATH,
    exposeHeadRoute: false,
    onRequest: options.handlers.onRequest,
    preHandler: [...options.handlers.preHandler, distinctConnectionsOnly, wellFormed, connectionLimit],
    handler: async (request, reply) => {
      // graphql-sse writes the stream to the socket itself.
      reply.hijack();
      correctStreamHead(reply);
      await handler(request, reply);
    },
  });
}

/**
 * Subscriptions over WebSocket (graphql-ws) on the HTTP server's upgrades of SUBSCRIPTIONS_WS_PATH.
 * The caller's token comes in `connectionParams.authorization` (browsers cannot set headers on a
 * WebSocket) or the upgrade request's Authorization header; a bad token closes the socket (4403).
 */
export function attachWebSocketSubscriptions(server: Server, options: SubscriptionTransportOptions): { close(): Promise<void> } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
  // Messages being sent: at shutdown the streams' last message (SUBSCRIPTION_CLOSED) goes out before the sockets close.
  const sending = new Set<Promise<void>>();
  const viewers = new WeakMap<object, { viewer: Viewer | null; authorization: string | undefined }>();
  const graphqlWs = makeServer<Record<string, unknown> | undefined, { request: IncomingMessage; socket: WebSocket }>({
    schema: () => schemaOf(options.subscriptions),
    onConnect: async (ctx) => {
      // GraphiQL sends its headers editor's `Authorization` as a connection parameter, capitalised.
      const params = ctx.connectionParams ?? {};
      const fromParams = Object.entries(params).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      // A parameter that is not a string is a broken token, refused as an invalid one (never anonymous).
      if (fromParams !== undefined && fromParams !== null && typeof fromParams !== 'string') return false;
      const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
      try {
        viewers.set(ctx, { viewer: await options.verify(authorization), authorization });
        return true;
      } catch {
        return false;
      }
    },
    // Checked through the pipeline of /graphql; the arguments returned skip graphql-ws's own validation.
    onSubscribe: async (ctx, _id, payload) => {
      const schema = schemaOf(options.subscriptions);
      const identity = viewers.get(ctx) ?? { viewer: null, authorization: undefined };
      const requestId = requestIdFrom(ctx.extra.request.headers[REQUEST_ID_HEADER]);
      const context: SubscriberContext = {
        requestId,
        viewer: identity.viewer,
        logger: options.logger.child({ requestId, viewer: identity.viewer?.sub ?? null }),
        identityTokens: new Map(),
        authorization: identity.authorization,
        client: identity.viewer?.sub ?? options.clientAddress(ctx.extra.request),
      };
      // The shape check /graphql and /graphql/stream run in front of Apollo Server (persistedQueryShapeMiddleware).
      const persistedQuery = persistedQueryProblem(payload.extensions);
      if (persistedQuery) {
        return [formattedError({ message: persistedQuery.message, extensions: { code: 'BAD_REQUEST', field: persistedQuery.field, requestId } })];
      }
      const variables = payload.variables ?? undefined;
      const operationName = payload.operationName ?? undefined;
      const errors = await options.check(payload.query, variables, operationName, context);
      if (errors.length > 0) return errors.map(formattedError);
      return { schema, document: parse(payload.query), variableValues: variables, operationName, contextValue: context };
    },
    subscribe: (args) => options.subscriptions.subscribe(args),
    execute: (args) => options.subscriptions.subscribe(args),
    // The results' errors are formatted already (GatewaySubscriptions.subscribe): sent as they are,
    // where graphql-ws would call each one's `toJSON`.
    onNext: (_ctx, _id, _payload, _args, result) => result as never,
  });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== SUBSCRIPTIONS_WS_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      // Counted once upgraded (a failed handshake never calls back), refused with a close code browsers can read.
      const release = options.connections.take(options.clientAddress(request));
      if (!release) {
        ws.close(TOO_MANY_CONNECTIONS_CLOSE_CODE, `${TOO_MANY_CONNECTIONS}: at most ${options.connections.max} per client address`);
        return;
      }
      ws.once('close', release);
      // graphql-ws's own wiring for `ws` (use/ws), kept here to share the HTTP server's upgrades.
      let pong = true;
      const pinger = setInterval(() => {
        if (!pong) {
          ws.terminate();
          return;
        }
        pong = false;
        ws.ping();
      }, options.keepAliveMs);
      pinger.unref();
      ws.on('pong', () => (pong = true));
      // ws closes the socket itself (1009 past maxPayload, 1002 on a bad frame); unheard, the error would be thrown.
      ws.on('error', (err) => options.logger.warn({ reason: err.message }, 'websocket closed on a bad message'));
      const closed = graphqlWs.opened(
        {
          protocol: ws.protocol,
          send: (data) => {
            const sent = new Promise<void>((resolve, reject) => {
              if (ws.readyState !== ws.OPEN) return resolve();
              ws.send(data, (err) => (err ? reject(err) : resolve()));
            });
            sending.add(sent);
            void sent.catch(() => undefined).finally(() => sending.delete(sent));
            return sent;
          },
          close: (code, reason) => ws.close(code, reason),
          onMessage: (cb) =>
            ws.on('message', (event) => {
              cb(String(event)).catch((err: unknown) => {
                options.logger.warn({ reason: (err as Error).message }, 'websocket message failed');
                ws.close(CloseCode.InternalServerError, 'Internal server error');
              });
            }),
        },
        { request, socket: ws },
      );
      ws.once('close', (code, reason) => {
        clearInterval(pinger);
        void closed(code, String(reason));
      });
    });
  };
  server.on('upgrade', onUpgrade);
  return {
    async close() {
      server.off('upgrade', onUpgrade);
      // The streams were ended (SUBSCRIPTION_CLOSED): their generators hand graphql-ws the last result
      // on a later turn; those messages are sent before the close frame (bounded, a stuck socket waits for nobody).
      const flushed = (async () => {
        for (let turn = 0; turn < 3; turn++) {
          await new Promise((resolve) => setImmediate(resolve));
          await Promise.allSettled([...sending]);
        }
      })();
      await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
      for (const client of wss.clients) client.close(1001, 'The gateway is shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

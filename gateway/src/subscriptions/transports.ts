import { type IncomingMessage, type Server } from 'node:http';
import { type Duplex } from 'node:stream';
import { type Logger, requestIdFrom, REQUEST_ID_HEADER, type Viewer } from '@ecosystem/shared';
import { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import { type DocumentNode, type ExecutionArgs, GraphQLError, type GraphQLSchema, specifiedRules, validate, type ValidationRule } from 'graphql';
import { createHandler as createSseHandler } from 'graphql-sse/lib/use/express';
import { makeServer, CloseCode } from 'graphql-ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { type GatewayContext } from '../context';
import { type GatewaySubscriptions, type SubscriberContext } from './gateway-subscriptions';

/** Where subscriptions are served over Server-Sent Events (graphql-sse's protocol, distinct connections). */
export const SUBSCRIPTIONS_SSE_PATH = '/graphql/stream';
/** Where subscriptions are served over WebSocket (graphql-ws's protocol, `graphql-transport-ws`). */
export const SUBSCRIPTIONS_WS_PATH = '/graphql';

export interface SubscriptionTransportOptions {
  subscriptions: GatewaySubscriptions;
  logger: Logger;
  /** The rules every operation passes on /graphql (operation limits, introspection), the subscription refusal left out. */
  validationRules: ValidationRule[];
  /** Identity (401), rate limit (429), body limits: the handlers /graphql runs before its own. */
  handlers: (RequestHandler | ErrorRequestHandler)[];
  contextFor(req: Request, res: Response): GatewayContext;
  /** Verifies an `Authorization` header: the viewer, or throws (UNAUTHENTICATED). */
  verify(authorization: string | undefined): Promise<Viewer | null>;
  keepAliveMs: number;
  /** MAX_BODY_BYTES: a WebSocket message over it closes the socket (1009), as SSE answers 413. */
  maxMessageBytes: number;
}

function validator(rules: ValidationRule[]): (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[] {
  const all = [...specifiedRules, ...rules];
  return (schema, document) => validate(schema, document, all);
}

function schemaOf(subscriptions: GatewaySubscriptions): GraphQLSchema {
  const schema = subscriptions.apiSchema;
  if (!schema) throw new GraphQLError('The gateway is starting', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  return schema;
}

/** Subscriptions over Server-Sent Events at SUBSCRIPTIONS_SSE_PATH, behind the same handlers as /graphql. */
export function installSseSubscriptions(app: Express, options: SubscriptionTransportOptions): void {
  const handler = createSseHandler({
    schema: () => schemaOf(options.subscriptions),
    validate: validator(options.validationRules),
    context: (req) => {
      const express = req.raw as Request;
      const res = express.res as Response;
      const base = options.contextFor(express, res);
      const context: SubscriberContext = {
        ...base,
        authorization: express.header('authorization'),
        // The per-client limit counts by viewer, else by address (the policies in front verified the viewer).
        client: base.viewer?.sub ?? express.ip ?? 'unknown',
      };
      return context as never;
    },
    subscribe: (args) => options.subscriptions.subscribe(args as ExecutionArgs),
    execute: (args) => options.subscriptions.subscribe(args as ExecutionArgs),
  });
  const serve: RequestHandler = (req, res, next) => {
    handler(req, res).catch(next);
  };
  app.use(SUBSCRIPTIONS_SSE_PATH, ...options.handlers, serve);
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
    validate: validator(options.validationRules),
    onConnect: async (ctx) => {
      // GraphiQL sends its headers editor's `Authorization` as a connection parameter, capitalised.
      const params = ctx.connectionParams ?? {};
      const fromParams = Object.entries(params).find(([name]) => name.toLowerCase() === 'authorization')?.[1];
      const authorization = typeof fromParams === 'string' ? fromParams : ctx.extra.request.headers.authorization;
      try {
        viewers.set(ctx, { viewer: await options.verify(authorization), authorization });
        return true;
      } catch {
        return false;
      }
    },
    context: (ctx) => {
      const identity = viewers.get(ctx) ?? { viewer: null, authorization: undefined };
      const requestId = requestIdFrom(ctx.extra.request.headers[REQUEST_ID_HEADER]);
      const context: SubscriberContext = {
        requestId,
        viewer: identity.viewer,
        logger: options.logger.child({ requestId, viewer: identity.viewer?.sub ?? null }),
        identityTokens: new Map(),
        authorization: identity.authorization,
        client: identity.viewer?.sub ?? ctx.extra.request.socket.remoteAddress ?? 'unknown',
      };
      return context;
    },
    subscribe: (args) => options.subscriptions.subscribe(args),
    execute: (args) => options.subscriptions.subscribe(args),
  });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = (request.url ?? '').split('?')[0];
    if (path !== SUBSCRIPTIONS_WS_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
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

import { type FastifyReply, type FastifyRequest, type HookHandlerDoneFunction } from 'fastify';

/**
 * One step in front of a route (Fastify's `onRequest` or `preHandler` hook): it either lets the
 * request go on (`done()`) or answers it and never calls `done`, which ends the chain whatever
 * the answer's write is still doing.
 */
export type GatewayHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * A step written as a promise: resolved true, the request goes on; false, the step answered it.
 * A rejection goes to the app's error handler.
 */
export function asyncHook(step: (request: FastifyRequest, reply: FastifyReply) => Promise<boolean>): GatewayHook {
  return (request, reply, done) => {
    step(request, reply).then(
      (goOn) => {
        if (goOn) done();
      },
      (error: unknown) => done(error as Error),
    );
  };
}

/** A step with no waiting: true, the request goes on. */
export function syncHook(step: (request: FastifyRequest, reply: FastifyReply) => boolean): GatewayHook {
  return (request, reply, done) => {
    if (step(request, reply)) done();
  };
}

/** Paths as clients have always sent them (express's defaults): /graphql/ is /graphql, and case does not matter. */
export const GATEWAY_ROUTER_OPTIONS = { ignoreTrailingSlash: true, caseSensitive: false } as const;

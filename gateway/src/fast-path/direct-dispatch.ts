import { IncomingMessage, type ServerOptions, ServerResponse } from 'node:http';
import { type ErrorRequestHandler, type Express, type Request, type RequestHandler, type Response } from 'express';
import finalhandler from 'finalhandler';

export type Handler = RequestHandler | ErrorRequestHandler;

/**
 * POST /graphql without express's router (issue 10, docs/performance.md). Express matches each
 * request against every layer of the app and, inside the `/graphql` mount, wraps each of its dozen
 * handlers in a layer of its own (path matching, parameter processing, a `next` closure per step):
 * about 0.25 ms per request on the 2-core benchmark machine, a quarter of what the gateway adds to
 * a directory page at one connection. The dispatcher runs the same handlers, in the same order,
 * as express's router runs them (errors to the next four-argument handler, a thrown error or a
 * rejected promise as `next(error)`, what no handler answers to express's final handler), on the
 * same request and response objects express would make. Everything else (other paths and methods,
 * `/graphql/` and other spellings) goes to the express app unchanged.
 *
 * It may take only the routes in front of which the app has no middleware of its own for them:
 * app-wide middleware (CORS) must be passed in `handlers` too, first.
 */
export function directDispatch(app: Express, path: string, handlers: Handler[]): DirectDispatch {
  const withQuery = `${path}?`;
  // Requests and responses made with express's prototypes from the start (the server's classes):
  // no prototype swap for each request (0.015 ms of CPU each, measured). Express's app.handle still
  // sets them for what goes to it, which changes nothing for these.
  class ExpressRequest extends IncomingMessage {}
  class ExpressResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {}
  Object.setPrototypeOf(ExpressRequest.prototype, app.request);
  Object.setPrototypeOf(ExpressResponse.prototype, app.response);
  const run = handlerChain(handlers, (error, req, res) => {
    const env = app.get('env') as string;
    // Express's default: log what reaches the final handler, except in tests.
    finalhandler(req, res, { env, onerror: (failure: Error) => env !== 'test' && console.error(failure) })(error);
  });
  const dispatch = (req: IncomingMessage, res: ServerResponse): void => {
    const url = req.url ?? '';
    if (req.method !== 'POST' || (url !== path && !url.startsWith(withQuery))) {
      app(req, res);
      return;
    }
    // What express's app.handle and the `path` mount do to a request before its handlers run.
    const request = req as Request;
    const response = res as Response;
    request.res = response;
    response.req = request;
    if (!(req instanceof ExpressRequest)) Object.setPrototypeOf(request, app.request);
    if (!(res instanceof ExpressResponse)) Object.setPrototypeOf(response, app.response);
    response.locals ??= Object.create(null) as Record<string, unknown>;
    request.originalUrl = url;
    request.baseUrl = path;
    request.url = url.slice(path.length) || '/';
    if (request.url[0] !== '/') request.url = `/${request.url}`;
    request.params = {};
    run(request, response);
  };
  return Object.assign(dispatch, { serverOptions: { IncomingMessage: ExpressRequest, ServerResponse: ExpressResponse } });
}

/** The dispatcher, and the options of the HTTP server it is made for (its request and response classes). */
export type DirectDispatch = ((req: IncomingMessage, res: ServerResponse) => void) & {
  serverOptions: Pick<ServerOptions, 'IncomingMessage' | 'ServerResponse'>;
};

/**
 * Express's router semantics for one list of handlers: `next()` goes to the next request handler,
 * `next(error)` (or a throw, or a rejected promise) to the next error handler (four parameters);
 * past the last handler, `done` gets the error if any.
 */
export function handlerChain(
  handlers: Handler[],
  done: (error: unknown, req: Request, res: Response) => void,
): (req: Request, res: Response) => void {
  return (req, res) => {
    let index = 0;
    const next = (error?: unknown): void => {
      // As in a mount of express's router: 'route' (leave a route) goes on, 'router' leaves the chain.
      if (error === 'router') index = handlers.length;
      let failure = error === 'route' || error === 'router' ? undefined : error;
      while (index < handlers.length) {
        const handler = handlers[index++]!;
        const forErrors = handler.length === 4;
        if (failure === undefined ? forErrors : !forErrors) continue;
        try {
          const result: unknown =
            failure === undefined
              ? (handler as RequestHandler)(req, res, next)
              : (handler as ErrorRequestHandler)(failure, req, res, next);
          if (typeof (result as Promise<unknown> | undefined)?.then === 'function') {
            (result as Promise<unknown>).then(undefined, (rejection: unknown) => next(rejection ?? new Error('Rejected promise')));
          }
          return;
        } catch (thrown) {
          failure = thrown ?? new Error('Thrown undefined');
        }
      }
      done(failure, req, res);
    };
    next();
  };
}

import { createServer, request, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { jsonBody } from '../../production/json-body';
import { directDispatch, type Handler } from '../direct-dispatch';

const LIMIT = 64;

/** The handlers of a /graphql mount: body, its refusals, a few ways to fail, and an echo. */
function handlers(): Handler[] {
  const refusals: ErrorRequestHandler = (error: { type?: string }, _req, res, next) => {
    if (error.type === 'entity.too.large') return void res.status(413).json({ refused: 'too large' });
    if (error.type === 'entity.parse.failed') return void res.status(400).json({ refused: 'not json' });
    next(error);
  };
  const fails: RequestHandler = (req, _res, next) => {
    const body = req.body as { fail?: string } | undefined;
    if (body?.fail === 'throw') throw new Error('thrown');
    if (body?.fail === 'reject') return Promise.reject(new Error('rejected')) as never;
    if (body?.fail === 'next') return next(Object.assign(new Error('teapot'), { status: 418 }));
    if (body?.fail === 'route') return next('route');
    if (body?.fail === 'router') return next('router');
    next();
  };
  const echo: RequestHandler = (req, res) => {
    res.json({ body: req.body as unknown, url: req.url, baseUrl: req.baseUrl, originalUrl: req.originalUrl, locals: Object.keys(res.locals) });
  };
  // Asynchronous, as the gateway's identity and rate limit are: the body has arrived when it is read.
  const local: RequestHandler = (_req, res, next) => {
    res.locals.seen = true;
    setImmediate(next);
  };
  return [local, jsonBody(LIMIT), refusals, fails, echo];
}

interface Answer {
  status: number;
  type: string | undefined;
  body: string;
}

function send(server: Server, path: string, body: string | Buffer, headers: Record<string, string>, method = 'POST'): Promise<Answer> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      // Express's final handler shows the stack outside production: the frames differ, not the answer.
      const text = (): string => Buffer.concat(chunks).toString().replace(/<br> &nbsp; &nbsp;at .*?(?=<br>|<\/pre>)/g, '');
      res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: text() }));
    });
    req.on('error', reject);
    if (headers['transfer-encoding'] === 'chunked') {
      req.write(body.slice(0, 3));
      req.end(body.slice(3));
    } else if (headers['x-slow'] !== undefined) {
      // The headers and a part of the body first, the rest later: the body is not all there when read.
      req.flushHeaders();
      req.write(body.slice(0, 5));
      setTimeout(() => req.end(body.slice(5)), 30);
    } else {
      req.end(body);
    }
  });
}

const listening = (server: Server): Promise<Server> => new Promise((resolvePromise) => server.listen(0, '127.0.0.1', () => resolvePromise(server)));

describe('direct dispatch of POST /graphql (and its JSON body reader)', () => {
  let viaExpress: Server;
  let direct: Server;
  /** The dispatch on the server it is made for: requests and responses with express's prototypes from the start. */
  let directWithClasses: Server;
  let expressAnswered = 0;

  beforeAll(async () => {
    const build = (): express.Express => {
      const app = express();
      app.set('env', 'test');
      app.post('/graphql/other', (_req, res) => void res.json({ other: true }));
      app.use('/graphql', ...handlers());
      return app;
    };
    viaExpress = await listening(createServer(build()));
    const app = build();
    const dispatch = directDispatch(app, '/graphql', handlers());
    direct = await listening(
      createServer((req, res) => {
        if (req.url !== '/graphql' && !req.url?.startsWith('/graphql?')) expressAnswered += 1;
        dispatch(req, res);
      }),
    );
    const withClasses = directDispatch(build(), '/graphql', handlers());
    directWithClasses = await listening(createServer(withClasses.serverOptions, withClasses));
  });

  afterAll(async () => {
    await Promise.all([viaExpress, direct, directWithClasses].map((server) => new Promise((resolvePromise) => server.close(resolvePromise))));
  });

  const json = { 'content-type': 'application/json' };
  const cases: [string, string, string | Buffer, Record<string, string>][] = [
    ['an object', '/graphql', '{"query":"{ a }","variables":{"x":"é"}}', json],
    ['the query string kept', '/graphql?x=1', '{"a":1}', json],
    ['an array (batch)', '/graphql', ' [1,2]', json],
    ['an empty body', '/graphql', '', json],
    ['UTF-8 named', '/graphql', '{"a":"ü"}', { 'content-type': 'Application/JSON; charset=UTF-8' }],
    ['text that is not JSON', '/graphql', '{"a":', json],
    ['a JSON string, not an object', '/graphql', '"a"', json],
    ['a body over the limit', '/graphql', `{"a":"${'x'.repeat(LIMIT)}"}`, json],
    ['another charset', '/graphql', '{"a":1}', { 'content-type': 'application/json; charset=latin1' }],
    ['another type', '/graphql', 'a=1', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['a chunked body', '/graphql', '{"a":"chunked"}', { ...json, 'transfer-encoding': 'chunked' }],
    ['a body arriving after its headers', '/graphql', '{"a":"later","b":"é"}', { ...json, 'content-length': String(Buffer.byteLength('{"a":"later","b":"é"}')), 'x-slow': '1' }],
    ['text that is not JSON, arriving late', '/graphql', '{"a":"later"', { ...json, 'content-length': '12', 'x-slow': '1' }],
    ['a compressed body', '/graphql', Buffer.from([1, 2, 3]), { ...json, 'content-encoding': 'gzip' }],
    ['a thrown error', '/graphql', '{"fail":"throw"}', json],
    ['a rejected promise', '/graphql', '{"fail":"reject"}', json],
    ['next(error)', '/graphql', '{"fail":"next"}', json],
    ["next('route')", '/graphql', '{"fail":"route"}', json],
    ["next('router'), nothing answers", '/graphql', '{"fail":"router"}', json],
    ['another path', '/graphql/other', '{}', json],
  ];

  it.each(cases)('answers %s as express does', async (_name, path, body, headers) => {
    const expected = await send(viaExpress, path, body, headers);
    expect(await send(direct, path, body, headers)).toEqual(expected);
    expect(await send(directWithClasses, path, body, headers)).toEqual(expected);
  });

  it('reads bodies itself and sends other requests to express', async () => {
    const before = expressAnswered;
    const answer = await send(direct, '/graphql', '{"a":1}', json);
    expect(JSON.parse(answer.body)).toEqual({ body: { a: 1 }, url: '/', baseUrl: '/graphql', originalUrl: '/graphql', locals: ['seen'] });
    expect(expressAnswered).toBe(before);
    await send(direct, '/graphql/other', '{}', json);
    expect(expressAnswered).toBe(before + 1);
  });
});

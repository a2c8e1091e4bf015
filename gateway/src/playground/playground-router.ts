import { createReadStream } from 'node:fs';
import { type IncomingMessage } from 'node:http';
import { type FastifyInstance, type FastifyReply } from 'fastify';
import Negotiator from 'negotiator';
import { type GatewayHook } from '../http/hooks';
import { loadExampleOperations, type ExampleOperation } from './examples';
import { playgroundAssets } from './assets';
import { PLAYGROUND_CSP, renderPlaygroundPage } from './playground-page';

export interface PlaygroundOptions {
  /** The GraphQL path the page is served on (content negotiation) and talks to. @default '/graphql' */
  endpoint?: string;
  /** Folder of the example operations (`*.graphql`). @default gateway/examples */
  examplesDir?: string;
  /** CSV export path, mentioned on the page. */
  exportUrl?: string;
}

/** The path under which assets and the examples collection are served. */
export const PLAYGROUND_PATH = '/playground';

/**
 * A browser's GET (its Accept puts text/html first) gets the page; API clients (Accept: JSON, any
 * type, or none) and every POST keep getting GraphQL.
 */
export function wantsHtml(req: IncomingMessage): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (!req.headers.accept) return false;
  return new Negotiator(req).mediaType(['application/graphql-response+json', 'application/json', 'text/html']) === 'text/html';
}

/**
 * GraphiQL at /playground, its assets and example operations under /playground. Answers a
 * browser's GET of the GraphQL endpoint through the hook it returns, the first step of that route:
 * anything that is not for the page goes on to GraphQL.
 */
export function installPlayground(app: FastifyInstance, options: PlaygroundOptions = {}): GatewayHook {
  const endpoint = options.endpoint ?? '/graphql';
  const assets = playgroundAssets();
  const examples: ExampleOperation[] = loadExampleOperations(options.examplesDir);
  const page = renderPlaygroundPage({
    endpoint,
    assetsPath: `${PLAYGROUND_PATH}/assets`,
    examplesUrl: `${PLAYGROUND_PATH}/examples.json`,
    exportUrl: options.exportUrl,
  });

  const sendPage = (reply: FastifyReply): FastifyReply =>
    reply
      .header('content-security-policy', PLAYGROUND_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept')
      .type('text/html; charset=utf-8')
      .send(page);

  app.get(PLAYGROUND_PATH, (_request, reply) => sendPage(reply));
  app.get(`${PLAYGROUND_PATH}/examples.json`, (_request, reply) => reply.header('cache-control', 'no-cache').send(examples));
  app.get<{ Params: { name: string } }>(`${PLAYGROUND_PATH}/assets/:name`, (request, reply) => {
    const resolve = assets[request.params.name];
    if (!resolve) return reply.code(404).type('text/plain; charset=utf-8').send('Not found');
    let asset;
    try {
      asset = resolve();
    } catch {
      return reply.code(404).type('text/plain; charset=utf-8').send('Not installed');
    }
    const stream = createReadStream(asset.file);
    return reply.header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').type(asset.contentType).send(stream);
  });
  return (request, reply, done) => {
    // The same URL answers HTML or JSON by Accept: caches must keep them apart.
    reply.header('vary', 'Accept');
    if (!wantsHtml(request.raw)) {
      done();
      return;
    }
    sendPage(reply);
  };
}

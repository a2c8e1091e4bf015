import { listen, type RunningServer } from '@ecosystem/shared';
import { type FastifyInstance } from 'fastify';

/**
 * Serves a Fastify app on the project's Node server (its keep-alive timeouts and close), which
 * hands every request to the app's router: the server stays ours for what is not HTTP routing
 * (the WebSocket upgrade, the drain).
 */
export async function listenApp(app: FastifyInstance, port: number, host: string): Promise<RunningServer> {
  await app.ready();
  return listen((req, res) => app.routing(req, res), port, host);
}

import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { type AddressInfo } from 'node:net';
import { ConfigError } from '../config/parse-env';

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
}

/**
 * Binds a request listener (a Fastify app's `routing`, an express app). Keep-alive outlives the gateway's idle sockets so the gateway never
 * writes to a socket the subgraph has just closed.
 */
export async function listen(
  app: RequestListener,
  port: number,
  host: string,
  beforeClose: () => Promise<void> = async () => undefined,
  options: ServerOptions = {},
): Promise<RunningServer> {
  const httpServer = createServer(options, app);
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  await new Promise<void>((resolvePromise, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolvePromise());
  });
  const bound = (httpServer.address() as AddressInfo).port;
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return {
    url: `http://${shownHost}:${bound}`,
    port: bound,
    httpServer,
    close: async () => {
      await beforeClose();
      await new Promise<void>((resolvePromise) => {
        httpServer.close(() => resolvePromise());
        httpServer.closeIdleConnections();
      });
    },
  };
}

/**
 * Stops a process cleanly on SIGINT or SIGTERM: `close` runs once (a second signal is ignored), then
 * the process exits 0, or 1 when closing failed. One way for the gateway, the registry and the subgraphs.
 */
export function stopOnSignals(logger: { info(obj: object, msg: string): void; error(obj: object, msg: string): void }, close: () => Promise<unknown>): void {
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

/**
 * Ends a process whose start failed, with exit code 1: a configuration error (`ConfigError`) as its
 * lines alone, since a stack trace says nothing to the operator who must fix a setting; anything else
 * with its stack, as it is a defect or an outage to investigate. One way for every entry point.
 */
export function exitOnStartFailure(error: unknown): never {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}

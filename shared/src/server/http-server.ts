import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import { type AddressInfo } from 'node:net';

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  /** Stops accepting connections and waits for in-flight requests. */
  close(): Promise<void>;
}

/**
 * Binds an express app (or any request listener in front of one). Keep-alive outlives the gateway's idle sockets so the gateway never
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

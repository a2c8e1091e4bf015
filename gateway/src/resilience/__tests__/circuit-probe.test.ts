import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { GRAPHQL_POST, recordingFetcher } from './recording-fetcher';

/*
 * The circuit notices a subgraph's return by itself: a real HTTP server stands in for the subgraph,
 * is closed (connection refused) until the circuit opens, then listens again on the same port. No
 * client fetch happens after that, yet the circuit closes within about one probe interval, and the
 * probes are the only requests the subgraph saw meanwhile.
 */
let server: Server | undefined;
let port = 0;
const bodies: string[] = [];

async function listen(): Promise<void> {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      bodies.push(Buffer.concat(chunks).toString());
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":{"__typename":"Query"}}');
    });
  });
  await new Promise<void>((resolve) => server!.listen(port, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}

async function close(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
}

afterAll(close);

const fetcherWith = (env: Record<string, string>): ReturnType<typeof recordingFetcher> => recordingFetcher({ CIRCUIT_VOLUME_THRESHOLD: '2', SUBGRAPH_TIMEOUT_MS: '500', ...env });

const init = GRAPHQL_POST;

describe('circuit breaker health probes', () => {
  it('closes an open circuit once the subgraph answers again, with no client fetch spent as a probe', async () => {
    await listen();
    await close(); // the port is known and nothing listens on it: connection refused
    const { fetcher, states, failures, http } = fetcherWith({ CIRCUIT_PROBE_INTERVAL_MS: '200' });
    const url = `http://127.0.0.1:${port}/graphql`;
    try {
      for (let i = 0; i < 3; i++) await fetcher.fetch(url, init).catch(() => undefined);
      expect(fetcher.state).toBe('open');
      expect(failures).toEqual(['network', 'network', 'circuit_open']);

      // Still down: the probes fail and the circuit stays open.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(fetcher.state).toBe('open');

      bodies.length = 0;
      await listen();
      const back = Date.now();
      while (fetcher.state !== 'closed' && Date.now() - back < 3000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(fetcher.state).toBe('closed');
      expect(Date.now() - back).toBeLessThan(1000);
      expect(states).toEqual(['closed', 'open', 'closed']);
      // What reached the subgraph meanwhile: probes only.
      expect(bodies.length).toBeGreaterThan(0);
      expect(bodies.every((b) => b.includes('CircuitProbe'))).toBe(true);

      const response = await fetcher.fetch(url, init);
      expect(response.status).toBe(200);
    } finally {
      fetcher.shutdown();
      await http.close();
    }
  });

  it('without probes, stays open while idle (the half-open comes only with a client fetch after the reset timeout)', async () => {
    await close();
    const { fetcher, http } = fetcherWith({ CIRCUIT_PROBE_INTERVAL_MS: '0', CIRCUIT_RESET_TIMEOUT_MS: '60000' });
    const url = `http://127.0.0.1:${port}/graphql`;
    try {
      for (let i = 0; i < 3; i++) await fetcher.fetch(url, init).catch(() => undefined);
      expect(fetcher.state).toBe('open');
      await listen();
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(fetcher.state).toBe('open');
      await expect(fetcher.fetch(url, init)).rejects.toMatchObject({ reason: 'circuit_open' });
    } finally {
      fetcher.shutdown();
      await http.close();
    }
  });
});

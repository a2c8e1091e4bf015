// The baseline: stock @apollo/gateway + Apollo Server 5 with default settings, in front of the same
// subgraphs. Nothing tuned: default RemoteGraphQLDataSource (its own fetcher), default query-plan
// cache, no auth, no limits, no caching. It composes the same subgraphs with IntrospectAndCompose.
//   SUBGRAPHS='members=http://...,datasets=http://...' PORT=4200 node bench/dist/stock-gateway.js
import { type Server } from 'node:http';

import { ApolloGateway, IntrospectAndCompose } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';

// The one setting changed from stock: @apollo/gateway would otherwise report to Apollo and probe cloud
// metadata hosts, traffic that must not leave this machine (it costs the baseline nothing measurable).
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

export interface StockGateway {
  url: string;
  stop(): Promise<void>;
}

/** Starts the stock gateway on 127.0.0.1:`port` (0 = any free port). */
export async function startStockGateway(subgraphs: { name: string; url: string }[], port = 0): Promise<StockGateway> {
  const gateway = new ApolloGateway({ supergraphSdl: new IntrospectAndCompose({ subgraphs }) });
  const server = new ApolloServer({ gateway });
  await server.start();
  const app = express();
  app.get('/ready', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.use('/graphql', express.json(), expressMiddleware(server));
  const http = await new Promise<Server>((resolvePromise) => {
    const listening = app.listen(port, '127.0.0.1', () => resolvePromise(listening));
  });
  const address = http.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${bound}/graphql`,
    async stop() {
      await server.stop();
      http.closeAllConnections();
      await new Promise<void>((resolvePromise) => http.close(() => resolvePromise()));
    },
  };
}

async function main(): Promise<void> {
  const subgraphs = (process.env.SUBGRAPHS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => {
      const [name, url] = pair.split('=');
      if (!name || !url) throw new Error(`SUBGRAPHS: bad entry ${pair}`);
      return { name, url };
    });
  const running = await startStockGateway(subgraphs, Number(process.env.PORT ?? 4200));
  console.log(JSON.stringify({ msg: 'stock gateway ready', url: running.url }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

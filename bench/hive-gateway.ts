// A peer users would pick instead: Hive Gateway (@graphql-hive/gateway's runtime) serving the same
// supergraph as our gateway, on the same subgraphs, with its own JavaScript query planner
// (HIVE_PLANNER=js) or with the Rust planner of @graphql-hive/router-runtime (HIVE_PLANNER=rust).
// Defaults otherwise, except what a production deployment turns off: GraphiQL, the landing page,
// request logs. Subgraph URLs are those of the bench's subgraphs (the supergraph's are rewritten).
//   SUPERGRAPH_FILE=... SUBGRAPHS='members=http://...,...' HIVE_PLANNER=js PORT=4300 node bench/dist/hive-gateway.js
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';

/** The supergraph with each `@join__graph(name: "x", url: ...)` pointing at `urls[x]`. */
export function withSubgraphUrls(supergraph: string, urls: Record<string, string>): string {
  return supergraph.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) =>
    urls[name] ? `@join__graph(name: "${name}", url: "${urls[name]}")` : whole,
  );
}

async function main(): Promise<void> {
  const urls = Object.fromEntries(
    (process.env.SUBGRAPHS ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => pair.split('=') as [string, string]),
  );
  const supergraph = withSubgraphUrls(readFileSync(process.env.SUPERGRAPH_FILE ?? '', 'utf8'), urls);
  const planner = process.env.HIVE_PLANNER ?? 'js';
  const unifiedGraphHandler = planner === 'rust' ? (await import('@graphql-hive/router-runtime')).unifiedGraphHandler : undefined;
  const gateway = createGatewayRuntime({
    supergraph,
    graphiql: false,
    landingPage: false,
    logging: 'warn',
    // Its typings (ESM) and the runtime's (CommonJS) name the same type twice.
    ...(unifiedGraphHandler ? { unifiedGraphHandler: unifiedGraphHandler as never } : {}),
  });
  const port = Number(process.env.PORT ?? 4300);
  // The runtime answers /graphql and its own readiness check, /readiness.
  const server = createServer(gateway);
  await new Promise<void>((resolvePromise) => server.listen(port, '127.0.0.1', () => resolvePromise()));
  console.log(JSON.stringify({ msg: 'hive gateway ready', planner, url: `http://127.0.0.1:${port}/graphql` }));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}

// The floor of the W1 overhead target: a raw HTTP forwarder in front of the members subgraph, with
// no GraphQL at all (no parsing, no plan, no result shaping, no plugins): bytes in, bytes out, over
// a keep-alive agent. Whatever a gateway process in that position does, it costs at least this
// hop; the report shows it next to our gateway's W1 latency at one connection.
//   TARGET=http://127.0.0.1:4001/graphql PORT=4300 node bench/dist/raw-forwarder.js
import { Agent, createServer, request } from 'node:http';

const target = new URL(process.env.TARGET ?? 'http://127.0.0.1:4001/graphql');
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

const server = createServer((req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"status":"ready"}');
    return;
  }
  const headers: Record<string, string> = { 'content-type': req.headers['content-type'] ?? 'application/json' };
  if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
  const upstream = request({ host: target.hostname, port: target.port, path: target.pathname, method: req.method, agent, headers }, (answer) => {
    const out: Record<string, string> = { 'content-type': answer.headers['content-type'] ?? 'application/json' };
    if (answer.headers['content-length']) out['content-length'] = answer.headers['content-length'];
    res.writeHead(answer.statusCode ?? 502, out);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    if (!res.headersSent) res.writeHead(502);
    res.end();
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 4300), '127.0.0.1');

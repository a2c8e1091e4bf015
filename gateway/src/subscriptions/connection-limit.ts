import { type IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Stable code of the refusal of one more subscription connection from an address (SSE: 429 with it; WebSocket: close code and reason). */
export const TOO_MANY_CONNECTIONS = 'TOO_MANY_CONNECTIONS';
/** WebSocket close code of that refusal: RFC 6455's "Try Again Later" (graphql-ws clients retry it, with backoff). */
export const TOO_MANY_CONNECTIONS_CLOSE_CODE = 1013;

/**
 * The client address of a request as the gateway's `request.ip` computes it with TRUST_PROXY_HOPS
 * (RequestPolicies.fastifyOptions): the WebSocket upgrade has no Fastify request, and a cap counted
 * by the proxy's address would refuse every client behind it.
 */
export function clientAddressOf(trustProxyHops: number): (request: IncomingMessage) => string {
  // The hop count's compilation, the same as the app's trustProxy.
  const trust = (_address: string, hop: number): boolean => hop < trustProxyHops;
  return (request) => (trustProxyHops > 0 ? proxyaddr(request, trust) : request.socket.remoteAddress) ?? 'unknown';
}

/**
 * Open subscription connections (WebSocket sockets and Server-Sent Events streams) per client
 * address, at most `max` each. SUBSCRIPTIONS_PER_CLIENT bounds the subscriptions of a viewer; this
 * bounds what one address holds open whatever the tokens it presents, sockets without any
 * subscription included.
 */
export class ConnectionsPerAddress {
  private readonly open = new Map<string, number>();

  constructor(readonly max: number) {}

  /** Takes a place for `address`: the function that gives it back (once), or undefined when the address holds `max` already. */
  take(address: string): (() => void) | undefined {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return undefined;
    this.open.set(address, count + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.open.get(address) ?? 1) - 1;
      if (left > 0) this.open.set(address, left);
      else this.open.delete(address);
    };
  }

  /** Connections `address` holds open (for tests and metrics). */
  count(address: string): number {
    return this.open.get(address) ?? 0;
  }

  refusal(): string {
    return `At most ${this.max} subscription connections per client address (SUBSCRIPTION_CONNECTIONS_PER_ADDRESS)`;
  }
}

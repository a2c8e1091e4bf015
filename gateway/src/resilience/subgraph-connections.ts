import { EventEmitter } from 'node:events';
import { STATUS_CODES } from 'node:http';
import { Agent } from 'undici';

/** What the data source reads of a subgraph's answer (it never streams one). */
export interface SubgraphResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  json(): Promise<unknown>;
  text(): Promise<string>;
}

export interface SubgraphRequestInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface SubgraphConnectionsOptions {
  /** Most sockets open to one subgraph (SUBGRAPH_CONNECTIONS); 0 = as many as requests in flight. */
  connectionsPerSubgraph: number;
}

/**
 * Keep-alive connections to the subgraphs: an undici Agent (one pool per subgraph origin, sized by
 * `connectionsPerSubgraph`) and its `request`. The answer is read whole before it is handed on:
 * subgraph answers are JSON documents the gateway parses whole anyway, and the fetch's timeout
 * then covers the body as well as the headers.
 */
export class SubgraphConnections {
  private readonly agent: Agent;
  private readonly targets = new Map<string, { origin: string; path: string }>();

  constructor(options: SubgraphConnectionsOptions) {
    this.agent = new Agent({
      ...(options.connectionsPerSubgraph > 0 ? { connections: options.connectionsPerSubgraph } : {}),
      // Subgraphs keep idle sockets 65 s; the pools let them go sooner, so none reuses one being closed.
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  /** Sends one request; after `timeoutMs` it fails with a TimeoutError (as AbortSignal.timeout's). */
  async fetch(url: string, init: SubgraphRequestInit, timeoutMs?: number): Promise<SubgraphResponse> {
    const target = this.target(url);
    // undici takes an EventEmitter as the request's signal: one per fetch costs far less than an
    // AbortController, whose signal is an EventTarget (a measurable share of every fetch). A timer
    // cleared on completion rather than AbortSignal.timeout(), whose timer and signal live on for
    // the whole timeout after every fetch.
    const signal = timeoutMs === undefined ? undefined : new EventEmitter();
    let timedOut = false;
    const timer = signal
      ? setTimeout(() => {
          timedOut = true;
          signal.emit('abort');
        }, timeoutMs)
      : undefined;
    try {
      const answer = await this.agent.request({
        origin: target.origin,
        path: target.path,
        method: (init.method ?? 'POST') as 'POST',
        headers: init.headers ?? {},
        body: init.body ?? null,
        ...(signal ? { signal } : {}),
      });
      const text = await answer.body.text();
      return bufferedResponse(url, answer.statusCode, answer.headers, text);
    } catch (error) {
      // What AbortSignal.timeout()'s abort gives: callers tell a timeout by the error's name.
      if (timedOut) throw new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** A subgraph URL's origin and path, parsed once per URL (a handful of subgraph URLs, every fetch). */
  private target(url: string): { origin: string; path: string } {
    let target = this.targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      // Bounded: URLs come from the supergraph, but a stream of distinct ones must not grow the map.
      if (this.targets.size >= 1000) this.targets.clear();
      this.targets.set(url, target);
    }
    return target;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** A subgraph's answer, read whole, as the data source reads it. */
function bufferedResponse(url: string, status: number, headers: Record<string, string | string[] | undefined>, text: string): SubgraphResponse {
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: STATUS_CODES[status] ?? '',
    url,
    headers: {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    json: () => Promise.resolve().then(() => JSON.parse(text) as unknown),
    text: () => Promise.resolve(text),
  };
}

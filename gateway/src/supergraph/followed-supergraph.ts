import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { type SupergraphManager, type SupergraphSdlHook } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { type AcceptedSupergraph, keepSupergraph, readKeptSupergraph, supergraphHash, type SupergraphMember } from '@ecosystem/registry';
import { parse, print } from 'graphql';
import { ConfigError } from '@ecosystem/shared';
import { CORE_SUBGRAPHS } from '../config';
import { swapSupergraph, type SwapOptions } from './swap';

type SupergraphSdlHookOptions = Parameters<SupergraphSdlHook>[0];

/**
 * Where a followed supergraph comes from: a file (SUPERGRAPH_FILE) or a registry process over HTTP
 * (REGISTRY_URL). The gateway composes nothing from it; it serves the text it is given.
 */
export interface SupergraphSource {
  /** For the logs: the file or the URL. */
  readonly label: string;
  /** The setting that names the source: what a start-up error tells the operator to fix. */
  readonly setting: 'SUPERGRAPH_FILE' | 'REGISTRY_URL';
  /** What to do when the source gives no valid supergraph at start (ends the start-up error). */
  readonly remedy: string;
  /** The supergraph SDL now; `undefined` when unchanged since the last read (an HTTP 304). */
  read(): Promise<string | undefined>;
  /** Calls `changed` whenever the text may have changed; returns the function that stops watching. */
  watch(changed: () => void): () => void;
}

/** A supergraph file on disk, polled (stat): an editor or `mv` replacing it, a bind mount, a network file system are seen alike. */
export function fileSource(file: string, intervalMs = 500): SupergraphSource {
  return {
    label: file,
    setting: 'SUPERGRAPH_FILE',
    remedy: 'set SUPERGRAPH_FILE to a readable Federation 2 supergraph SDL file (see README, "Another router, the same supergraph"), or unset it to compose the core subgraphs here',
    read: async () => readFileSync(file, 'utf8'),
    watch(changed) {
      watchFile(file, { interval: intervalMs, persistent: false }, (now, before) => {
        if (now.mtimeMs !== before.mtimeMs || now.size !== before.size || now.ino !== before.ino) changed();
      });
      return () => unwatchFile(file);
    },
  };
}

/**
 * The source refused this gateway's credentials (HTTP 401/403): a configuration error (REGISTRY_TOKEN),
 * which waiting does not cure.
 */
export class SourceRefusedError extends Error {}

/** The registry process at `baseUrl` (`GET /supergraph`, revalidated with its ETag), polled every `intervalMs`. */
export function registrySource(baseUrl: string, intervalMs: number, token?: string): SupergraphSource {
  const url = `${baseUrl.replace(/\/$/, '')}/supergraph`;
  let etag: string | undefined;
  return {
    label: url,
    setting: 'REGISTRY_URL',
    remedy: 'set REGISTRY_URL to the base URL of a registry process (`npm run registry`, e.g. http://registry:4100)',
    async read() {
      const response = await fetch(url, {
        headers: { ...(etag ? { 'if-none-match': etag } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        signal: AbortSignal.timeout(10_000),
      });
      if (response.status === 304) return undefined;
      if (response.status === 401 || response.status === 403) {
        throw new SourceRefusedError(`${url} refused this gateway's REGISTRY_TOKEN (HTTP ${response.status}): set REGISTRY_TOKEN to the registry's token`);
      }
      if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
      const sdl = await response.text();
      etag = response.headers.get('etag') ?? undefined;
      return sdl;
    },
    watch(changed) {
      const timer = setInterval(changed, Math.max(intervalMs, 100));
      timer.unref();
      return () => clearInterval(timer);
    },
  };
}

/**
 * The members of a supergraph, as its `join__graph` directives name them (URLs from the supergraph,
 * not from the gateway's configuration). Throws when the text is not a valid Federation 2
 * supergraph: the validation @apollo/gateway runs when it loads one.
 */
export function supergraphMembers(sdl: string): SupergraphMember[] {
  return Supergraph.build(sdl)
    .subgraphs()
    .values()
    .map((subgraph) => ({
      name: subgraph.name,
      url: subgraph.url,
      sdl: '',
      kind: (CORE_SUBGRAPHS as readonly string[]).includes(subgraph.name) ? ('core' as const) : ('partner' as const),
    }));
}

/**
 * What identifies a supergraph whatever its form: the hash of its SDL printed from its syntax tree, so
 * that comments, blank lines and indentation are not a change (an edited comment must not end the open
 * subscriptions). Call on a text `supergraphMembers` accepted.
 */
export function supergraphIdentity(sdl: string): string {
  return supergraphHash(print(parse(sdl)));
}

/** A start-up error is one line: the composer's multi-line reasons are joined. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '; ');
}

export interface FollowedSupergraphOptions extends SwapOptions {
  source: SupergraphSource;
  /** How long start-up retries a source that does not answer (a registry process starting too). @default 0 */
  startupTimeoutMs?: number;
  /** @default 1000 */
  retryIntervalMs?: number;
  /**
   * Where each supergraph served is kept (`$DATA_DIR/supergraph.graphql`): when the source does not
   * answer within `startupTimeoutMs`, the gateway starts from it (else from `shippedSupergraphFile`)
   * and keeps following the source. Without it, start-up fails when the source does not answer.
   */
  keptSupergraphFile?: string;
  /** The core supergraph built with the gateway, served when nothing was kept yet. */
  shippedSupergraphFile?: string;
}

/**
 * Serves the supergraph of a source and follows it: composes nothing. At start the source must give
 * a valid supergraph (a registry process is retried until `startupTimeoutMs`); afterwards a changed
 * text that is a valid supergraph is hot-swapped like a publication (plan cache warmed, requests in
 * flight drained at the swap gate), and an invalid or unreadable one is logged while the previous
 * supergraph keeps serving.
 */
export class FollowedSupergraphManager implements SupergraphManager {
  private update: ((sdl: string) => void) | undefined;
  private current: AcceptedSupergraph | undefined;
  /** `supergraphIdentity` of `current`. */
  private currentIdentity: string | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stopWatching: (() => void) | undefined;
  private stopped = false;

  constructor(private readonly options: FollowedSupergraphOptions) {}

  get supergraphSdl(): string | undefined {
    return this.current?.sdl;
  }

  /** The supergraph being served; its version counts the changes followed since start (1, 2, ...). */
  get serving(): AcceptedSupergraph | undefined {
    return this.current;
  }

  async initialize({ update }: SupergraphSdlHookOptions): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.update = update;
    const { source, logger } = this.options;
    const deadline = Date.now() + (this.options.startupTimeoutMs ?? 0);
    let sdl: string | undefined;
    let fallback: { sdl: string; members: SupergraphMember[]; file: string } | undefined;
    for (;;) {
      try {
        sdl = await source.read();
        if (sdl !== undefined) break;
      } catch (error) {
        const reason = (error as Error).message;
        if (error instanceof SourceRefusedError) logger.error({ source: source.label, reason }, 'the supergraph source refuses this gateway: check REGISTRY_TOKEN');
        if (Date.now() >= deadline) {
          fallback = this.fallback();
          if (!fallback) throw new ConfigError([`${source.setting}: ${source.label} could not be read (${oneLine(reason)}): ${source.remedy}`]);
          logger.warn({ source: source.label, reason, file: fallback.file }, 'supergraph source unreachable at start: serving the last kept supergraph; following the source when it answers');
          break;
        }
        if (!(error instanceof SourceRefusedError)) logger.info({ source: source.label, reason }, 'waiting for the supergraph source');
        await new Promise((resolve) => setTimeout(resolve, this.options.retryIntervalMs ?? 1000));
      }
    }
    if (fallback) {
      this.current = { version: 1, sdl: fallback.sdl, members: fallback.members };
      this.currentIdentity = supergraphIdentity(fallback.sdl);
    } else {
      let members: SupergraphMember[];
      try {
        members = supergraphMembers(sdl!);
      } catch (error) {
        throw new ConfigError([`${source.setting}: ${source.label} is not a valid supergraph (${oneLine((error as Error).message)}): ${source.remedy}`]);
      }
      this.current = { version: 1, sdl: sdl!, members };
      this.currentIdentity = supergraphIdentity(sdl!);
      this.keep(sdl!);
      logger.info({ source: source.label, subgraphs: members.map((m) => `${m.name}=${m.url}`) }, 'serving the followed supergraph');
    }
    this.stopWatching = source.watch(() => {
      this.exclusive(() => this.reload()).catch((error: unknown) => {
        logger.error({ source: source.label, reason: (error as Error).message }, 'supergraph not applied; the previous supergraph keeps serving');
      });
    });
    return { supergraphSdl: this.current.sdl, cleanup: () => this.cleanup() };
  }

  /** The last kept supergraph, else the shipped core one: the first of them that is a valid supergraph. */
  private fallback(): { sdl: string; members: SupergraphMember[]; file: string } | undefined {
    for (const file of [this.options.keptSupergraphFile, this.options.shippedSupergraphFile]) {
      const sdl = file ? readKeptSupergraph(file) : undefined;
      if (!file || sdl === undefined) continue;
      try {
        return { sdl, members: supergraphMembers(sdl), file };
      } catch (error) {
        this.options.logger.error({ file, reason: (error as Error).message }, 'kept supergraph is not a valid supergraph; not served');
      }
    }
    return undefined;
  }

  private keep(sdl: string): void {
    if (this.options.keptSupergraphFile) keepSupergraph(this.options.keptSupergraphFile, sdl);
  }

  /** Runs `task` after every reload already queued. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads the source again and serves it when it changed and is a valid supergraph; true when it swapped. */
  async reload(): Promise<boolean> {
    if (this.stopped) return false;
    const { source, logger } = this.options;
    let sdl: string | undefined;
    try {
      sdl = await source.read();
    } catch (error) {
      if (error instanceof SourceRefusedError) {
        logger.error({ source: source.label, reason: (error as Error).message }, 'the supergraph source refuses this gateway: check REGISTRY_TOKEN; the previous supergraph keeps serving');
        return false;
      }
      // Deleted, being replaced, or the registry is restarting: the next change is read again.
      logger.warn({ source: source.label, reason: (error as Error).message }, 'supergraph source unreadable; the previous supergraph keeps serving');
      return false;
    }
    if (sdl === undefined || sdl === this.current?.sdl) return false;
    let members: SupergraphMember[];
    try {
      members = supergraphMembers(sdl);
    } catch (error) {
      logger.error({ source: source.label, reason: (error as Error).message }, 'supergraph source is not a valid supergraph; the previous supergraph keeps serving');
      return false;
    }
    const identity = supergraphIdentity(sdl);
    if (identity === this.currentIdentity) {
      logger.info({ source: source.label }, 'supergraph source changed in form only (comments, layout): nothing to swap');
      return false;
    }
    const next: AcceptedSupergraph = { version: (this.current?.version ?? 0) + 1, sdl, members };
    await swapSupergraph(this.options, next.sdl, () => {
      this.update?.(next.sdl);
      this.current = next;
      this.currentIdentity = identity;
    });
    this.keep(next.sdl);
    logger.info({ source: source.label, version: next.version, subgraphs: members.map((m) => `${m.name}=${m.url}`) }, 'supergraph source changed: now serving it');
    return true;
  }

  private async cleanup(): Promise<void> {
    this.stopped = true;
    this.stopWatching?.();
  }
}

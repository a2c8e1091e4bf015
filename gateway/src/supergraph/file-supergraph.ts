import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { type SupergraphManager, type SupergraphSdlHook } from '@apollo/gateway';
import { Supergraph } from '@apollo/federation-internals';
import { type Logger } from '@ecosystem/shared';
import { CORE_SUBGRAPHS } from '../config';
import { type AcceptedSupergraph, type SupergraphMember } from '@ecosystem/registry';
import { swapSupergraph, type SwapOptions } from './swap';

type SupergraphSdlHookOptions = Parameters<SupergraphSdlHook>[0];

export interface FileSupergraphOptions extends SwapOptions {
  /** The supergraph SDL file (SUPERGRAPH_FILE). */
  file: string;
  logger: Logger;
  /** How often the file's modification time and size are looked at. @default 500 */
  watchIntervalMs?: number;
}

/**
 * The members of a supergraph, as its `join__graph` directives name them: the routing URLs come from
 * the supergraph, never from the gateway's configuration. Throws when the text is not a valid
 * Federation 2 supergraph (the same validation @apollo/gateway runs when it loads one).
 */
export function supergraphMembers(sdl: string): SupergraphMember[] {
  const supergraph = Supergraph.build(sdl);
  return supergraph.subgraphs().values().map((subgraph) => ({
    name: subgraph.name,
    url: subgraph.url,
    sdl: '',
    kind: (CORE_SUBGRAPHS as readonly string[]).includes(subgraph.name) ? ('core' as const) : ('partner' as const),
  }));
}

/**
 * Serves the supergraph of a file (static mode): composes nothing, reads the file at start (a missing
 * or invalid file stops the start), then follows the file on disk. A changed file that is a valid
 * supergraph is hot-swapped like a registry's publication (plan cache warmed, requests in flight
 * drained at the swap gate); an invalid one is logged and the previous supergraph keeps serving.
 * The file is polled (stat) rather than watched with inotify: an editor or `mv` that replaces the
 * file, a bind mount or a network file system are all seen the same way.
 */
export class FileSupergraphManager implements SupergraphManager {
  private update: ((sdl: string) => void) | undefined;
  private current: AcceptedSupergraph | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: FileSupergraphOptions) {}

  get supergraphSdl(): string | undefined {
    return this.current?.sdl;
  }

  /** The supergraph being served; its version counts the file's accepted changes since start (1, 2, ...). */
  get serving(): AcceptedSupergraph | undefined {
    return this.current;
  }

  async initialize({ update }: SupergraphSdlHookOptions): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.update = update;
    const sdl = readFileSync(this.options.file, 'utf8');
    let members: SupergraphMember[];
    try {
      members = supergraphMembers(sdl);
    } catch (error) {
      throw new Error(`SUPERGRAPH_FILE ${this.options.file} is not a valid supergraph: ${(error as Error).message}`);
    }
    this.current = { version: 1, sdl, members };
    this.options.logger.info({ file: this.options.file, subgraphs: members.map((m) => `${m.name}=${m.url}`) }, 'serving the supergraph file');
    watchFile(this.options.file, { interval: this.options.watchIntervalMs ?? 500, persistent: false }, (now, before) => {
      if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
      this.exclusive(() => this.reload()).catch((error: unknown) => {
        this.options.logger.error({ file: this.options.file, reason: (error as Error).message }, 'supergraph file not applied; the previous supergraph keeps serving');
      });
    });
    return { supergraphSdl: sdl, cleanup: () => this.cleanup() };
  }

  /** Runs `task` after every reload already queued. */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Reads the file again and serves it when it changed and is a valid supergraph; true when it swapped. */
  async reload(): Promise<boolean> {
    if (this.stopped) return false;
    let sdl: string;
    try {
      sdl = readFileSync(this.options.file, 'utf8');
    } catch (error) {
      // Deleted, or being replaced: keep serving; the next change of the file is read again.
      this.options.logger.warn({ file: this.options.file, reason: (error as Error).message }, 'supergraph file unreadable; the previous supergraph keeps serving');
      return false;
    }
    if (sdl === this.current?.sdl) return false;
    let members: SupergraphMember[];
    try {
      members = supergraphMembers(sdl);
    } catch (error) {
      this.options.logger.error({ file: this.options.file, reason: (error as Error).message }, 'supergraph file is not a valid supergraph; the previous supergraph keeps serving');
      return false;
    }
    const next: AcceptedSupergraph = { version: (this.current?.version ?? 0) + 1, sdl, members };
    await swapSupergraph(this.options, next.sdl, () => {
      this.update?.(next.sdl);
      this.current = next;
    });
    this.options.logger.info({ file: this.options.file, version: next.version, subgraphs: members.map((m) => `${m.name}=${m.url}`) }, 'supergraph file changed: now serving it');
    return true;
  }

  private async cleanup(): Promise<void> {
    this.stopped = true;
    unwatchFile(this.options.file);
  }
}

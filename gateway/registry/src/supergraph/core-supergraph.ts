import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Logger } from '@ecosystem/shared';
import { composeSupergraph, CompositionError, fetchSubgraphSdl, type SubgraphSource } from './compose';

/** One subgraph of an accepted supergraph (same shape as the registry's manifest entries). */
export interface SupergraphMember extends SubgraphSource {
  kind: 'core' | 'partner';
  version?: number;
}

/** A supergraph the gateway accepted: what it serves, or served. */
export interface AcceptedSupergraph {
  /** 1, 2, ... (0 when there is no registry and nothing was ever accepted). */
  version: number;
  sdl: string;
  members: SupergraphMember[];
}

/** Where accepted supergraphs are kept (the registry's database); optional. */
export interface SupergraphStore {
  /** The newest accepted supergraph, if any. */
  latest(): Promise<AcceptedSupergraph | null>;
  /** The newest accepted version number (cheap: polled by every replica). */
  latestVersion(): Promise<number>;
  /** Records a supergraph composed from the live core subgraphs. */
  recordRefresh(sdl: string, members: SupergraphMember[]): Promise<AcceptedSupergraph>;
}

/** What the registry's services need of the supergraph being served: read it, change it one at a time. */
export interface SupergraphPublisher {
  /** The supergraph being served, with its version and members. */
  readonly serving: AcceptedSupergraph | undefined;
  /** Runs `task` after every change already queued. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Serves an accepted supergraph (call inside `exclusive()`). */
  swapNow(accepted: AcceptedSupergraph): Promise<void>;
}

/** The hook @apollo/gateway's `SupergraphManager.initialize` receives (its `update`), structurally. */
export interface SupergraphUpdateHook {
  update(sdl: string): void;
}

export interface CoreSupergraphManagerOptions {
  logger: Logger;
  /**
   * Hands a new supergraph to its consumer: the gateway warms its query-plan cache and drains the
   * requests in flight, then runs `apply`. Default: `apply` at once.
   */
  swap?: (sdl: string, apply: () => void) => Promise<void>;
  subgraphs: { name: string; url: string }[];
  /** File holding the last accepted supergraph. */
  supergraphFile: string;
  /**
   * The core supergraph composed at build time (`npm run schema`): served at a first start when a
   * core subgraph does not answer. Without it, start-up waits `startupTimeoutMs` for the subgraphs.
   */
  shippedSupergraphFile?: string;
  /** How long start-up waits for the subgraphs when there is no accepted or shipped supergraph. */
  startupTimeoutMs: number;
  /** @default 2000 */
  retryIntervalMs?: number;
  /** The registry's store of accepted supergraphs; without it, versions live in memory only. */
  store?: SupergraphStore;
  /** How often a replica looks for a supergraph accepted by another replica; 0 = never. @default 0 */
  pollIntervalMs?: number;
}

/**
 * Keeps the supergraph being served in `file` (`$DATA_DIR/supergraph.graphql`), atomically: written
 * beside it and renamed, so that a gateway killed mid-write restarts from the previous whole file.
 */
export function keepSupergraph(file: string, sdl: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, sdl);
  renameSync(`${file}.tmp`, file);
}

/** The supergraph kept in `file` by `keepSupergraph`, if any. */
export function readKeptSupergraph(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

export function supergraphHash(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex');
}

/**
 * The registry's supergraph: what a gateway following the registry serves (it is an
 * @apollo/gateway `SupergraphManager`), and what a registry running as its own process hands to the
 * gateways polling it. It composes the subgraphs' SDL in-process, keeps the
 * last accepted supergraph on disk (and in the registry when there is one), and at start serves the
 * last accepted one at once when it exists (so the gateway comes up while a subgraph is down),
 * refreshing from the live core subgraphs in the background. With no accepted one, it composes
 * the live core subgraphs, or, when one of them does not answer, serves the core supergraph
 * shipped with the gateway until they all do. `swapNow()` hands an accepted supergraph to its
 * consumer (`options.swap`); changes are serialised with `exclusive()`.
 */
export class CoreSupergraphManager implements SupergraphPublisher {
  private update: ((sdl: string) => void) | undefined;
  private current: AcceptedSupergraph | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: CoreSupergraphManagerOptions) {}

  get supergraphSdl(): string | undefined {
    return this.current?.sdl;
  }

  /** The supergraph being served, with its version and members. */
  get serving(): AcceptedSupergraph | undefined {
    return this.current;
  }

  async initialize({ update }: SupergraphUpdateHook): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.update = update;
    const stored = await this.options.store?.latest();
    if (stored) {
      this.current = stored;
      this.writeFile(stored.sdl);
      this.options.logger.info({ version: stored.version }, 'serving the last accepted supergraph of the registry');
      this.scheduleRefresh(0);
      this.schedulePoll();
      return { supergraphSdl: stored.sdl, cleanup: () => this.cleanup() };
    }
    const saved = this.readSaved();
    if (saved) {
      this.current = { version: 0, sdl: saved, members: [] };
      this.options.logger.info({ file: this.options.supergraphFile }, 'serving the last accepted supergraph');
      this.scheduleRefresh(0);
      this.schedulePoll();
      return { supergraphSdl: saved, cleanup: () => this.cleanup() };
    }
    const shipped = this.readShipped();
    const deadline = Date.now() + (shipped ? 0 : this.options.startupTimeoutMs);
    for (;;) {
      try {
        const { sdl, members } = await this.composeFromSubgraphs();
        const accepted = this.options.store
          ? await this.options.store.recordRefresh(sdl, members)
          : { version: 1, sdl, members };
        this.current = accepted;
        this.writeFile(sdl);
        this.schedulePoll();
        return { supergraphSdl: sdl, cleanup: () => this.cleanup() };
      } catch (error) {
        if (error instanceof CompositionError && !shipped) throw error;
        if (shipped && Date.now() >= deadline) {
          // A core subgraph is down (or its SDL does not compose): serve the core supergraph built
          // with the gateway, so that the living subgraphs are served now; compose when they all answer.
          this.current = { version: 0, sdl: shipped, members: [] };
          this.options.logger.warn({ file: this.options.shippedSupergraphFile, reason: (error as Error).message }, 'serving the core supergraph shipped with the gateway');
          this.scheduleRefresh(this.options.retryIntervalMs ?? 2000);
          this.schedulePoll();
          return { supergraphSdl: shipped, cleanup: () => this.cleanup() };
        }
        if (Date.now() >= deadline) throw error;
        this.options.logger.info({ reason: (error as Error).message }, 'waiting for subgraphs');
        await new Promise((resolve) => setTimeout(resolve, this.options.retryIntervalMs ?? 2000));
      }
    }
  }

  /** Runs `task` after every change already queued (publications, rollbacks, refreshes). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Composes from the live core subgraphs (plus the serving partner subgraphs) and swaps when it differs. */
  refresh(): Promise<boolean> {
    return this.exclusive(async () => {
      const { sdl, members } = await this.composeFromSubgraphs();
      // Version 0 is served but not accepted (the saved file, perhaps another registry's, or the
      // shipped one): the first composition is recorded even when it is the same text.
      const accepted = this.current?.version ?? 0;
      if (sdl === this.current?.sdl && accepted > 0) return false;
      const next = this.options.store
        ? await this.options.store.recordRefresh(sdl, members)
        : { version: accepted + 1, sdl, members };
      if (sdl === this.current?.sdl) {
        this.current = next;
        this.options.logger.info({ version: next.version }, 'supergraph being served recorded as accepted');
        return false;
      }
      await this.swapNow(next);
      this.options.logger.info({ version: next.version }, 'supergraph updated from the live subgraphs');
      return true;
    });
  }

  /**
   * Serves an accepted supergraph through `options.swap` (the gateway plans the recorded operations
   * against it and drains the requests in flight first). Call inside `exclusive()`.
   */
  async swapNow(accepted: AcceptedSupergraph): Promise<void> {
    const apply = (): void => {
      this.current = accepted;
      this.writeFile(accepted.sdl);
      this.update?.(accepted.sdl);
    };
    if (this.options.swap) await this.options.swap(accepted.sdl, apply);
    else apply();
  }

  private scheduleRefresh(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh().catch((error: unknown) => {
        this.options.logger.warn({ reason: (error as Error).message }, 'subgraphs not composable yet; retrying');
        this.scheduleRefresh(this.options.retryIntervalMs ?? 2000);
      });
    }, delayMs);
    this.timer.unref();
  }

  /** Another replica accepted a newer supergraph: serve it too. */
  private schedulePoll(): void {
    const interval = this.options.pollIntervalMs ?? 0;
    const store = this.options.store;
    if (this.stopped || interval <= 0 || !store) return;
    this.pollTimer = setTimeout(() => {
      this.exclusive(async () => {
        if ((await store.latestVersion()) <= (this.current?.version ?? 0)) return;
        const latest = await store.latest();
        if (latest && latest.version > (this.current?.version ?? 0)) {
          await this.swapNow(latest);
          this.options.logger.info({ version: latest.version }, 'serving a supergraph accepted by another replica');
        }
      })
        .catch((error: unknown) => {
          this.options.logger.warn({ reason: (error as Error).message }, 'registry poll failed');
        })
        .finally(() => this.schedulePoll());
    }, interval);
    this.pollTimer.unref();
  }

  private async composeFromSubgraphs(): Promise<{ sdl: string; members: SupergraphMember[] }> {
    const core: SupergraphMember[] = await Promise.all(
      this.options.subgraphs.map(async ({ name, url }) => {
        try {
          return { name, url, sdl: await fetchSubgraphSdl(url), kind: 'core' as const };
        } catch (error) {
          throw new Error(`subgraph ${name} (${url}) unreachable: ${(error as Error).message}`);
        }
      }),
    );
    // Partner subgraphs are composed from the SDL they published, not fetched live.
    const partners = (this.current?.members ?? []).filter((m) => m.kind === 'partner');
    const members = [...core, ...partners];
    return { sdl: composeSupergraph(members), members };
  }

  private writeFile(sdl: string): void {
    keepSupergraph(this.options.supergraphFile, sdl);
  }

  private readShipped(): string | undefined {
    const file = this.options.shippedSupergraphFile;
    return file && existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  private readSaved(): string | undefined {
    return readKeptSupergraph(this.options.supergraphFile);
  }

  private async cleanup(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.pollTimer) clearTimeout(this.pollTimer);
  }
}

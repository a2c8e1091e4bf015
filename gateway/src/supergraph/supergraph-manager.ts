import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type SupergraphManager, type SupergraphSdlHook } from '@apollo/gateway';

type SupergraphSdlHookOptions = Parameters<SupergraphSdlHook>[0];
import { type Logger } from '@ecosystem/shared';
import { composeSupergraph, CompositionError, fetchSubgraphSdl, type SubgraphSource } from './compose';

export interface CoreSupergraphManagerOptions {
  subgraphs: { name: string; url: string }[];
  /** File holding the last accepted supergraph. */
  supergraphFile: string;
  logger: Logger;
  /** How long start-up waits for the subgraphs when there is no accepted supergraph on disk. */
  startupTimeoutMs: number;
  /** @default 2000 */
  retryIntervalMs?: number;
}

/**
 * Supplies @apollo/gateway with its supergraph. It composes the subgraphs' SDL in-process, keeps the
 * last accepted supergraph on disk, and at start serves that file at once when it exists (so the
 * gateway comes up while a subgraph is down), refreshing from the live subgraphs in the background.
 */
export class CoreSupergraphManager implements SupergraphManager {
  private update: ((sdl: string) => void) | undefined;
  private current: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: CoreSupergraphManagerOptions) {}

  get supergraphSdl(): string | undefined {
    return this.current;
  }

  async initialize({ update }: SupergraphSdlHookOptions): Promise<{ supergraphSdl: string; cleanup: () => Promise<void> }> {
    this.update = update;
    const saved = this.readSaved();
    if (saved) {
      this.current = saved;
      this.options.logger.info({ file: this.options.supergraphFile }, 'serving the last accepted supergraph');
      this.scheduleRefresh(0);
      return { supergraphSdl: saved, cleanup: () => this.cleanup() };
    }
    const deadline = Date.now() + this.options.startupTimeoutMs;
    for (;;) {
      try {
        const sdl = await this.composeFromSubgraphs();
        this.accept(sdl);
        return { supergraphSdl: sdl, cleanup: () => this.cleanup() };
      } catch (error) {
        if (error instanceof CompositionError || Date.now() >= deadline) throw error;
        this.options.logger.info({ reason: (error as Error).message }, 'waiting for subgraphs');
        await new Promise((resolve) => setTimeout(resolve, this.options.retryIntervalMs ?? 2000));
      }
    }
  }

  /** Composes from the live subgraphs and, when it differs, swaps the serving supergraph. */
  async refresh(): Promise<boolean> {
    const sdl = await this.composeFromSubgraphs();
    if (sdl === this.current) return false;
    this.accept(sdl);
    this.update?.(sdl);
    this.options.logger.info('supergraph updated from the live subgraphs');
    return true;
  }

  private scheduleRefresh(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((error: unknown) => {
          this.options.logger.warn({ reason: (error as Error).message }, 'subgraphs not composable yet; retrying');
          this.scheduleRefresh(this.options.retryIntervalMs ?? 2000);
        });
    }, delayMs);
    this.timer.unref();
  }

  private async composeFromSubgraphs(): Promise<string> {
    const sources: SubgraphSource[] = await Promise.all(
      this.options.subgraphs.map(async ({ name, url }) => {
        try {
          return { name, url, sdl: await fetchSubgraphSdl(url) };
        } catch (error) {
          throw new Error(`subgraph ${name} (${url}) unreachable: ${(error as Error).message}`);
        }
      }),
    );
    return composeSupergraph(sources);
  }

  private accept(sdl: string): void {
    this.current = sdl;
    const file = this.options.supergraphFile;
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, sdl);
    renameSync(`${file}.tmp`, file);
  }

  private readSaved(): string | undefined {
    const file = this.options.supergraphFile;
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  private async cleanup(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}

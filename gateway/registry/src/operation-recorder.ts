import { createHash } from 'node:crypto';
import { type ApolloServerPlugin } from '@apollo/server';
import { usageReportingSignature } from '@apollo/utils.usagereporting';
import { type Logger } from '@ecosystem/shared';
import { type DocumentNode, print } from 'graphql';
import { type DataSource, MoreThanOrEqual } from 'typeorm';
import { type RecordedOperation } from './checks';
import { OperationSignature } from './registry.entities';

export interface OperationRecorderOptions {
  dataSource: DataSource;
  logger: Logger;
  /** Distinct operations kept in memory between two flushes; beyond that, new ones wait for the next. @default 1000 */
  bufferMax?: number;
  /** @default 5000 */
  flushIntervalMs?: number;
}

interface Pending {
  hash: string;
  operationName: string | null;
  signature: string;
  document: string;
  lastSeen: Date;
}

const ROWS_PER_STATEMENT = 200;

/**
 * Records the operations clients send (normalised signature, last document text, first/last seen):
 * in memory, de-duplicated by signature, bounded, and written in one batched upsert per interval,
 * never one write per request.
 */
export class OperationRecorder {
  private buffer = new Map<string, Pending>();
  /** queryHash + operation name -> signature hash: the signature is computed once per distinct text. */
  private signatures = new Map<string, { hash: string; signature: string }>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private dropped = 0;
  private written = 0;

  constructor(private readonly options: OperationRecorderOptions) {}

  start(): void {
    const interval = this.options.flushIntervalMs ?? 5000;
    this.timer = setInterval(() => {
      this.flush().catch((error: unknown) => this.options.logger.warn({ reason: (error as Error).message }, 'operation flush failed'));
    }, interval);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flush();
  }

  /** Counters for tests and metrics. */
  stats(): { buffered: number; written: number; dropped: number } {
    return { buffered: this.buffer.size, written: this.written, dropped: this.dropped };
  }

  /**
   * `operationName` is the one the request named (part of the gateway's plan-cache key);
   * `resolvedName` the operation's name in the document (part of the signature).
   */
  record(
    document: DocumentNode,
    text: string | undefined,
    operationName: string | null,
    resolvedName: string | null,
    queryHash: string,
  ): void {
    const cacheKey = `${queryHash}:${operationName ?? ''}`;
    let signed = this.signatures.get(cacheKey);
    if (!signed) {
      const signature = usageReportingSignature(document, resolvedName ?? '');
      signed = { hash: createHash('sha256').update(signature).digest('hex'), signature };
      if (this.signatures.size >= 10_000) this.signatures.clear();
      this.signatures.set(cacheKey, signed);
    }
    const existing = this.buffer.get(signed.hash);
    const documentText = text ?? print(document);
    if (existing) {
      existing.lastSeen = new Date();
      existing.document = documentText;
      return;
    }
    if (this.buffer.size >= (this.options.bufferMax ?? 1000)) {
      this.dropped += 1;
      return;
    }
    this.buffer.set(signed.hash, {
      hash: signed.hash,
      operationName,
      signature: signed.signature,
      document: documentText,
      lastSeen: new Date(),
    });
  }

  /** Writes the buffer: one INSERT ... ON DUPLICATE KEY UPDATE (ON CONFLICT on SQLite) per 200 operations. */
  flush(): Promise<void> {
    if (this.flushing) return this.flushing.then(() => this.flush());
    if (this.buffer.size === 0 || !this.options.dataSource.isInitialized) return Promise.resolve();
    const rows = [...this.buffer.values()];
    this.buffer = new Map();
    this.flushing = (async () => {
      try {
        for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
          const chunk = rows.slice(i, i + ROWS_PER_STATEMENT);
          await this.options.dataSource
            .createQueryBuilder()
            .insert()
            .into(OperationSignature)
            .values(chunk.map((row) => ({ ...row, firstSeen: row.lastSeen })))
            .orUpdate(['last_seen', 'document', 'operation_name'], ['hash'])
            .execute();
        }
        this.written += rows.length;
      } finally {
        this.flushing = undefined;
      }
    })();
    return this.flushing;
  }

  /** The operations sent in the last `windowDays`, newest first, at most `limit`. */
  async recent(windowDays: number, limit: number): Promise<RecordedOperation[]> {
    const since = new Date(Date.now() - windowDays * 86_400_000);
    const rows = await this.options.dataSource.getRepository(OperationSignature).find({
      where: { lastSeen: MoreThanOrEqual(since) },
      order: { lastSeen: 'DESC' },
      take: limit,
    });
    return rows.map((row) => ({ operationName: row.operationName, document: row.document, lastSeen: row.lastSeen }));
  }

  /** Apollo Server plugin: records every operation that passed validation. */
  plugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    return {
      requestDidStart: async () => ({
        didResolveOperation: async ({ document, request, operationName, queryHash }) => {
          try {
            this.record(document, request.query, request.operationName ?? null, operationName ?? null, queryHash);
          } catch (error) {
            this.options.logger.debug({ reason: (error as Error).message }, 'operation not recorded');
          }
        },
      }),
    };
  }
}

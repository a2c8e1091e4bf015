import { AsyncLocalStorage } from 'node:async_hooks';
import { type Logger as TypeOrmLogger } from 'typeorm';
import { type Logger } from 'pino';

interface RequestScope {
  statements: number;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` with its own SQL statement count (see `statementsInScope`). */
export function withStatementScope<T>(fn: () => T): T {
  return requestScope.run({ statements: 0 }, fn);
}

/** Runs `fn` outside any request scope: background work a request started but does not own. */
export function outsideStatementScope<T>(fn: () => T): T {
  return requestScope.exit(fn);
}

/** SQL statements issued so far by the current request scope, or undefined outside one. */
export function statementsInScope(): number | undefined {
  return requestScope.getStore()?.statements;
}

/**
 * TypeORM logger that counts every SQL statement, in total and per request scope. Tests use the
 * counts to prove that statement counts do not grow with result size; /metrics exposes the total.
 */
export class QueryCounter implements TypeOrmLogger {
  total = 0;

  constructor(
    private readonly logger?: Logger,
    private readonly slowMs = 500,
  ) {}

  reset(): void {
    this.total = 0;
  }

  logQuery(): void {
    this.total += 1;
    const scope = requestScope.getStore();
    if (scope) scope.statements += 1;
  }

  logQueryError(error: string | Error, query: string): void {
    this.logger?.warn({ err: error, query: query.slice(0, 500) }, 'sql error');
  }

  logQuerySlow(time: number, query: string): void {
    if (time >= this.slowMs) this.logger?.warn({ durationMs: time, query: query.slice(0, 500) }, 'slow sql');
  }

  logSchemaBuild(message: string): void {
    this.logger?.debug({ message }, 'schema build');
  }

  logMigration(message: string): void {
    this.logger?.info({ message }, 'migration');
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger?.warn({ message }, 'typeorm');
  }
}

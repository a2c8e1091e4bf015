import { type DataSource } from 'typeorm';

/**
 * Records the text of every SQL statement `dataSource` sends (quotes removed: `FROM event event`),
 * until `restore()`: tests check which columns a statement reads.
 */
export function recordStatements(dataSource: DataSource): { statements: string[]; restore(): void } {
  const statements: string[] = [];
  const logger = dataSource.logger;
  const original = logger.logQuery.bind(logger);
  logger.logQuery = (query, parameters, runner) => {
    statements.push(query.replace(/[`"]/g, ''));
    return original(query, parameters, runner);
  };
  return { statements, restore: () => (logger.logQuery = original) };
}

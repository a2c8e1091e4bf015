import { join } from 'node:path';
import { startGraph, type RunningGraph } from '../helpers/graph';

/*
 * The statements behind the benchmark's read workloads (W1-W3) use indexes: every batched lookup
 * (`col IN (...)`), correlated filter and sort column they use leads an index, and no statement
 * with a WHERE clause is planned (EXPLAIN) as a full scan without any usable index. Substring
 * search (LIKE '%word%') cannot use a B-tree index and is left out; the directory's word-prefix
 * search (organization_search_term, LIKE 'word%') can, and is checked. This is what keeps p99 flat
 * when the data grows tenfold (docs/performance.md). MySQL only.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the harness is loaded at run time (bench/ is its own project)
type Module = any;
const load = (file: string): Promise<Module> => import(join(__dirname, '..', '..', 'bench', file));

const mysql = Boolean(process.env.DATABASE_URL);
const describeMysql = mysql ? describe : describe.skip;

interface Statement {
  subgraph: string;
  sql: string;
  parameters: unknown[];
}

let graph: RunningGraph;
const statements: Statement[] = [];

beforeAll(async () => {
  if (!mysql) return;
  graph = await startGraph('benchidx');
  for (const [name, subgraph] of Object.entries(graph.subgraphs)) {
    const logger = subgraph.database.dataSource.logger;
    const original = logger.logQuery.bind(logger);
    logger.logQuery = (sql: string, parameters?: unknown) => {
      if (/^\s*SELECT/i.test(sql)) statements.push({ subgraph: name, sql, parameters: Array.isArray(parameters) ? parameters : [] });
      return original(sql, parameters as never);
    };
    // Fresh statistics, so the optimiser decides as it would on a live database.
    const tables = (await subgraph.database.dataSource.query('SHOW TABLES')) as Record<string, string>[];
    for (const row of tables) await subgraph.database.dataSource.query(`ANALYZE TABLE \`${Object.values(row)[0]}\``);
  }
}, 180_000);

afterAll(async () => {
  await graph?.stop();
});

describeMysql('indexes behind the benchmark workloads', () => {
  it('every lookup, correlated filter and page sort of W1-W3 leads an index; no filtered statement is an unindexed full scan', async () => {
    const run: Module = await load('src/run');
    const schemaModule: Module = await load('src/schema');
    const workloads = await run.prepareWorkloads(
      schemaModule.apiSchemaOf(graph.gateway.supergraph.supergraphSdl),
      graph.gatewayUrl,
      ['W1', 'W2', 'W3'],
      { searchTerms: 2, pages: 2 },
    );
    statements.length = 0;
    for (const workload of workloads as { query: string; samples: { variables: Record<string, unknown> }[]; rowsVariables(n: number): Record<string, unknown> }[]) {
      for (const variables of [workload.rowsVariables(100), ...workload.samples.map((s) => s.variables)]) {
        const response = await graph.query(workload.query, variables);
        expect(response.errors).toBeUndefined();
      }
    }
    const distinct = new Map(statements.map((s) => [`${s.subgraph}:${s.sql}`, s]));
    expect(distinct.size).toBeGreaterThan(5);
    // What each statement needs: the column of every batched lookup (`x IN (...)`), of every
    // correlated filter (`s.organizationId = org.id`) and the first sort column of a page.
    const needed = new Map<string, Set<string>>();
    for (const { subgraph, sql } of distinct.values()) {
      const tables = new Map<string, string>();
      for (const m of sql.matchAll(/(?:FROM|JOIN) `(\w+)` `?(\w+)`?/g)) tables.set(m[2]!, m[1]!);
      const columns = [
        ...[...sql.matchAll(/`(\w+)`\.`(\w+)` IN \(/g)].map((m) => [m[1]!, m[2]!]),
        ...[...sql.matchAll(/`(\w+)`\.`(\w+)` = `\w+`\.`\w+`/g)].map((m) => [m[1]!, m[2]!]),
        // A sort matters when it picks a page (LIMIT); sorting a looked-up batch is cheap.
        ...(/\bLIMIT\b/.test(sql) ? [...sql.matchAll(/ORDER BY `(\w+)`\.`(\w+)`/g)].map((m) => [m[1]!, m[2]!]) : []),
      ];
      for (const [alias, column] of columns) {
        const table = tables.get(alias!);
        if (!table || column === 'id') continue;
        const key = `${subgraph}.${table}`;
        if (!needed.has(key)) needed.set(key, new Set());
        needed.get(key)!.add(column!);
      }
    }
    const missing: string[] = [];
    for (const [key, columns] of needed) {
      const [subgraph, table] = key.split('.') as [string, string];
      const dataSource = graph.subgraphs[subgraph]!.database.dataSource;
      const leading = (await dataSource.query(
        'SELECT COLUMN_NAME AS name FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND SEQ_IN_INDEX = 1',
        [table],
      )) as { name: string }[];
      const indexed = new Set(leading.map((row) => row.name));
      for (const column of columns) if (!indexed.has(column)) missing.push(`${key}.${column}`);
    }
    expect(missing.sort()).toEqual([]);
    // And the plans: no statement of the workloads scans a table without any usable index.
    const scans: string[] = [];
    const substring = (statement: Statement): boolean => statement.parameters.some((p) => typeof p === 'string' && p.startsWith('%'));
    // The directory searches of the workloads go through the term index, and are checked below.
    expect([...distinct.values()].some((s) => s.sql.includes('`organization_search_term`') && !substring(s))).toBe(true);
    for (const statement of distinct.values()) {
      if (substring(statement) || !/\bWHERE\b/i.test(statement.sql)) continue;
      const dataSource = graph.subgraphs[statement.subgraph]!.database.dataSource;
      const plan = (await dataSource.query(`EXPLAIN ${statement.sql}`, statement.parameters)) as {
        table: string;
        type: string;
        possible_keys: string | null;
        rows: number;
      }[];
      for (const step of plan) {
        // `<derivedN>` is a subquery's materialised result (e.g. rows ranked by a window function),
        // read whole by design; the subquery's own steps, on the stored tables, are in the plan too.
        if (step.table.startsWith('<derived')) continue;
        if (step.type === 'ALL' && !step.possible_keys && Number(step.rows) > 100) {
          scans.push(`${statement.subgraph}.${step.table} (~${step.rows} rows): ${statement.sql.slice(0, 200)}`);
        }
      }
    }
    expect(scans).toEqual([]);
  }, 120_000);
});

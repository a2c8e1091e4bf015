#!/usr/bin/env node
// Writes a TypeORM migration for one subgraph: the SQL that takes a MySQL database with every
// existing migration applied to the schema of the current entities.
//   npm run migration:generate -- <subgraph> <Name>
// Needs MySQL/MariaDB at DATABASE_URL (default mysql://root@127.0.0.1:3306); uses a scratch database.
import '../shared/dist/bootstrap.js';
import { writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const [subgraph, name] = process.argv.slice(2);
if (!subgraph || !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
  console.error('usage: npm run migration:generate -- <members|datasets|training|events> <PascalCaseName>');
  process.exit(2);
}
const root = join(import.meta.dirname, '..');
const { DataSource } = require('typeorm');
const shared = require(join(root, 'shared/dist/index.js'));
const definitionModule = require(join(root, `subgraphs/${subgraph}/dist/definition.js`));
const definition = Object.values(definitionModule).find((value) => value && value.name === subgraph);
const url = process.env.DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
const database = `${subgraph}_migration_scratch`;
const flavour = await shared.ensureMysqlDatabase(url, database, true);
const dataSource = new DataSource({
  ...shared.mysqlOptions(url, database, 2, flavour),
  entities: definition.entities,
  migrations: definition.migrations,
});
await dataSource.initialize();
await dataSource.runMigrations();
const sql = await dataSource.driver.createSchemaBuilder().log();
await dataSource.query(`DROP DATABASE \`${database}\``);
await dataSource.destroy();
if (sql.upQueries.length === 0) {
  console.log(`${subgraph}: the migrations already match the entities; nothing written`);
  process.exit(0);
}
const timestamp = Date.now();
const className = `${name}${timestamp}`;
const quote = (q) => `    await queryRunner.query(${JSON.stringify(q.query)}${q.parameters?.length ? `, ${JSON.stringify(q.parameters)}` : ''});`;
const file = `import { type MigrationInterface, type QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${sql.upQueries.map(quote).join('\n')}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${sql.downQueries.reverse().map(quote).join('\n')}
  }
}
`;
const dir = join(root, `subgraphs/${subgraph}/src/migrations`);
const fileName = `${timestamp}-${name}`;
writeFileSync(join(dir, `${fileName}.ts`), file);
// Register it in migrations/index.ts, which lists them in order.
const indexPath = join(dir, 'index.ts');
let index = readFileSync(indexPath, 'utf8');
const exportName = `${subgraph}Migrations`;
index = `import { ${className} } from './${fileName}';\n` + index;
index = index.replace(new RegExp(`export const ${exportName} = \\[([^\\]]*)\\];`), (_m, list) => {
  const items = list.split(',').map((s) => s.trim()).filter(Boolean);
  items.push(className);
  return `export const ${exportName} = [${items.join(', ')}];`;
});
writeFileSync(indexPath, index);
console.log(`wrote subgraphs/${subgraph}/src/migrations/${fileName}.ts (${sql.upQueries.length} statements)`);

// The import rules of the subgraph house (docs/development.md, "Layout of a subgraph"), and no import
// circle in the gateway. Checked by
// test/architecture/dependencies.test.ts, which runs in `npm test`. Paths are matched after an
// optional prefix so that the same rules can be proven on a fixture tree laid out in a temp folder.
const SUBGRAPH = '(?:^|/)(?:subgraphs/[^/]+|partners/[^/]+)/src';
/** Files at the root of a subgraph's src/ that gather every concept: a concept importing one imports them all, and back. */
const ROOT_AGGREGATORS = '(?:loaders|entities|schema|definition|index|main)\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-import-between-subgraphs',
      comment: 'A subgraph owns its tables and is deployed alone: what two subgraphs share lives in shared/, a foreign entity is a federation stub.',
      severity: 'error',
      from: { path: '(?:^|/)((?:subgraphs|partners)/[^/]+)/' },
      to: { path: '(?:^|/)(?:subgraphs|partners)/[^/]+/', pathNot: ['(?:^|/)$1/', '(?:^|/)node_modules/'] },
    },
    {
      name: 'no-concept-to-root-aggregator',
      comment:
        'A concept folder never imports a root file that gathers every concept (loaders.ts, entities.ts, schema.ts, definition.ts): domain types live with the concept that owns them, the per-request loader set is typed in context.ts.',
      severity: 'error',
      from: { path: `(${SUBGRAPH})/[^/]+/` },
      to: { path: `$1/${ROOT_AGGREGATORS}` },
    },
    {
      name: 'no-repository-in-resolver',
      comment: 'A resolver reads and writes through its concept\u2019s service or loaders, never through TypeORM: queries, transactions and their statement counts live in one place.',
      severity: 'error',
      from: { path: '\\.resolver\\.ts$' },
      to: { path: ['(?:^|/)node_modules/typeorm/', '^typeorm$', '(?:^|/)data-source\\.ts$'] },
    },
    {
      name: 'no-two-way-concepts',
      comment: 'Two concept folders that import each other are one concept in two rooms: the shared piece moves to the concept that owns it.',
      severity: 'error',
      scope: 'folder',
      from: { path: `${SUBGRAPH}/[^/]+$` },
      to: { path: `${SUBGRAPH}/[^/]+$`, circular: true },
    },
    {
      name: 'no-circular-gateway',
      comment:
        'No import circle among the gateway’s modules, type-only imports included: each module stands on the ones below it, and a circle makes load order matter and ties together modules meant to stand alone.',
      severity: 'error',
      from: { path: '(?:^|/)gateway/(?:registry/)?src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed but stays in the graph: excluded, the import of typeorm vanished and
    // no-repository-in-resolver could never fire.
    exclude: { path: ['(?:^|/)dist/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};

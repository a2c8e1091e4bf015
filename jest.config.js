// One jest run over every workspace. TypeScript goes through @swc/jest (decorators + metadata).
// Tests talk to MySQL when DATABASE_URL is set (CI: MariaDB), else to an in-memory sql.js database.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': swc },
  // ESM-only dependencies are compiled to CommonJS for jest's module registry.
  transformIgnorePatterns: ['/node_modules/(?!(jose|uuid|@faker-js|rdf-validate-shacl|rdf-validate-datatype|@rdfjs|@vocabulary|@tpluscode|clownface)/)'],
  moduleNameMapper: {
    '^@ecosystem/(shared|gateway)$': '<rootDir>/$1/src',
    '^@ecosystem/registry$': '<rootDir>/gateway/registry/src',
    '^@ecosystem/(members|datasets|training|events)$': '<rootDir>/subgraphs/$1/src',
  },
  setupFiles: ['reflect-metadata', '<rootDir>/test/setup/environment.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/setup/network-guard.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  rootDir: __dirname,
};

module.exports = {
  // Builds what the cross-process tests start as processes (incremental tsc -b; nothing when unchanged).
  globalSetup: '<rootDir>/test/setup/build.mjs',
  rootDir: __dirname,
  maxWorkers: 2,
  // A worker keeps every test file's module registry it ran; past 1 GB it is replaced between files
  // (CI once measured a 1.4 GB worker, and a second-long pause in the bench smoke it then ran).
  workerIdleMemoryLimit: '1GB',
  testTimeout: 60_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{shared,gateway,gateway/registry,subgraphs/*}/src/**/__tests__/**/*.test.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: [
        '<rootDir>/subgraphs/*/test/**/*.test.ts',
        '<rootDir>/partners/*/test/**/*.test.ts',
        '<rootDir>/test/**/*.test.ts',
      ],
    },
  ],
};

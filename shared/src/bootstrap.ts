/*
 * The first import of every process entry point: the servers (gateway, subgraphs, the partner
 * template), the CLIs (token, subgraph, supergraph, schema, bench) and the scripts. Whatever a process
 * must have before any other module is evaluated is loaded here and only here, so an entry point
 * cannot load less than the others (test/ops/entry-points.test.ts checks that each one starts with it).
 */
// type-graphql and TypeORM read decorator metadata while the decorated classes are evaluated.
import 'reflect-metadata';

// Errors of the compiled JavaScript point at the TypeScript sources (the builds emit source maps).
process.setSourceMapsEnabled(true);

export {};

/*
 * The first import of every process entry point: the servers (gateway, subgraphs, the partner
 * template), the CLIs (token, subgraph, supergraph, schema, bench) and the scripts. Whatever a process
 * must have before any other module is evaluated is loaded here and only here, so an entry point
 * cannot load less than the others (test/ops/entry-points.test.ts checks that each one starts with it).
 */
// type-graphql and TypeORM read decorator metadata while the decorated classes are evaluated.
import 'reflect-metadata';

// Node's source maps stay off (its default): turned on, Node reads and keeps the map of every module
// it loads, the dependencies' too (TypeORM's and OpenTelemetry's carry their whole sources), about a
// fifth of the gateway's live heap for good. Stack traces then name the built files (dist/*.js, the
// same names as src/*.ts); NODE_OPTIONS=--enable-source-maps maps them to the sources when wanted.

export {};

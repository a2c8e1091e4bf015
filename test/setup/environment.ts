// Whatever creates an ApolloGateway in a test (ours, the benchmark's stock one), and every process a
// test spawns (they inherit this environment), sends nothing to Apollo: see disableApolloTelemetry
// in gateway/src/config.ts.
process.env.APOLLO_TELEMETRY_DISABLED ??= 'true';

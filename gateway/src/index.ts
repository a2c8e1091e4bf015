export { createGateway, type GatewayServer } from './create-gateway';
export { disableApolloTelemetry, loadGatewayConfig, type GatewayConfig, CORE_SUBGRAPHS } from './config';
export { signUserToken } from './auth/verify-user-token';
export { SHIPPED_SUPERGRAPH_FILE } from './supergraph/swap';
export { type GatewayContext } from './context';
export {
  installPlayground,
  installAnalystFeatures,
  loadExampleOperations,
  parseExampleOperation,
  DEFAULT_EXAMPLES_DIR,
  type ExampleOperation,
} from './playground';
export { installCsvExport, csvLine, flattenRow, findList } from './export';
export { RequestPolicies } from './production/request-policies';
export { SubgraphClients } from './resilience/subgraph-clients';
export { IdentityTokenSigner } from './security/identity';
export { GatewayErrorCode } from './security/refuse';
export { operationCost } from './limits/operation-limits';
export { dedupeRepresentations } from './execution/dedupe-representations';
export { PUBLIC_CONTRACT_PATH } from './contracts/public-contract';

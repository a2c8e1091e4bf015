export { createGateway, type GatewayServer } from './create-gateway';
export { disableApolloTelemetry, loadGatewayConfig, type GatewayConfig, CORE_SUBGRAPHS } from './config';
export { signUserToken } from './auth/verify-user-token';
export { composeSupergraph, fetchSubgraphSdl, CompositionError } from './supergraph/compose';
export { SHIPPED_SUPERGRAPH_FILE } from './supergraph/supergraph-manager';
export { type GatewayContext } from './context';
export {
  createPlaygroundRouter,
  installAnalystFeatures,
  loadExampleOperations,
  parseExampleOperation,
  DEFAULT_EXAMPLES_DIR,
  type ExampleOperation,
} from './playground';
export { createCsvExportRouter, csvLine, flattenRow, findList } from './export';
export { RegistryService, type RegistryActor, type PublicationResult, type PublishInput } from './registry/registry.service';
export { type CheckProblem, type CheckReport, checkNullability, checkOwnership, checkBreakingChanges, composeCandidate } from './registry/checks';
export { crossSubgraphFields, entityOwners, fieldSubgraphs, nullabilityReason, type CrossSubgraphField } from './supergraph/nullability';
export { loadOwnershipPolicy, type OwnershipPolicy } from './registry/policy';
export { registryEntities } from './registry/registry.entities';
export { RequestPolicies } from './production/request-policies';
export { SubgraphClients } from './resilience/subgraph-clients';
export { GatewayErrorCode } from './security/refuse';
export { operationCost } from './limits/operation-limits';

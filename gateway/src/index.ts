export { createGateway, type GatewayServer } from './create-gateway';
export { disableApolloTelemetry, loadGatewayConfig, type GatewayConfig, CORE_SUBGRAPHS } from './config';
export { signUserToken, viewerFromAuthorization } from './auth/verify-user-token';
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
export { ProductionFeatures } from './production/features';
export { GatewayErrorCode } from './security/refuse';
export { operationCost } from './limits/operation-limits';
export { deriveContract, contractOf, ContractError, PUBLIC_TAG, PRIVATE_TAG } from './contracts/contract-schema';
export { PUBLIC_CONTRACT_PATH } from './contracts/public-contract';

// The schema registry as a library: what a gateway (or the registry's own process) opens and serves.
export { type RegistryActor } from './actor';
export { adminApi, type AdminApiOptions } from './admin-api';
export {
  type CheckProblem,
  type CheckReport,
  type RecordedOperation,
  checkBreakingChanges,
  checkNullability,
  checkOwnership,
  composeCandidate,
} from './checks';
export { CredentialService } from './credentials';
export { registryMigrations } from './migrations';
export { OperationRecorder } from './operation-recorder';
export { DEFAULT_POLICY_FILE, loadOwnershipPolicy, ownershipPolicySchema, type OwnershipPolicy } from './policy';
export { PublicationService, type PublicationResult, type PublishInput } from './publication';
export { Registry, type RegistryOptions, type RegistryServices } from './registry';
export { RoutingHosts, routingHostsProblems, type RoutingUrlAdmission } from './routing-hosts';
export { registryEnvSchema, type RegistryEnv } from './registry-env';
export { registryEntities, selectLongTextType } from './registry.entities';
export { RegistryStore } from './supergraph-store';
export { createRegistryServer, type RegistryServer, type RegistryServerOptions } from './server';
export { composeSupergraph, CompositionError, fetchSubgraphSdl, type SubgraphSource } from './supergraph/compose';
// The public contract is derived here so that composition can refuse a supergraph that leaves it invalid.
export { contractOf, ContractError, deriveContract, hasPublicTags, PRIVATE_TAG, PUBLIC_TAG } from './contracts/contract-schema';
export {
  type AcceptedSupergraph,
  CoreSupergraphManager,
  type CoreSupergraphManagerOptions,
  keepSupergraph,
  readKeptSupergraph,
  supergraphHash,
  type SupergraphMember,
  type SupergraphPublisher,
  type SupergraphStore,
  type SupergraphUpdateHook,
} from './supergraph/core-supergraph';
export { crossSubgraphFields, entityOwners, fieldSubgraphs, nullabilityReason, queryRootFields, rootNullabilityReason, type CrossSubgraphField, type RootField } from './supergraph/nullability';

import { type ApolloServerPlugin } from '@apollo/server';
import { type Logger, openDatabase, QueryCounter } from '@ecosystem/shared';
import { type DataSource } from 'typeorm';
import { type RecordedOperation } from './checks';
import { CredentialService } from './credentials';
import { PublicationService } from './publication';
import { type AcceptedSupergraph, type SupergraphMember, type SupergraphPublisher, type SupergraphStore } from './supergraph/core-supergraph';
import { RegistryStore } from './supergraph-store';
import { registryMigrations } from './migrations';
import { OperationRecorder } from './operation-recorder';
import { loadOwnershipPolicy } from './policy';
import { registryEntities, selectLongTextType } from './registry.entities';
import { type RegistryEnv } from './registry-env';
import { RoutingHosts } from './routing-hosts';

/** The registry's three services, once it is open. */
export interface RegistryServices {
  store: RegistryStore;
  credentials: CredentialService;
  publications: PublicationService;
}

export interface RegistryOptions {
  config: RegistryEnv;
  logger: Logger;
}

/**
 * The registry as a process holds it (the gateway, or the registry's own process): its database
 * (opened in `open()`, before the supergraph is loaded), the operation recorder and the three
 * services (store, credentials, publication). It is the supergraph manager's store, so what is
 * served is the registry's newest accepted supergraph.
 */
export class Registry implements SupergraphStore {
  private dataSource: DataSource | undefined;
  private recorder: OperationRecorder | undefined;
  private opened: RegistryServices | undefined;
  private manager: SupergraphPublisher | undefined;
  private partnerClaims: ('sub' | 'org' | 'roles')[] = ['sub', 'roles'];

  constructor(private readonly options: RegistryOptions) {}

  /** Must be called once, before `open()`: the supergraph manager this registry feeds. */
  attach(manager: SupergraphPublisher): void {
    this.manager = manager;
  }

  /** The services, once open (undefined before). */
  get services(): RegistryServices | undefined {
    return this.opened;
  }

  get operations(): OperationRecorder | undefined {
    return this.recorder;
  }

  async open(): Promise<void> {
    if (this.dataSource) return;
    const { config, logger } = this.options;
    if (!this.manager) throw new Error('Registry.attach(manager) was not called');
    const policy = loadOwnershipPolicy(config.OWNERSHIP_POLICY_FILE);
    this.partnerClaims = policy.partnerIdentityClaims;
    selectLongTextType(config.DATABASE_URL ? 'mysql' : 'embedded');
    this.dataSource = await openDatabase({
      name: 'gateway',
      entities: registryEntities,
      migrations: registryMigrations,
      config: { DATABASE_URL: config.DATABASE_URL, DB_PREFIX: config.DB_PREFIX, DATA_DIR: config.DATA_DIR, DB_POOL_SIZE: config.DB_POOL_SIZE },
      counter: new QueryCounter(),
    });
    const recorder = new OperationRecorder({
      dataSource: this.dataSource,
      logger,
      bufferMax: config.OPERATION_BUFFER_MAX,
      flushIntervalMs: config.OPERATION_FLUSH_INTERVAL_MS,
    });
    recorder.start();
    this.recorder = recorder;
    const store = new RegistryStore(this.dataSource);
    const publications = new PublicationService({
      dataSource: this.dataSource,
      store,
      manager: this.manager,
      policy,
      logger,
      recordedOperations: async () => {
        await recorder.flush();
        return recorder.recent(config.OPERATION_WINDOW_DAYS, config.OPERATION_CHECK_LIMIT);
      },
      reachabilityTimeoutMs: config.REGISTRY_CHECK_TIMEOUT_MS,
      routingHosts: new RoutingHosts(config.PARTNER_ROUTING_HOSTS, { timeoutMs: config.REGISTRY_CHECK_TIMEOUT_MS }),
    });
    this.opened = { store, credentials: new CredentialService(this.dataSource, policy), publications };
    logger.info({ database: config.DATABASE_URL ? 'mysql' : 'embedded', policyVersion: policy.version }, 'registry open');
  }

  /**
   * Partner subgraphs receive only the claims the ownership policy grants partners, unless the
   * operator set `SUBGRAPH_CLAIMS_<NAME>` for that subgraph.
   */
  grantPartnerClaims(claims: Map<string, readonly ('sub' | 'org' | 'roles')[]>, name: string): void {
    const envKey = name.replace(/-/g, '_');
    const configured = claims.get(name) ?? claims.get(envKey);
    claims.set(name, configured ?? this.partnerClaims);
  }

  async close(): Promise<void> {
    await this.recorder?.stop().catch((error: unknown) => {
      this.options.logger.warn({ reason: (error as Error).message }, 'recorded operations not flushed');
    });
    if (this.dataSource?.isInitialized) await this.dataSource.destroy();
  }

  private requireStore(): RegistryStore {
    if (!this.opened) throw new Error('The registry is not open');
    return this.opened.store;
  }

  latest(): Promise<AcceptedSupergraph | null> {
    return this.requireStore().latest();
  }

  latestVersion(): Promise<number> {
    return this.requireStore().latestVersion();
  }

  recordRefresh(sdl: string, members: SupergraphMember[]): Promise<AcceptedSupergraph> {
    return this.requireStore().recordRefresh(sdl, members);
  }

  /** The recorded operations, planned before each swap. */
  async warmOperations(): Promise<RecordedOperation[]> {
    if (!this.recorder) return [];
    await this.recorder.flush();
    return this.recorder.recent(this.options.config.OPERATION_WINDOW_DAYS, this.options.config.OPERATION_CHECK_LIMIT);
  }

  /** Records operations (when enabled) and closes the registry when the server stops. */
  plugin<TContext extends object>(): ApolloServerPlugin<TContext> {
    const recording = this.options.config.OPERATION_RECORDING;
    return {
      serverWillStart: async () => ({
        serverWillStop: async () => {
          await this.close();
        },
      }),
      requestDidStart: async (requestContext) => {
        if (!recording || !this.recorder) return;
        const hooks = this.recorder.plugin<TContext>().requestDidStart;
        return hooks ? hooks(requestContext) : undefined;
      },
    };
  }
}

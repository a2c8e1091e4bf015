import '@ecosystem/shared/dist/bootstrap';
import { createRegistryServer } from '@ecosystem/registry';
import { createLogger, exitOnStartFailure, stopOnSignals } from '@ecosystem/shared';
import { loadGatewayConfig } from './config';
import { createIdentityVerifier } from './security/identity';
import { SHIPPED_SUPERGRAPH_FILE } from './supergraph/swap';

/*
 * The schema registry as its own process (`npm run registry`): the admin API and the accepted
 * supergraph at GET /supergraph, which gateways started with REGISTRY_URL follow. It reads the
 * gateway's settings (one environment for both: the same database, subgraph URLs and JWT settings),
 * and verifies admins' tokens with the gateway's verifier, which is why it ships in this package.
 */
async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('registry', config.LOG_LEVEL);
  const identity = createIdentityVerifier(config);
  const server = createRegistryServer({
    config,
    shippedSupergraphFile: SHIPPED_SUPERGRAPH_FILE,
    viewerFrom: (header) => identity.viewerFrom(header),
    logger,
  });
  const running = await server.listen(config.REGISTRY_PORT, config.HOST);
  await server.start();
  logger.info({ url: running.url, version: server.supergraph.serving?.version }, 'registry ready');

  stopOnSignals(logger, () => running.close());
}

bootstrap().catch(exitOnStartFailure);

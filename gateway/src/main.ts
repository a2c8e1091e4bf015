import '@ecosystem/shared/dist/bootstrap';
import { createLogger, exitOnStartFailure, stopOnSignals } from '@ecosystem/shared';
import { loadGatewayConfig } from './config';
import { createGateway } from './create-gateway';

async function bootstrap(): Promise<void> {
  const config = loadGatewayConfig();
  const logger = createLogger('gateway', config.LOG_LEVEL);
  const server = createGateway(config, logger);
  // Listen first: /health answers at once, /ready once a supergraph is loaded.
  const running = await server.listen(config.PORT, config.HOST);
  await server.start();
  logger.info({ url: `${running.url}/graphql` }, 'gateway ready');

  stopOnSignals(logger, () => running.close());
}

bootstrap().catch(exitOnStartFailure);

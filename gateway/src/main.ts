import '@ecosystem/shared/dist/bootstrap';
import { createLogger } from '@ecosystem/shared';
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

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    running
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

bootstrap().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

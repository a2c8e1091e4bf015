import { createLogger } from '@ecosystem/shared';
import { loadGatewayConfig } from '../../config';
import { GatewayMetrics } from '../../observability/metrics';
import { IdentityTokenSigner } from '../../security/identity';
import { SubgraphClients } from '../subgraph-clients';

/** The gateway's subgraph clients and metrics for a configuration (environment), as create-gateway wires them. */
export function testClients(env: Record<string, string>): { clients: SubgraphClients; metrics: GatewayMetrics } {
  const config = loadGatewayConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', PORT: '0', ...env });
  const metrics = new GatewayMetrics(config.METRICS_MAX_OPERATION_NAMES);
  const clients = new SubgraphClients({
    config,
    identity: new IdentityTokenSigner({ secret: config.INTERNAL_JWT_SECRET, ttlSeconds: config.IDENTITY_TOKEN_TTL_SECONDS, claims: config.settings.subgraphClaims }),
    observer: metrics,
    propagateTrace: false,
    logger: createLogger('subgraph-clients-test', 'silent'),
  });
  return { clients, metrics };
}

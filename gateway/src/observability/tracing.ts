import { type Logger } from '@ecosystem/shared';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { type GatewayConfig } from '../config';

/** The settings tracing reads: where traces go and the service name they carry. */
export type TracingConfig = Pick<GatewayConfig, 'OTEL_EXPORTER_OTLP_ENDPOINT' | 'OTEL_SERVICE_NAME'>;

export interface Tracing {
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry traces over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (off otherwise:
 * no provider, so @apollo/gateway's spans are no-ops). @apollo/gateway creates the spans
 * (gateway.request, gateway.validate, gateway.plan, gateway.execute, gateway.fetch); the data
 * source injects W3C `traceparent` into subgraph requests.
 */
export function startTracing(config: TracingConfig, logger: Logger): Tracing | undefined {
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint) return undefined;
  const exporter = new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': config.OTEL_SERVICE_NAME }),
    spanProcessors: [new BatchSpanProcessor(exporter)],
  });
  provider.register();
  logger.info({ endpoint }, 'OpenTelemetry traces exported over OTLP');
  return { shutdown: () => provider.shutdown() };
}

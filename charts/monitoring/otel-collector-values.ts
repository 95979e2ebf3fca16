import type { EnvironmentConfig } from '../../environments';
import { ENDPOINTS, RELEASES } from './endpoints';

/**
 * Values for the OpenTelemetry Collector chart: a Deployment receiving OTLP from the applications,
 * adding Kubernetes attributes, sampling traces at the environment's rate, and exporting traces
 * to Tempo and logs to Loki's OTLP endpoint. The contrib distribution carries the probabilistic
 * sampler. Not checked against the chart's defaults offline (not in the upstream mirror).
 */
export function otelCollectorValues(env: EnvironmentConfig): Record<string, unknown> {
  return {
    mode: 'deployment',
    fullnameOverride: RELEASES.otelCollector,
    replicaCount: env.tier === 'prod' ? 2 : 1,
    image: { repository: 'ghcr.io/open-telemetry/opentelemetry-collector-releases/opentelemetry-collector-contrib' },
    command: { name: 'otelcol-contrib' },
    presets: { kubernetesAttributes: { enabled: true } },
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } },
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ports: {
      'jaeger-compact': { enabled: false },
      'jaeger-thrift': { enabled: false },
      'jaeger-grpc': { enabled: false },
      zipkin: { enabled: false },
    },
    config: {
      receivers: { jaeger: null, zipkin: null, prometheus: null },
      processors: {
        probabilistic_sampler: { sampling_percentage: env.observability.traces.samplingPercent },
        batch: {},
      },
      exporters: {
        'otlp/tempo': { endpoint: ENDPOINTS.tempoOtlpGrpc, tls: { insecure: true } },
        'otlphttp/loki': { endpoint: `${ENDPOINTS.loki}/otlp` },
      },
      service: {
        pipelines: {
          traces: { receivers: ['otlp'], processors: ['memory_limiter', 'probabilistic_sampler', 'batch'], exporters: ['otlp/tempo'] },
          logs: { receivers: ['otlp'], processors: ['memory_limiter', 'batch'], exporters: ['otlphttp/loki'] },
          metrics: null,
        },
      },
    },
  };
}

import type { EnvironmentConfig } from '../../environments';
import { MONITORING_STORAGE_CLASS } from './endpoints';

/**
 * Values for the Tempo chart (single binary): OTLP in from the collector, blocks on a gp3 volume
 * kept for the environment's trace retention. Not checked against the chart's defaults offline
 * (the chart is not in the upstream mirror).
 */
export function tempoValues(env: EnvironmentConfig): Record<string, unknown> {
  const traces = env.observability.traces;
  return {
    replicas: 1,
    tempo: {
      retention: traces.retention,
      reportingEnabled: false,
      resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } },
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } },
      // Only OTLP: the collector is the one entry point for traces.
      receivers: {
        jaeger: null,
        otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      },
    },
    persistence: { enabled: true, size: `${traces.storageGiB}Gi`, storageClassName: MONITORING_STORAGE_CLASS },
  };
}

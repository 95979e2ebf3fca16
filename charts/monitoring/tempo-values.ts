import type { EnvironmentConfig } from '../../environments';
import { MONITORING_STORAGE_CLASS } from './endpoints';

// Sections copied whole from the chart's values: configuration key -> key under `tempo`.
const TEMPO_SECTIONS = { ingester: 'ingester', server: 'server', storage: 'storage', querier: 'querier', query_frontend: 'queryFrontend', overrides: 'overrides' };

/**
 * Tempo's configuration file: the chart's own `config` template (chart 1.26.2) with one change,
 * `distributor.receivers` takes only `otlp` from `tempo.receivers`. The chart's templates read
 * `tempo.receivers.jaeger.protocols.*` for the Service and container ports, so the Jaeger receiver
 * cannot be removed from the values; it is kept out of the configuration instead.
 */
const TEMPO_CONFIG = `memberlist:
  cluster_label: "{{ .Release.Name }}.{{ .Release.Namespace }}"
multitenancy_enabled: {{ .Values.tempo.multitenancyEnabled }}
usage_report:
  reporting_enabled: {{ .Values.tempo.reportingEnabled }}
compactor:
  compaction:
    block_retention: {{ .Values.tempo.retention }}
distributor:
  receivers:
    {{- toYaml (pick .Values.tempo.receivers "otlp") | nindent 4 }}
${Object.entries(TEMPO_SECTIONS).map(([key, value]) => `${key}:\n  {{- toYaml .Values.tempo.${value} | nindent 2 }}\n`).join('')}`;

/** The Jaeger protocols of the chart's defaults; an endpoint of null removes the protocol's port. */
const JAEGER_PROTOCOLS = ['grpc', 'thrift_binary', 'thrift_compact', 'thrift_http'] as const;

/**
 * Values for the Tempo chart (single binary): OTLP in from the collector, blocks on a gp3 volume
 * kept for the environment's trace retention.
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
      // Only OTLP: the collector is the one entry point for traces. Jaeger keeps its keys (the
      // chart dereferences them) without endpoints, so no port is opened, and TEMPO_CONFIG leaves
      // it out of the distributor; OpenCensus, a bare key in the defaults, is removed.
      receivers: {
        jaeger: { protocols: Object.fromEntries(JAEGER_PROTOCOLS.map((p) => [p, { endpoint: null }])) },
        opencensus: null,
        otlp: { protocols: { grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } } },
      },
    },
    config: TEMPO_CONFIG,
    persistence: { enabled: true, size: `${traces.storageGiB}Gi`, storageClassName: MONITORING_STORAGE_CLASS },
  };
}

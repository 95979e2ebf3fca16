import type { ValuesAllowlistEntry } from '../../lib/validation/chart-values';

/**
 * Helm values paths a chart accepts although its default values.yaml does not show them (keys
 * of a sub-chart, keys a template reads without a default). Each entry allows the path and
 * everything below it, says why, and must be needed: the check fails on an unused entry.
 */
export const VALUES_ALLOWLIST: readonly ValuesAllowlistEntry[] = [
  {
    chart: 'loki',
    path: 'loki.storage.bucketNames',
    reason: 'shown only as a comment in values.yaml; _helpers.tpl requires loki.storage.bucketNames.chunks and .ruler for object storage',
  },
  {
    chart: 'loki',
    path: 'loki.limits_config.retention_period',
    reason: 'the chart copies loki.limits_config verbatim into Loki\'s limits_config; retention_period is a Loki limit (enforced by the compactor)',
  },
  {
    chart: 'loki',
    path: 'loki.limits_config.allow_structured_metadata',
    reason: 'the chart copies loki.limits_config verbatim into Loki\'s limits_config; allow_structured_metadata is a Loki limit (OTLP trace ids)',
  },
  {
    chart: 'tempo',
    path: 'persistence.storageClassName',
    reason: 'shown only as a comment in values.yaml; templates/statefulset.yaml reads it for the volume claim template',
  },
  {
    chart: 'opentelemetry-collector',
    path: 'config.exporters["otlp/tempo"]',
    reason: 'config is the collector configuration, passed through; exporters are named by the user (type/name)',
  },
  {
    chart: 'opentelemetry-collector',
    path: 'config.exporters["otlphttp/loki"]',
    reason: 'config is the collector configuration, passed through; exporters are named by the user (type/name)',
  },
  {
    chart: 'opentelemetry-collector',
    path: 'config.processors.probabilistic_sampler',
    reason: 'config is the collector configuration, passed through; the defaults show only the processors the chart itself configures',
  },
  {
    chart: 'metrics-server',
    path: 'resources.limits',
    reason: 'templates/deployment.yaml copies resources verbatim (toYaml); the defaults show only requests',
  },
  {
    chart: 'alloy',
    path: 'configReloader.resources.limits',
    reason: 'the config-reloader container template copies configReloader.resources verbatim (toYaml); the defaults show only requests',
  },
];

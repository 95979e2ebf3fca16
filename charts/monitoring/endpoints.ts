/**
 * Names and in-cluster addresses of the monitoring releases. Service names follow each chart's
 * fullname rule for these release names (`fullnameOverride` where the rule would not give it).
 */

/** Namespace every monitoring release and object lives in. */
export const MONITORING_NAMESPACE = 'monitoring';

export const RELEASES = {
  kubePrometheusStack: 'kube-prometheus-stack',
  loki: 'loki',
  tempo: 'tempo',
  otelCollector: 'otel-collector',
  opencost: 'opencost',
  alloy: 'alloy',
} as const;

const svc = (name: string) => `${name}.${MONITORING_NAMESPACE}.svc.cluster.local`;

export const ENDPOINTS = {
  prometheus: `http://${svc(`${RELEASES.kubePrometheusStack}-prometheus`)}:9090`,
  loki: `http://${svc(RELEASES.loki)}:3100`,
  /** Loki's push API on the single binary's Service (the chart's gateway is off). */
  lokiPush: `http://${svc(RELEASES.loki)}:3100/loki/api/v1/push`,
  tempo: `http://${svc(RELEASES.tempo)}:3200`,
  tempoOtlpGrpc: `${svc(RELEASES.tempo)}:4317`,
  /** Where applications send OTLP (gRPC): `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  collectorOtlpGrpc: `http://${svc(RELEASES.otelCollector)}:4317`,
  collectorOtlpHttp: `http://${svc(RELEASES.otelCollector)}:4318`,
} as const;

/** Grafana data source uids; dashboards and links reference these. */
export const DATASOURCE_UIDS = { prometheus: 'prometheus', loki: 'loki', tempo: 'tempo' } as const;

/** StorageClass the monitoring volumes use (rendered by this chart). */
export const MONITORING_STORAGE_CLASS = 'monitoring-gp3';

/** Kubernetes Secrets kept in sync from Secrets Manager, and the keys they hold. */
export const MONITORING_SECRETS = {
  alertmanagerReceivers: { name: 'alertmanager-receivers', keys: { slackWebhookUrl: 'slack-webhook-url', pagerDutyRoutingKey: 'pagerduty-routing-key' } },
  grafanaAdmin: { name: 'grafana-admin', keys: { user: 'admin-user', password: 'admin-password' } },
} as const;

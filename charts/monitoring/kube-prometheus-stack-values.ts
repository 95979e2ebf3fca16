import type { EnvironmentConfig } from '../../environments';
import { DASHBOARD_SIDECAR_LABEL } from '../../lib/observability';
import { alertmanagerConfig } from './alertmanager-config';
import { DATASOURCE_UIDS, ENDPOINTS, MONITORING_SECRETS, MONITORING_STORAGE_CLASS, NODE_AGENTS_NAMESPACE } from './endpoints';

// Share of the Prometheus volume the TSDB may fill before the oldest blocks go, whatever retention says.
const RETENTION_SIZE_SHARE = 0.85;
const ZONE_TOPOLOGY_KEY = 'topology.kubernetes.io/zone';

function volumeClaim(sizeGiB: number): Record<string, unknown> {
  return {
    volumeClaimTemplate: {
      spec: { storageClassName: MONITORING_STORAGE_CLASS, accessModes: ['ReadWriteOnce'], resources: { requests: { storage: `${sizeGiB}Gi` } } },
    },
  };
}

function resources(cpu: string, memory: string, cpuLimit: string, memoryLimit: string = memory): Record<string, unknown> {
  return { requests: { cpu, memory }, limits: { cpu: cpuLimit, memory: memoryLimit } };
}

/**
 * Values for kube-prometheus-stack: Prometheus, Alertmanager, Grafana and the operator. Every key
 * path exists in the chart's default values (chart-values/kube-prometheus-stack-<version>.yaml).
 */
export function kubePrometheusStackValues(env: EnvironmentConfig): Record<string, unknown> {
  const o = env.observability;
  const prometheusHa = o.replicas > 1;
  const alertmanagerHa = o.alertmanagerReplicas > 1;
  const memoryGiB = o.prometheusMemoryGiB;
  // A quarter of a core per GiB of memory, at least 250m; bursts up to twice that.
  const cpuMilli = Math.max(250, memoryGiB * 250);

  return {
    // The CRDs come from their own release (prometheus-operator-crds), synced before every operator.
    crds: { enabled: false },
    defaultRules: {
      create: true,
      // EKS runs the control plane: etcd, scheduler, controller manager and kube-proxy metrics are
      // not scrapeable, so their rules would only ever report absent targets.
      rules: {
        etcd: false,
        kubeControllerManager: false,
        kubeSchedulerAlerting: false,
        kubeSchedulerRecording: false,
        kubeProxy: false,
        windows: false,
      },
    },
    kubeControllerManager: { enabled: false },
    kubeScheduler: { enabled: false },
    kubeEtcd: { enabled: false },
    kubeProxy: { enabled: false },
    prometheusOperator: { resources: resources('100m', '128Mi', '500m', '256Mi') },
    prometheus: {
      podDisruptionBudget: { enabled: prometheusHa, minAvailable: 1 },
      prometheusSpec: {
        replicas: o.replicas,
        retention: o.retention,
        retentionSize: `${Math.floor(o.storageGiB * RETENTION_SIZE_SHARE)}GB`,
        storageSpec: volumeClaim(o.storageGiB),
        resources: resources(`${cpuMilli}m`, `${memoryGiB}Gi`, `${cpuMilli * 2}m`),
        externalLabels: { cluster: env.cluster.name, environment: env.name },
        // Select every monitor and rule in the cluster, not only those labelled for this release.
        serviceMonitorSelectorNilUsesHelmValues: false,
        podMonitorSelectorNilUsesHelmValues: false,
        ruleSelectorNilUsesHelmValues: false,
        probeSelectorNilUsesHelmValues: false,
        scrapeConfigSelectorNilUsesHelmValues: false,
        ...(prometheusHa ? { podAntiAffinity: 'hard', podAntiAffinityTopologyKey: ZONE_TOPOLOGY_KEY } : {}),
      },
    },
    alertmanager: {
      podDisruptionBudget: { enabled: alertmanagerHa, minAvailable: 1 },
      config: alertmanagerConfig(env),
      alertmanagerSpec: {
        replicas: o.alertmanagerReplicas,
        storage: volumeClaim(2),
        resources: resources('50m', '128Mi', '200m', '256Mi'),
        // Mounted at /etc/alertmanager/secrets/<name>/; the config reads the receiver credentials there.
        secrets: [MONITORING_SECRETS.alertmanagerReceivers.name],
        ...(alertmanagerHa ? { podAntiAffinity: 'hard', podAntiAffinityTopologyKey: ZONE_TOPOLOGY_KEY } : {}),
      },
    },
    // node-exporter runs beside Alloy in the per-node agents' namespace (host access, per-node quota).
    'prometheus-node-exporter': {
      namespaceOverride: NODE_AGENTS_NAMESPACE,
      resources: resources('50m', '64Mi', '100m', '128Mi'),
    },
    grafana: {
      enabled: true,
      defaultDashboardsEnabled: true,
      defaultDashboardsTimezone: 'utc',
      admin: {
        existingSecret: MONITORING_SECRETS.grafanaAdmin.name,
        userKey: MONITORING_SECRETS.grafanaAdmin.keys.user,
        passwordKey: MONITORING_SECRETS.grafanaAdmin.keys.password,
      },
      sidecar: {
        dashboards: {
          enabled: true,
          label: DASHBOARD_SIDECAR_LABEL.key,
          labelValue: DASHBOARD_SIDECAR_LABEL.value,
          searchNamespace: 'ALL',
          provider: { allowUiUpdates: false },
        },
        datasources: {
          enabled: true,
          defaultDatasourceEnabled: true,
          uid: DATASOURCE_UIDS.prometheus,
          // Exemplars on Prometheus series link to their trace.
          exemplarTraceIdDestinations: { datasourceUid: DATASOURCE_UIDS.tempo, traceIdLabelName: 'trace_id' },
        },
      },
      additionalDataSources: [
        {
          name: 'Loki',
          type: 'loki',
          uid: DATASOURCE_UIDS.loki,
          access: 'proxy',
          url: ENDPOINTS.loki,
          editable: false,
          jsonData: {
            // OTLP logs keep the trace id as structured metadata; link it to Tempo.
            derivedFields: [{ name: 'TraceID', matcherType: 'label', matcherRegex: 'trace_id', datasourceUid: DATASOURCE_UIDS.tempo, url: '$${__value.raw}' }],
          },
        },
        {
          name: 'Tempo',
          type: 'tempo',
          uid: DATASOURCE_UIDS.tempo,
          access: 'proxy',
          url: ENDPOINTS.tempo,
          editable: false,
          jsonData: {
            tracesToLogsV2: { datasourceUid: DATASOURCE_UIDS.loki, filterByTraceID: true },
            serviceMap: { datasourceUid: DATASOURCE_UIDS.prometheus },
            nodeGraph: { enabled: true },
          },
        },
      ],
    },
  };
}

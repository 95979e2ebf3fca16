import { awsNames, type EnvironmentConfig } from '../../environments';
import { MANAGED_NODE_GROUP_LABEL, SYSTEM_NODE_TOLERATION } from '../../lib/scheduling';

/** Label selecting the metrics-server pods (the chart's `app.kubernetes.io/name`). */
const METRICS_SERVER_POD_LABELS = { 'app.kubernetes.io/name': 'metrics-server' } as const;

/**
 * Values for the metrics-server chart: the resource metrics API (`metrics.k8s.io`) that HPAs,
 * KEDA's cpu/memory triggers and `kubectl top` read. It runs on the system node group, so it
 * serves before Karpenter has launched a node; in prod two replicas on different nodes and zones
 * with a PodDisruptionBudget keep the API up through a node replacement.
 *
 * Kubelet serving certificates on EKS are signed by the cluster CA, so the kubelet's TLS is
 * verified (no `--kubelet-insecure-tls`). The APIService keeps the chart's self-signed serving
 * certificate (`tls.type: metrics-server`): a Helm-generated one would change on every render and
 * keep Argo CD out of sync, and no cert-manager runs here.
 */
export function metricsServerValues(env: EnvironmentConfig): Record<string, unknown> {
  const ha = env.tier === 'prod';
  const nodeGroup = awsNames(env).systemNodeGroup;
  return {
    replicas: ha ? 2 : 1,
    podDisruptionBudget: ha ? { enabled: true, minAvailable: 1 } : { enabled: false },
    nodeSelector: { 'kubernetes.io/os': 'linux', [MANAGED_NODE_GROUP_LABEL]: nodeGroup },
    tolerations: [{ ...SYSTEM_NODE_TOLERATION }],
    affinity: ha
      ? {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: METRICS_SERVER_POD_LABELS }, topologyKey: 'kubernetes.io/hostname' }],
          },
        }
      : {},
    topologySpreadConstraints: ha
      ? [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: METRICS_SERVER_POD_LABELS } }]
      : [],
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      runAsUser: 10001,
      seccompProfile: { type: 'RuntimeDefault' },
      capabilities: { drop: ['ALL'] },
    },
    // About 1 millicore and 2 MiB per node (upstream sizing); this covers a few hundred nodes.
    resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '500m', memory: '500Mi' } },
    // No ServiceMonitor: its CRD arrives with kube-prometheus-stack, after this release, and a
    // release that cannot sync would hold back every later wave. The aggregated API's health is
    // alerted on anyway (kube-prometheus-stack's KubeAggregatedAPIDown, from API server metrics).
    metrics: { enabled: false },
    serviceMonitor: { enabled: false },
  };
}

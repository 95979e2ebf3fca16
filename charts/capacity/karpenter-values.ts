import { awsNames, type EnvironmentConfig } from '../../environments';
import { MANAGED_NODE_GROUP_LABEL, SYSTEM_NODE_TOLERATION } from '../../lib/scheduling';
import { UPSTREAM } from '../../lib/upstream/pins';

/**
 * Values for the Karpenter Helm chart. Every key exists in the chart's default values
 * (chart-values/karpenter-<version>.yaml of the upstream mirror).
 */
export function karpenterValues(env: EnvironmentConfig): Record<string, unknown> {
  const names = awsNames(env);
  const ha = env.tier === 'prod';
  return {
    settings: {
      clusterName: env.cluster.name,
      interruptionQueue: names.interruptionQueue,
      // Workloads express Graviton as a preferred node affinity; Respect makes Karpenter launch for it.
      preferencePolicy: 'Respect',
      minValuesPolicy: 'Strict',
    },
    // EKS Pod Identity binds the controller role to this service account: no IRSA annotation.
    serviceAccount: { create: true, name: names.podIdentities.karpenter.serviceAccount },
    replicas: ha ? 2 : 1,
    podDisruptionBudget: { name: 'karpenter', maxUnavailable: 1 },
    // Karpenter must not run on nodes it manages (it could consolidate itself away): only on the
    // system managed node group.
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'karpenter.sh/nodepool', operator: 'DoesNotExist' },
                { key: MANAGED_NODE_GROUP_LABEL, operator: 'In', values: [names.systemNodeGroup] },
              ],
            },
          ],
        },
      },
    },
    tolerations: [SYSTEM_NODE_TOLERATION],
    controller: {
      // The chart's default image is an older release; run the controller matching the pinned CRDs.
      image: { tag: UPSTREAM.karpenter.appVersion, digest: '' },
      resources: {
        requests: { cpu: '1', memory: '1Gi' },
        limits: { cpu: '1', memory: '1Gi' },
      },
    },
    // Scraped by the monitoring chart's typed monitor; the chart's own would scrape it twice.
    serviceMonitor: { enabled: false },
  };
}

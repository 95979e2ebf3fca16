import type { RuleGroup } from '../../../lib/observability';

/** A Karpenter gauge deduplicated per node (a standby controller may report the same node). */
export const perNode = (metric: string, selector: string, by: readonly string[] = []) =>
  `max by (${['node_name', ...by].join(', ')}) (${metric}{${selector}})`;

/**
 * Capacity alerts on Karpenter metrics (v1.14 names): pods waiting for nodes, slow provisioning,
 * NodePools close to their limits, spot interruptions and EC2 API errors.
 */
export function capacityRuleGroups(): RuleGroup[] {
  const spotNodes = `count(${perNode('karpenter_nodes_allocatable', 'resource_type="cpu", capacity_type="spot"')})`;
  return [
    {
      name: 'karpenter-provisioning',
      rules: [
        {
          alert: 'KarpenterPodsWaitingForCapacity',
          expr: 'max by (namespace) (karpenter_pods_provisioning_unbound_time_seconds) > 300',
          for: '5m',
          severity: 'warning',
          summary: 'Pods in {{ $labels.namespace }} have waited more than 5 minutes for a node',
          description: 'Karpenter decided to launch capacity for these pods over 5 minutes ago and they are still unbound. Check NodeClaims (kubectl get nodeclaims), EC2 capacity errors and NodePool limits.',
        },
        {
          alert: 'KarpenterUnschedulablePods',
          expr: 'max(karpenter_scheduler_unschedulable_pods_count) > 0',
          for: '15m',
          severity: 'warning',
          summary: '{{ $value }} pods fit no NodePool',
          description: 'Karpenter cannot place these pods on any NodePool (requirements, taints or limits). Look at the pods\' FailedScheduling events and the NodePool requirements.',
        },
        {
          alert: 'KarpenterSlowNodeProvisioning',
          expr: 'histogram_quantile(0.9, sum by (le) (rate(karpenter_pods_provisioning_startup_duration_seconds_bucket[30m]))) > 300',
          for: '15m',
          severity: 'warning',
          summary: 'p90 from scheduling decision to running pod is {{ $value | humanizeDuration }}',
          description: 'Pods take more than 5 minutes (p90, 30 minutes window) from Karpenter\'s decision to Running: slow instance launches, image pulls or node initialisation.',
        },
        {
          alert: 'KarpenterNodePoolNearLimit',
          expr: 'max by (nodepool, resource_type) (karpenter_nodepools_usage) / max by (nodepool, resource_type) (karpenter_nodepools_limit) > 0.9',
          for: '15m',
          severity: 'warning',
          summary: 'NodePool {{ $labels.nodepool }} uses {{ $value | humanizePercentage }} of its {{ $labels.resource_type }} limit',
          description: 'Above 90 % of spec.limits Karpenter soon stops launching nodes in this pool; raise the limit in the capacity config or find the workload that grew.',
        },
        {
          alert: 'KarpenterCloudProviderErrors',
          expr: 'sum by (method) (rate(karpenter_cloudprovider_errors_total[10m])) > 0.05',
          for: '15m',
          severity: 'warning',
          summary: 'EC2 calls of Karpenter ({{ $labels.method }}) keep failing',
          description: 'More than 3 errors a minute for 15 minutes: throttling, missing IAM permissions or insufficient capacity. See the controller logs.',
        },
      ],
    },
    {
      name: 'karpenter-spot',
      rules: [
        {
          alert: 'KarpenterSpotInterruptionRateHigh',
          expr: `sum(increase(karpenter_interruption_received_messages_total{message_type="spot_interrupted"}[1h])) / clamp_min(${spotNodes}, 1) > 0.2`,
          for: '15m',
          severity: 'warning',
          summary: 'More than 20 % of spot nodes were interrupted in the last hour',
          description: 'EC2 reclaims spot capacity faster than usual ({{ $value | humanizePercentage }} of spot nodes per hour). Widen the instance types of the spot NodePool or move latency-critical workloads to on-demand.',
        },
      ],
    },
  ];
}

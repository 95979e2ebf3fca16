import { DashboardModel } from '../../../lib/observability';

const quantiles = [0.5, 0.9, 0.99] as const;

/** "Provisioning & disruption": how fast pods get nodes, and why nodes come and go. */
export function provisioningDashboard(): DashboardModel {
  return new DashboardModel({ uid: 'platform-provisioning', title: 'Provisioning & disruption', tags: ['platform', 'karpenter'] })
    .addRow('Provisioning')
    .addPanel('timeseries', {
      title: 'Pending to running (from Karpenter\'s scheduling decision)',
      queries: quantiles.map((q) => ({
        expr: `histogram_quantile(${q}, sum by (le) (rate(karpenter_pods_provisioning_startup_duration_seconds_bucket[$__rate_interval])))`,
        legend: `p${q * 100}`,
      })),
      unit: 's',
    })
    .addPanel('timeseries', {
      title: 'Pod startup (creation to running)',
      queries: quantiles.map((q) => ({ expr: `max(karpenter_pods_startup_duration_seconds{quantile="${q}"})`, legend: `p${q * 100}` })),
      unit: 's',
    })
    .addPanel('timeseries', {
      title: 'Pods waiting for a node',
      queries: [
        { expr: 'count(karpenter_pods_provisioning_unbound_time_seconds) or vector(0)', legend: 'waiting' },
        { expr: 'max(karpenter_scheduler_unschedulable_pods_count)', legend: 'unschedulable' },
      ],
    })
    .addPanel('timeseries', {
      title: 'NodePool usage of its CPU limit',
      queries: [{ expr: 'max by (nodepool) (karpenter_nodepools_usage{resource_type="cpu"}) / max by (nodepool) (karpenter_nodepools_limit{resource_type="cpu"})', legend: '{{nodepool}}' }],
      unit: 'percentunit',
    })
    .addRow('Disruption')
    .addPanel('timeseries', {
      title: 'Nodes created and terminated per hour',
      queries: [
        { expr: 'sum by (nodepool) (increase(karpenter_nodes_created_total[1h]))', legend: 'created {{nodepool}}' },
        { expr: 'sum by (nodepool) (increase(karpenter_nodes_terminated_total[1h]))', legend: 'terminated {{nodepool}}' },
      ],
    })
    .addPanel('timeseries', {
      title: 'Consolidation and other voluntary disruptions per hour',
      queries: [{ expr: 'sum by (decision, reason) (increase(karpenter_voluntary_disruption_decisions_total[1h]))', legend: '{{reason}} / {{decision}}' }],
      stacked: true,
    })
    .addPanel('timeseries', {
      title: 'Interruption messages per hour',
      queries: [{ expr: 'sum by (message_type) (increase(karpenter_interruption_received_messages_total[1h]))', legend: '{{message_type}}' }],
      stacked: true,
    })
    .addPanel('timeseries', {
      title: 'NodeClaims disrupted per hour',
      queries: [{ expr: 'sum by (reason, capacity_type) (increase(karpenter_nodeclaims_disrupted_total[1h]))', legend: '{{reason}} / {{capacity_type}}' }],
      stacked: true,
    });
}

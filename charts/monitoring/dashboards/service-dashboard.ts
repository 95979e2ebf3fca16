import { DashboardModel, errorRatioRecord, HTTP_METRICS, ROLLOUT_ROLES, TARGET_LABELS } from '../../../lib/observability';
import { DEMO_API_SLO } from '../rules/slo-alerts';

/**
 * "Service": rate, errors and duration per workload, split by rollout role so a canary can be
 * compared with stable while it runs.
 */
export function serviceDashboard(appNamespace: string, apiObjective: number): DashboardModel {
  const { workload, rolloutRole } = TARGET_LABELS;
  const selector = `namespace="${appNamespace}", ${workload}=~"$workload"`;
  const by = `${workload}, ${rolloutRole}`;
  const rate = (extra = '') => `sum by (${by}) (rate(${HTTP_METRICS.requests}{${selector}${extra}}[$__rate_interval]))`;
  const legend = `{{${workload}}} {{${rolloutRole}}}`;
  return new DashboardModel({
    uid: 'platform-service',
    title: 'Service',
    tags: ['platform', 'red', 'rollouts'],
    variables: [{ name: workload, label: 'Workload', metric: `${HTTP_METRICS.requests}{namespace="${appNamespace}"}` }],
  })
    .addRow('Requests, errors, duration')
    .addPanel('timeseries', { title: 'Request rate', queries: [{ expr: rate(), legend }], unit: 'reqps', width: 8 })
    .addPanel('timeseries', {
      title: 'Error ratio (5xx)',
      queries: [{ expr: `${rate(`, ${HTTP_METRICS.statusLabel}=~"5.."`)}\n/\n${rate()}`, legend }],
      unit: 'percentunit',
      width: 8,
    })
    .addPanel('timeseries', {
      title: 'Latency p95',
      queries: [{ expr: `histogram_quantile(0.95, sum by (le, ${by}) (rate(${HTTP_METRICS.duration}_bucket{${selector}}[$__rate_interval])))`, legend }],
      unit: 's',
      width: 8,
    })
    .addRow('Canary vs stable')
    .addPanel('stat', {
      title: 'Canary error ratio minus stable',
      description: 'Positive: the canary fails more often than stable.',
      queries: [
        {
          expr: [ROLLOUT_ROLES.canary, ROLLOUT_ROLES.stable]
            .map((role) => `(sum(rate(${HTTP_METRICS.requests}{${selector}, ${rolloutRole}="${role}", ${HTTP_METRICS.statusLabel}=~"5.."}[5m])) / sum(rate(${HTTP_METRICS.requests}{${selector}, ${rolloutRole}="${role}"}[5m])))`)
            .join('\n- '),
        },
      ],
      unit: 'percentunit',
      width: 8,
    })
    .addPanel('stat', {
      title: 'Canary share of requests',
      queries: [{ expr: `sum(rate(${HTTP_METRICS.requests}{${selector}, ${rolloutRole}="${ROLLOUT_ROLES.canary}"}[5m])) / sum(rate(${HTTP_METRICS.requests}{${selector}}[5m]))` }],
      unit: 'percentunit',
      width: 8,
    })
    .addPanel('stat', {
      title: 'Rollouts not completed (progressing, paused or failed)',
      queries: [{ expr: `count(rollout_info{namespace="${appNamespace}", phase!="Completed"}) or vector(0)` }],
      width: 8,
    })
    .addRow('SLO')
    .addPanel('timeseries', {
      title: `API error budget burn rate (objective ${apiObjective})`,
      description: '1 spends the 30-day budget exactly; the fast page fires above 14.4 on both 1h and 5m.',
      queries: ['5m', '1h', '6h'].map((w) => ({ expr: `${errorRatioRecord(w)}{slo="${DEMO_API_SLO}"} / (1 - ${apiObjective})`, legend: w })),
      width: 24,
    });
}

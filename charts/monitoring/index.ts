import type { PlatformComponent } from '../component';
import { MonitoringChart } from './monitoring-chart';
import { validateMonitoring } from './monitoring-rules';

export { MonitoringChart } from './monitoring-chart';
export { validateMonitoring } from './monitoring-rules';
export { ENDPOINTS, MONITORING_NAMESPACE } from './endpoints';
export { costInputOf } from './cost-inputs';

/**
 * Observability and cost. Its Helm releases (kube-prometheus-stack brings the monitoring CRDs)
 * sync a wave before the chart's own monitors, rules and dashboards.
 */
export const monitoring: PlatformComponent = {
  name: 'monitoring',
  syncWave: 0,
  enabled: (env) => env.components.monitoring,
  validate: validateMonitoring,
  build: (app, env) => new MonitoringChart(app, 'monitoring', env),
};

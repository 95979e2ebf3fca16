import type { PlatformComponent } from '../component';
import { ClusterAddonsChart } from './cluster-addons-chart';

export { CLUSTER_ADDONS_NAMESPACE, ClusterAddonsChart } from './cluster-addons-chart';
export { metricsServerValues } from './metrics-server-values';

/**
 * Add-ons the cluster's own APIs depend on (the resource metrics API); every environment gets
 * them, before the operators and workloads whose autoscalers read them.
 */
export const clusterAddons: PlatformComponent = {
  name: 'cluster-addons',
  syncWave: -10,
  enabled: () => true,
  build: (app, env) => new ClusterAddonsChart(app, 'cluster-addons', env),
};

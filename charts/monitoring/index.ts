import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { PlatformComponent } from '../component';
import { AWS_SECRET_STORE } from '../delivery/delivery-chart';
import { MONITORING_NAMESPACE, MONITORING_STORAGE_CLASS } from './endpoints';
import { OPENCOST_PRICING_CONFIG_MAP } from './opencost-values';
import { MonitoringChart } from './monitoring-chart';
import { MonitoringPrerequisitesChart } from './monitoring-prerequisites-chart';
import { validateMonitoring } from './monitoring-rules';

export { MonitoringChart } from './monitoring-chart';
export { MonitoringPrerequisitesChart } from './monitoring-prerequisites-chart';
export { validateMonitoring } from './monitoring-rules';
export { ENDPOINTS, MONITORING_NAMESPACE } from './endpoints';
export { costInputOf } from './cost-inputs';

/**
 * What the monitoring releases need first: StorageClass, Secrets, pricing ConfigMap, and the
 * prometheus-operator CRDs (a release of its own). Its own rendered folder, so it can sync before
 * the releases that read it.
 */
export const monitoringPrerequisites: PlatformComponent = {
  name: 'monitoring-prerequisites',
  enabled: (env) => env.components.monitoring,
  requires: (env) => [C.namespaces, ...(env.components.externalSecrets ? [C.crds('external-secrets.io'), C.secretStore(AWS_SECRET_STORE)] : [])],
  provides: () => [C.secrets(MONITORING_NAMESPACE), C.storageClass(MONITORING_STORAGE_CLASS), C.config(OPENCOST_PRICING_CONFIG_MAP)],
  build: (app, env) => new MonitoringPrerequisitesChart(app, 'monitoring-prerequisites', env),
};

/**
 * Observability and cost: the releases (each ordered by its own needs) and the platform's own
 * monitors, rules and dashboards, which need the prometheus-operator CRDs and operator.
 */
export const monitoring: PlatformComponent = {
  name: 'monitoring',
  requires: () => [C.crds('monitoring.coreos.com'), C.controller('prometheus-operator')],
  enabled: (env) => env.components.monitoring,
  validate: validateMonitoring,
  build: (app, env) => new MonitoringChart(app, 'monitoring', env),
};

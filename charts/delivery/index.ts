import type { PlatformComponent } from '../component';
import { DeliveryChart } from './delivery-chart';
import { validateDelivery } from './delivery-rules';

export { AWS_SECRET_STORE, DeliveryChart } from './delivery-chart';
export { validateDelivery } from './delivery-rules';
export { argoRolloutsValues, externalSecretsValues, kedaValues } from './operator-values';
export { workloadScalingCheck } from './workload-scaling-check';

/** Operators for progressive delivery, event-driven scaling and secrets; before the workloads. */
export const delivery: PlatformComponent = {
  name: 'delivery',
  syncWave: -5,
  enabled: (env) => env.components.argoRollouts || env.components.keda || env.components.externalSecrets,
  validate: validateDelivery,
  build: (app, env) => new DeliveryChart(app, 'delivery', env),
};

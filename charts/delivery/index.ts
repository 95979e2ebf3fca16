import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { PlatformComponent } from '../component';
import { AWS_SECRET_STORE, DeliveryChart } from './delivery-chart';
import { validateDelivery } from './delivery-rules';

export { AWS_SECRET_STORE, DeliveryChart } from './delivery-chart';
export { validateDelivery } from './delivery-rules';
export { argoRolloutsValues, externalSecretsValues, kedaValues } from './operator-values';
export { workloadScalingCheck } from './workload-scaling-check';

/** Operators for progressive delivery, event-driven scaling and secrets; before the workloads. */
export const delivery: PlatformComponent = {
  name: 'delivery',
  // The folder holds the ClusterSecretStore, served by External Secrets.
  requires: (env) => (env.components.externalSecrets ? [C.crds('external-secrets.io'), C.controller('external-secrets')] : []),
  provides: (env) => (env.components.externalSecrets ? [C.secretStore(AWS_SECRET_STORE)] : []),
  enabled: (env) => env.components.argoRollouts || env.components.keda || env.components.externalSecrets,
  validate: validateDelivery,
  build: (app, env) => new DeliveryChart(app, 'delivery', env),
};

import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { PlatformComponent } from '../component';
import { AWS_SECRET_STORE } from '../delivery/delivery-chart';
import { DemoAppChart } from './demo-app-chart';
import { validateDemoApp } from './demo-app-rules';

export { DemoAppChart } from './demo-app-chart';
export { validateDemoApp } from './demo-app-rules';

/** The demo application; last, once operators, CRDs, capacity and monitoring are in place. */
export const demoApp: PlatformComponent<DemoAppChart> = {
  name: 'demo-app',
  requires: (env) => [
    C.namespaces,
    C.nodePools,
    ...(env.components.argoRollouts ? [C.crds('argoproj.io'), C.controller('argo-rollouts')] : []),
    ...(env.components.keda ? [C.crds('keda.sh'), C.controller('keda')] : []),
    ...(env.components.externalSecrets ? [C.crds('external-secrets.io'), C.secretStore(AWS_SECRET_STORE)] : []),
    // Policies admit the workloads they govern: they must be enforced before the workloads arrive.
    ...(env.components.kyverno ? [C.admission('platform-policies')] : []),
  ],
  enabled: (env) => env.components.demoApp,
  validate: validateDemoApp,
  build: (app, env) => new DemoAppChart(app, 'demo-app', env),
};

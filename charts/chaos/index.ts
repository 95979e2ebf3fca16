import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { App } from 'cdk8s';
import type { PlatformComponent } from '../component';
import { WebService } from '../../lib/workloads';
import { demoApp, type DemoAppChart } from '../demo-app';
import { ChaosChart, type ChaosTargets } from './chaos-chart';
import { validateChaos } from './chaos-rules';

export { ChaosChart, type ChaosTargets } from './chaos-chart';
export { chaosNamespaceOf, validateChaos } from './chaos-rules';
export { chaosTargetCheck } from './chaos-target-check';
export { LITMUS_IMAGES, LITMUS_VERSION, litmusValues } from './litmus-values';

/** The demo application's services, from its chart in `app` (built before this one). */
export function demoAppTargets(app: App): ChaosTargets {
  // By id and shape: cdk8s makes `instanceof` of any Chart subclass true for every chart.
  const chart = app.node.tryFindChild(demoApp.name) as Partial<DemoAppChart> | undefined;
  if (!(chart?.api instanceof WebService && chart.frontend instanceof WebService)) {
    throw new Error(`chaos: no ${demoApp.name} chart in the app: the drills target the demo application, so build it first (components.demoApp)`);
  }
  return { api: chart.api, frontend: chart.frontend };
}

/** LitmusChaos and the resilience drills; after the demo application they target. */
export const chaos: PlatformComponent = {
  name: 'chaos',
  requires: () => [C.crds('litmuschaos.io'), C.controller('litmus'), C.nodePools],
  enabled: (env) => env.components.chaos,
  validate: validateChaos,
  build: (app, env) => new ChaosChart(app, 'chaos', env, demoAppTargets(app)),
};

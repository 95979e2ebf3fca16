import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { BuildContext, PlatformComponent } from '../component';
import { demoApp } from '../demo-app';
import { ChaosChart, type ChaosTargets } from './chaos-chart';
import { validateChaos } from './chaos-rules';

export { ChaosChart, type ChaosTargets } from './chaos-chart';
export { chaosNamespaceOf, validateChaos } from './chaos-rules';
export { chaosTargetCheck } from './chaos-target-check';
export { LITMUS_IMAGES, LITMUS_VERSION, litmusValues } from './litmus-values';

/** The demo application's services the drills target, from its chart (built before this one). */
export function demoAppTargets(context: BuildContext): ChaosTargets {
  const chart = context.chartOf(demoApp);
  if (!chart) {
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
  build: (app, env, context) => new ChaosChart(app, 'chaos', env, demoAppTargets(context)),
};

import { Capabilities as C } from '../../lib/argocd/sync-dependencies';
import type { PlatformComponent } from '../component';
import { CapacityChart } from './capacity-chart';
import { validateCapacity } from './capacity-rules';

export { arm64SafetyCheck } from './arm64-safety-check';
export { CapacityChart } from './capacity-chart';
export { validateCapacity } from './capacity-rules';
export { karpenterValues } from './karpenter-values';
export { spotSafetyCheck } from './spot-safety-check';

/** Karpenter, its EC2NodeClass and NodePools; after the operators, before the workloads. */
export const capacity: PlatformComponent = {
  name: 'capacity',
  requires: () => [C.crds('karpenter.sh'), C.crds('karpenter.k8s.aws'), C.controller('karpenter')],
  provides: () => [C.nodePools],
  enabled: (env) => env.components.karpenter,
  validate: validateCapacity,
  build: (app, env) => new CapacityChart(app, 'capacity', env),
};

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
  syncWave: 0,
  enabled: (env) => env.components.karpenter,
  validate: validateCapacity,
  build: (app, env) => new CapacityChart(app, 'capacity', env),
};

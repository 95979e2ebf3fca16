import type { EnvironmentConfig } from '../../environments';
import type { CostInput, PoolLimit } from '../../lib/cost';

/** The cost model's input for an environment: its NodePool limits and declared baseline load. */
export function costInputOf(env: EnvironmentConfig): CostInput {
  const pools: PoolLimit[] = [];
  const { spot, onDemand } = env.capacity;
  if (spot.enabled) pools.push({ capacityType: 'spot', maxCpu: spot.maxCpu, maxMemoryGiB: spot.maxMemoryGiB });
  if (onDemand.enabled) pools.push({ capacityType: 'on-demand', maxCpu: onDemand.maxCpu, maxMemoryGiB: onDemand.maxMemoryGiB });
  const c = env.observability.costModel;
  return { pools, baseline: { vcpu: c.baselineVcpu, memoryGiB: c.baselineMemoryGiB, spotShare: c.spotShare, arm64Share: c.arm64Share } };
}

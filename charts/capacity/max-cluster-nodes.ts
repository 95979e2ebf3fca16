import { App } from 'cdk8s';
import { systemNodeGroupOf, type EnvironmentConfig } from '../../environments';
import { CapacityChart } from './capacity-chart';

/**
 * Most nodes the environment's cluster can have: the system node group at its maximum plus every
 * NodePool at its CPU limit on its smallest eligible instance type. The NodePools are built as
 * the capacity chart builds them, so the count cannot drift from what Karpenter is given.
 */
export function maxClusterNodes(env: EnvironmentConfig): number {
  const system = systemNodeGroupOf(env).maxSize;
  if (!env.components.karpenter) return system;
  const capacity = new CapacityChart(new App(), 'capacity', env);
  return system + [capacity.spotStatelessPool, capacity.onDemandPool].reduce((sum, pool) => sum + (pool?.maxNodes ?? 0), 0);
}

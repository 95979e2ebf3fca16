import { INSTANCE_TYPES } from './instance-types';

/**
 * Most nodes a NodePool can hold: its CPU limit over the vCPUs of the smallest instance type its
 * requirements leave eligible (from the committed instance-type table). Per-node costs — a
 * DaemonSet's pods, a quota's per-node allowance — are sized with it.
 */
export function maxNodeCount(cpuLimit: number, eligibleInstanceTypes: readonly string[]): number {
  const eligible = new Set(eligibleInstanceTypes);
  const cpus = INSTANCE_TYPES.filter((t) => eligible.has(t['node.kubernetes.io/instance-type'])).map((t) => Number(t['karpenter.k8s.aws/instance-cpu']));
  if (cpus.length === 0) throw new Error(`maxNodeCount: no eligible instance type in the table (${[...eligible].slice(0, 3).join(', ') || 'none'})`);
  return Math.ceil(cpuLimit / Math.min(...cpus));
}

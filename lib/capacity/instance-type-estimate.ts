import { INSTANCE_TYPE_LABEL_KEYS, INSTANCE_TYPES, type InstanceTypeLabels } from './instance-types';
import { satisfies, type NodeRequirement } from './node-requirement';

export interface InstanceTypeEstimate {
  /** Instance types of the committed table that satisfy every requirement it can evaluate. */
  readonly eligible: readonly string[];
  /** Requirements with `minValues` that the eligible types cannot meet, with the distinct values found. */
  readonly unmetMinValues: readonly { readonly requirement: NodeRequirement & { readonly minValues: number }; readonly found: number }[];
  /** Requirement keys the table does not describe; they were not applied, so they may narrow further. */
  readonly ignoredKeys: readonly string[];
}

const KNOWN_KEYS: readonly string[] = INSTANCE_TYPE_LABEL_KEYS;
// Keys that select where or how an instance runs, not which instance type it is.
const PLACEMENT_KEYS = ['karpenter.sh/capacity-type', 'topology.kubernetes.io/zone', 'topology.kubernetes.io/region', 'karpenter.sh/nodepool'];

/**
 * Estimates which instance types NodePool requirements leave eligible, by evaluating them against
 * the committed table in `instance-types.ts` (c/m/r families, generations 5-8). The real EC2 set
 * is larger (more families) and smaller (regional availability), so treat the count as an
 * estimate: it is exact only for pools confined to the families the table lists.
 */
export function estimateInstanceTypes(requirements: readonly (NodeRequirement & { readonly minValues?: number })[]): InstanceTypeEstimate {
  const applied = requirements.filter((r) => KNOWN_KEYS.includes(r.key));
  const eligibleTypes = INSTANCE_TYPES.filter((type) => applied.every((r) => satisfies(type[r.key], r)));
  const unmetMinValues = applied
    .filter((r): r is NodeRequirement & { readonly minValues: number } => r.minValues !== undefined)
    .map((requirement) => ({ requirement, found: distinct(eligibleTypes, requirement.key) }))
    .filter(({ requirement, found }) => found < requirement.minValues);
  const ignoredKeys = [...new Set(requirements.map((r) => r.key).filter((k) => !KNOWN_KEYS.includes(k) && !PLACEMENT_KEYS.includes(k)))];
  return {
    eligible: eligibleTypes.map((t) => t['node.kubernetes.io/instance-type']),
    unmetMinValues,
    ignoredKeys,
  };
}

function distinct(types: readonly InstanceTypeLabels[], key: string): number {
  return new Set(types.map((t) => t[key])).size;
}

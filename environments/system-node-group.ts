import { MANAGED_NODE_GROUP_LABEL, SYSTEM_NODE_TAINT } from '../lib/scheduling/capacity';
import { awsNames } from './names';
import type { EnvironmentConfig } from './types';

/**
 * The EKS managed node group the bootstrap creates for controllers that must run before Karpenter
 * can add capacity. The bootstrap builds the group from this and the sync-plan gate schedules
 * against it, so the two cannot disagree.
 */
export interface SystemNodeGroupSpec {
  readonly name: string;
  readonly instanceTypes: readonly string[];
  /** EKS AMI type; its architecture must match `architecture`. */
  readonly amiType: string;
  readonly architecture: 'amd64' | 'arm64';
  /** Nodes at rest, spread over the zones. */
  readonly size: number;
  readonly maxSize: number;
  readonly taints: readonly { readonly key: string; readonly value: string; readonly effect: 'NoSchedule' | 'NoExecute' | 'PreferNoSchedule' }[];
  /** Labels EKS puts on every node of the group. */
  readonly nodeLabels: Readonly<Record<string, string>>;
}

export function systemNodeGroupOf(env: EnvironmentConfig): SystemNodeGroupSpec {
  const name = awsNames(env).systemNodeGroup;
  const size = Math.max(2, env.aws.availabilityZones.length);
  return {
    name,
    instanceTypes: ['m7g.large'],
    amiType: 'AL2023_ARM_64_STANDARD',
    architecture: 'arm64',
    size,
    maxSize: size * 2,
    taints: [SYSTEM_NODE_TAINT],
    nodeLabels: { [MANAGED_NODE_GROUP_LABEL]: name, 'eks.amazonaws.com/capacityType': 'ON_DEMAND' },
  };
}

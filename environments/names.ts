import type { EnvironmentConfig } from './types';

/**
 * AWS-side names shared by the manifests and the bootstrap. Both sides call this, so a name can
 * never drift between what Terraform creates and what the charts reference.
 */
export interface AwsNames {
  /** IAM role Karpenter nodes run with (EC2NodeClass `role`). */
  readonly karpenterNodeRole: string;
  /** SQS queue Karpenter reads spot interruption and rebalance events from. */
  readonly interruptionQueue: string;
  /** Tag key/value pair subnets and security groups carry for Karpenter discovery. */
  readonly discoveryTagKey: string;
  readonly discoveryTagValue: string;
}

export function awsNames(env: EnvironmentConfig): AwsNames {
  const cluster = env.cluster.name;
  return {
    karpenterNodeRole: `${cluster}-karpenter-node`,
    interruptionQueue: `${cluster}-karpenter-interruptions`,
    discoveryTagKey: 'karpenter.sh/discovery',
    discoveryTagValue: cluster,
  };
}

import { EksNodeGroup } from '@cdktn/provider-aws/lib/eks-node-group';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { LaunchTemplate } from '@cdktn/provider-aws/lib/launch-template';
import { type ITerraformDependable, Token } from 'cdktn';
import { Construct } from 'constructs';
import { managedPolicyArn } from '../aws/arn';
import { serviceTrust } from '../aws/policy-document';
import type { EksCluster } from './eks-cluster';

/** Managed policies every EKS worker node role carries (join, CNI, image pulls, Session Manager). */
export const NODE_MANAGED_POLICIES = [
  'AmazonEKSWorkerNodePolicy',
  'AmazonEKS_CNI_Policy',
  'AmazonEC2ContainerRegistryPullOnly',
  'AmazonSSMManagedInstanceCore',
] as const;

export interface NodeTaint {
  readonly key: string;
  readonly value: string;
  readonly effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
}

export interface SystemNodeGroupProps {
  readonly cluster: EksCluster;
  /** Node group name (also the `eks.amazonaws.com/nodegroup` label of its nodes). */
  readonly name: string;
  readonly subnetIds: readonly string[];
  /** Security groups of the nodes; include the cluster security group. */
  readonly securityGroupIds: readonly string[];
  /** Node count, spread over the subnets' zones; the group scales between `size` and `maxSize`. */
  readonly size: number;
  /** @default 2 x size */
  readonly maxSize?: number;
  /**
   * Instance types, all of the AMI type's architecture.
   * @default ['m7g.large'] (Graviton: every controller image is multi-arch)
   */
  readonly instanceTypes?: readonly string[];
  /** @default 'AL2023_ARM_64_STANDARD' */
  readonly amiType?: string;
  /** @default 50 */
  readonly rootVolumeGiB?: number;
  /** Kubernetes labels of the nodes. @default {} */
  readonly labels?: Readonly<Record<string, string>>;
  /** Taints keeping ordinary workloads off. @default [] */
  readonly taints?: readonly NodeTaint[];
  /** Resources the nodes need before they can become Ready (e.g. the VPC CNI add-on). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

const TAINT_EFFECT = { NoSchedule: 'NO_SCHEDULE', PreferNoSchedule: 'PREFER_NO_SCHEDULE', NoExecute: 'NO_EXECUTE' } as const;

/**
 * A small on-demand EKS managed node group for the controllers that must not run on capacity
 * they manage (Karpenter) or that everything else depends on (Argo CD, CoreDNS). Its launch
 * template requires IMDSv2 with a hop limit of 1 (pods cannot reach the node's credentials) and
 * encrypted gp3 root volumes.
 */
export class SystemNodeGroup extends Construct {
  public readonly nodeGroup: EksNodeGroup;
  public readonly launchTemplate: LaunchTemplate;
  public readonly role: IamRole;

  constructor(scope: Construct, id: string, props: SystemNodeGroupProps) {
    super(scope, id);
    const maxSize = props.maxSize ?? props.size * 2;
    if (!Number.isInteger(props.size) || props.size < 1) {
      throw new Error(`SystemNodeGroup ${id}: size = ${props.size}: must be a positive integer (one node per zone at least)`);
    }
    if (!Number.isInteger(maxSize) || maxSize < props.size) {
      throw new Error(`SystemNodeGroup ${id}: maxSize = ${maxSize}: must be an integer no smaller than size (${props.size})`);
    }
    const rootVolumeGiB = props.rootVolumeGiB ?? 50;
    if (!Number.isInteger(rootVolumeGiB) || rootVolumeGiB < 20) {
      throw new Error(`SystemNodeGroup ${id}: rootVolumeGiB = ${rootVolumeGiB}: must be an integer of at least 20 (the AMI alone needs that)`);
    }
    const { location } = props.cluster;

    this.role = new IamRole(this, 'role', { name: `${props.name}-node`, assumeRolePolicy: serviceTrust('ec2.amazonaws.com') });
    const attachments = NODE_MANAGED_POLICIES.map(
      (policy) => new IamRolePolicyAttachment(this, `role-${policy}`, { role: this.role.name, policyArn: managedPolicyArn(location, policy) }),
    );

    this.launchTemplate = new LaunchTemplate(this, 'launch-template', {
      name: `${props.name}-node`,
      description: `Nodes of the ${props.name} managed node group`,
      updateDefaultVersion: true,
      vpcSecurityGroupIds: [...props.securityGroupIds],
      metadataOptions: { httpEndpoint: 'enabled', httpTokens: 'required', httpPutResponseHopLimit: 1, instanceMetadataTags: 'disabled' },
      blockDeviceMappings: [
        {
          deviceName: '/dev/xvda',
          ebs: { volumeSize: rootVolumeGiB, volumeType: 'gp3', encrypted: 'true', deleteOnTermination: 'true' },
        },
      ],
      monitoring: { enabled: true },
      tagSpecifications: ['instance', 'volume', 'network-interface'].map((resourceType) => ({
        resourceType,
        tags: { Name: `${props.name}-node` },
      })),
    });

    this.nodeGroup = new EksNodeGroup(this, 'node-group', {
      clusterName: props.cluster.cluster.name,
      nodeGroupName: props.name,
      nodeRoleArn: this.role.arn,
      subnetIds: [...props.subnetIds],
      capacityType: 'ON_DEMAND',
      amiType: props.amiType ?? 'AL2023_ARM_64_STANDARD',
      instanceTypes: [...(props.instanceTypes ?? ['m7g.large'])],
      scalingConfig: { minSize: props.size, desiredSize: props.size, maxSize },
      updateConfig: { maxUnavailable: 1 },
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      labels: { ...props.labels },
      taint: (props.taints ?? []).map((t) => ({ key: t.key, value: t.value, effect: TAINT_EFFECT[t.effect] })),
      nodeRepairConfig: { enabled: true },
      dependsOn: [...attachments, ...(props.dependsOn ?? [])],
    });
  }
}

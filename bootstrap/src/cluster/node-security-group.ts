import { SecurityGroup } from '@cdktn/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktn/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktn/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct } from 'constructs';
import type { VpcNetwork } from '../network/vpc-network';

export interface NodeSecurityGroupProps {
  readonly network: VpcNetwork;
  readonly name: string;
  /** Extra tags, e.g. Karpenter's discovery tag so its nodes get this group. @default {} */
  readonly tags?: Readonly<Record<string, string>>;
}

/**
 * Security group of every worker node, next to the EKS cluster security group: nodes talk to each
 * other freely (pod-to-pod across nodes), reach anything inside the VPC, and leave the VPC only
 * on HTTPS (registries, AWS APIs without an endpoint). Anything else outbound is a decision to
 * make here, not a default.
 */
export class NodeSecurityGroup extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly id: string;

  constructor(scope: Construct, id: string, props: NodeSecurityGroupProps) {
    super(scope, id);
    this.securityGroup = new SecurityGroup(this, 'group', {
      name: `${props.name}-nodes`,
      description: `Worker nodes of ${props.name}`,
      vpcId: props.network.vpc.id,
      tags: { Name: `${props.name}-nodes`, ...props.tags },
    });
    this.id = this.securityGroup.id;
    new VpcSecurityGroupIngressRule(this, 'from-nodes', {
      securityGroupId: this.id,
      description: 'All traffic between nodes (pod-to-pod, kubelet, DNS)',
      ipProtocol: '-1',
      referencedSecurityGroupId: this.id,
    });
    new VpcSecurityGroupEgressRule(this, 'to-vpc', {
      securityGroupId: this.id,
      description: 'Anything inside the VPC (control plane, endpoints, data stores)',
      ipProtocol: '-1',
      cidrIpv4: props.network.cidrBlock,
    });
    new VpcSecurityGroupEgressRule(this, 'https-out', {
      securityGroupId: this.id,
      description: 'HTTPS out of the VPC (container registries, AWS APIs) through NAT',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: '0.0.0.0/0',
    });
  }
}

import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { managedPolicyArn } from '../aws/arn';
import { serviceTrust } from '../aws/policy-document';
import type { EksCluster } from '../cluster/eks-cluster';
import { NODE_MANAGED_POLICIES } from '../cluster/system-node-group';

export interface KarpenterNodeRoleProps {
  readonly cluster: EksCluster;
  /** Role name; the EC2NodeClass `role` field names it. */
  readonly roleName: string;
}

/**
 * The IAM role of every node Karpenter launches (Karpenter creates the instance profiles itself)
 * and the EKS access entry that lets those nodes join the cluster.
 */
export class KarpenterNodeRole extends Construct {
  public readonly role: IamRole;
  public readonly arn: string;
  public readonly roleName: string;

  constructor(scope: Construct, id: string, props: KarpenterNodeRoleProps) {
    super(scope, id);
    this.roleName = props.roleName;
    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `Nodes Karpenter launches into ${props.cluster.name}`,
      assumeRolePolicy: serviceTrust('ec2.amazonaws.com'),
    });
    this.arn = this.role.arn;
    for (const policy of NODE_MANAGED_POLICIES) {
      new IamRolePolicyAttachment(this, `role-${policy}`, { role: this.role.name, policyArn: managedPolicyArn(props.cluster.location, policy) });
    }
    props.cluster.allowNodeRole('karpenter-nodes', this.role.arn);
  }
}

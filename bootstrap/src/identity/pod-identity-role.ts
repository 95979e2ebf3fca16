import { EksPodIdentityAssociation } from '@cdktn/provider-aws/lib/eks-pod-identity-association';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import { Construct } from 'constructs';
import { AWS_NAME_LIMITS } from '../../../environments/names';
import { managedPolicyArn } from '../aws/arn';
import { policyDocument, type PolicyStatement } from '../aws/policy-document';
import type { EksCluster } from '../cluster/eks-cluster';

export interface PodIdentityRoleProps {
  readonly cluster: EksCluster;
  /** IAM role name (at most `AWS_NAME_LIMITS.iamRole`, 64, characters). */
  readonly roleName: string;
  /** Namespace of the Kubernetes service account. */
  readonly namespace: string;
  readonly serviceAccount: string;
  /** Inline permissions, least privilege. @default [] */
  readonly statements?: readonly PolicyStatement[];
  /** AWS managed policies by name, e.g. `service-role/AmazonEBSCSIDriverPolicy`. @default [] */
  readonly managedPolicies?: readonly string[];
  /**
   * Create the Pod Identity association too; `false` when an EKS add-on associates the role.
   * @default true
   */
  readonly associate?: boolean;
}

/**
 * An IAM role one Kubernetes service account assumes through EKS Pod Identity. The trust policy
 * checks the session tags Pod Identity sets, so only that service account, in that namespace of
 * that cluster, in this account, can assume it.
 */
export class PodIdentityRole extends Construct {
  public readonly role: IamRole;
  public readonly arn: string;
  public readonly namespace: string;
  public readonly serviceAccount: string;
  public readonly association?: EksPodIdentityAssociation;

  constructor(scope: Construct, id: string, props: PodIdentityRoleProps) {
    super(scope, id);
    if (props.roleName.length > AWS_NAME_LIMITS.iamRole || !/^[\w+=,.@-]+$/.test(props.roleName)) {
      throw new Error(`PodIdentityRole ${id}: roleName = ${props.roleName}: must be at most ${AWS_NAME_LIMITS.iamRole} letters, digits or +=,.@_- (IAM rule)`);
    }
    const statements = props.statements ?? [];
    const managedPolicies = props.managedPolicies ?? [];
    if (statements.length === 0 && managedPolicies.length === 0) {
      throw new Error(`PodIdentityRole ${id}: statements and managedPolicies are empty: a role with no permissions is a mistake`);
    }
    const { cluster } = props;
    this.namespace = props.namespace;
    this.serviceAccount = props.serviceAccount;

    this.role = new IamRole(this, 'role', {
      name: props.roleName,
      description: `Pod Identity of ${props.namespace}/${props.serviceAccount} on ${cluster.name}`,
      assumeRolePolicy: policyDocument([
        {
          Sid: 'EksPodIdentityForOneServiceAccount',
          Effect: 'Allow',
          Principal: { Service: 'pods.eks.amazonaws.com' },
          Action: ['sts:AssumeRole', 'sts:TagSession'],
          Condition: {
            StringEquals: {
              'aws:SourceAccount': cluster.location.accountId,
              'aws:RequestTag/eks-cluster-name': cluster.name,
              'aws:RequestTag/kubernetes-namespace': props.namespace,
              'aws:RequestTag/kubernetes-service-account': props.serviceAccount,
            },
          },
        },
      ]),
    });
    this.arn = this.role.arn;
    if (statements.length > 0) {
      new IamRolePolicy(this, 'permissions', { role: this.role.name, name: 'permissions', policy: policyDocument(statements) });
    }
    for (const policy of managedPolicies) {
      new IamRolePolicyAttachment(this, `managed-${policy.replace(/[^A-Za-z0-9]/g, '-')}`, {
        role: this.role.name,
        policyArn: managedPolicyArn(cluster.location, policy),
      });
    }
    if (props.associate ?? true) {
      this.association = new EksPodIdentityAssociation(this, 'association', {
        clusterName: cluster.cluster.name,
        namespace: props.namespace,
        serviceAccount: props.serviceAccount,
        roleArn: this.role.arn,
      });
    }
  }
}

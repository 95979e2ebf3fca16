import { Ec2Tag } from '@cdktn/provider-aws/lib/ec2-tag';
import { EksAccessEntry } from '@cdktn/provider-aws/lib/eks-access-entry';
import { EksAccessPolicyAssociation } from '@cdktn/provider-aws/lib/eks-access-policy-association';
import { EksAddon } from '@cdktn/provider-aws/lib/eks-addon';
import { EksCluster as EksClusterResource } from '@cdktn/provider-aws/lib/eks-cluster';
import { IamRole } from '@cdktn/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktn/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktn/provider-aws/lib/iam-role-policy-attachment';
import type { ITerraformDependable } from 'cdktn';
import { Construct } from 'constructs';
import { parseCidr } from '../../../lib/config/cidr';
import { arn, type AwsLocation, managedPolicyArn } from '../aws/arn';
import { policyDocument, serviceTrust } from '../aws/policy-document';
import type { ClusterConnection } from '../providers/cluster-connection';
import type { EncryptionKey } from '../security/encryption-key';
import { EncryptedLogGroup } from '../security/log-group';

/** Every control-plane log type EKS can ship to CloudWatch. */
export const CONTROL_PLANE_LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'] as const;

export interface EksClusterProps {
  readonly location: AwsLocation;
  /** Cluster name (1-100 characters: letters, digits, hyphens, underscores; AWS rule). */
  readonly name: string;
  /** Kubernetes minor version, e.g. `1.33`. */
  readonly kubernetesVersion: string;
  /** Subnets of the control plane's network interfaces (the private-app tier). */
  readonly subnetIds: readonly string[];
  /**
   * CIDRs allowed to reach a public API endpoint. Empty keeps the endpoint private: only the VPC
   * (and networks routed into it) reach the API.
   * @default []
   */
  readonly publicAccessCidrs?: readonly string[];
  /** Key encrypting Kubernetes Secrets in etcd (envelope encryption). */
  readonly secretsKey: EncryptionKey;
  /** Key encrypting the control-plane log group. */
  readonly logKey: EncryptionKey;
  /**
   * Days control-plane logs are kept.
   * @default 365
   */
  readonly logRetentionInDays?: number;
  /**
   * Refuse `terraform destroy` and API deletes of the cluster until switched off.
   * @default false
   */
  readonly deletionProtection?: boolean;
}

/**
 * An EKS control plane locked down by default: private endpoint, Secrets encrypted with a
 * customer key, every log type shipped, and access through EKS access entries only
 * (`authenticationMode: API`) with no implicit admin for whoever created it.
 */
export class EksCluster extends Construct {
  public readonly cluster: EksClusterResource;
  public readonly name: string;
  public readonly location: AwsLocation;
  /** Cluster ARN (known before apply, so policies can reference it without a cycle). */
  public readonly arn: string;
  /** Security group EKS creates for the control plane and attaches to managed nodes. */
  public readonly clusterSecurityGroupId: string;
  public readonly connection: ClusterConnection;

  constructor(scope: Construct, id: string, props: EksClusterProps) {
    super(scope, id);
    validate(id, props);
    this.name = props.name;
    this.location = props.location;
    this.arn = arn(props.location, 'eks', `cluster/${props.name}`);
    const publicAccessCidrs = props.publicAccessCidrs ?? [];

    const role = new IamRole(this, 'role', { name: `${props.name}-cluster`, assumeRolePolicy: serviceTrust('eks.amazonaws.com') });
    const policy = new IamRolePolicyAttachment(this, 'cluster-policy', {
      role: role.name,
      policyArn: managedPolicyArn(props.location, 'AmazonEKSClusterPolicy'),
    });
    // The managed policy grants no KMS access: envelope encryption of Secrets needs the key.
    const secretsEncryption = new IamRolePolicy(this, 'secrets-encryption', {
      role: role.name,
      name: 'secrets-encryption',
      policy: policyDocument([
        { Sid: 'EnvelopeEncryptionOfSecrets', Effect: 'Allow', Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ListGrants', 'kms:DescribeKey'], Resource: props.secretsKey.arn },
      ]),
    });
    // EKS writes to this exact name; creating it first sets retention and encryption.
    const logGroup = new EncryptedLogGroup(this, 'logs', {
      name: `/aws/eks/${props.name}/cluster`,
      encryptionKey: props.logKey,
      retentionInDays: props.logRetentionInDays,
    });

    this.cluster = new EksClusterResource(this, 'cluster', {
      name: props.name,
      version: props.kubernetesVersion,
      roleArn: role.arn,
      vpcConfig: {
        subnetIds: [...props.subnetIds],
        endpointPrivateAccess: true,
        endpointPublicAccess: publicAccessCidrs.length > 0,
        publicAccessCidrs: publicAccessCidrs.length > 0 ? [...publicAccessCidrs] : undefined,
      },
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: false },
      encryptionConfig: { resources: ['secrets'], provider: { keyArn: props.secretsKey.arn } },
      enabledClusterLogTypes: [...CONTROL_PLANE_LOG_TYPES],
      // Core add-ons are managed below as EKS add-ons, not the unmanaged copies EKS would install.
      bootstrapSelfManagedAddons: false,
      zonalShiftConfig: { enabled: true },
      deletionProtection: props.deletionProtection ?? false,
      dependsOn: [policy, secretsEncryption, logGroup.logGroup],
    });
    this.clusterSecurityGroupId = this.cluster.vpcConfig.clusterSecurityGroupId;
    this.connection = {
      host: this.cluster.endpoint,
      clusterCaCertificateBase64: this.cluster.certificateAuthority.get(0).data,
      clusterName: props.name,
      region: props.location.region,
    };
  }

  /**
   * Grants cluster-admin (AmazonEKSClusterAdminPolicy, cluster scope) to an IAM role. Returns the
   * policy association: what depends on the access depends on it (it follows the entry).
   */
  public grantClusterAdmin(id: string, principalArn: string): EksAccessPolicyAssociation {
    const entry = new EksAccessEntry(this, `${id}-access`, { clusterName: this.cluster.name, principalArn, type: 'STANDARD' });
    return new EksAccessPolicyAssociation(this, `${id}-cluster-admin`, {
      clusterName: this.cluster.name,
      principalArn,
      policyArn: `arn:${this.location.partition ?? 'aws'}:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy`,
      accessScope: { type: 'cluster' },
      dependsOn: [entry],
    });
  }

  /** Lets instances with this IAM role join as Linux nodes (access entry type EC2_LINUX). */
  public allowNodeRole(id: string, principalArn: string): EksAccessEntry {
    return new EksAccessEntry(this, `${id}-access`, { clusterName: this.cluster.name, principalArn, type: 'EC2_LINUX' });
  }

  /** Installs an EKS managed add-on (EKS picks the default version for the cluster's Kubernetes). */
  public addAddon(name: string, options: AddonOptions = {}): EksAddon {
    return new EksAddon(this, `addon-${name}`, {
      clusterName: this.cluster.name,
      addonName: name,
      configurationValues: options.configuration ? JSON.stringify(options.configuration) : undefined,
      resolveConflictsOnCreate: 'OVERWRITE',
      resolveConflictsOnUpdate: 'OVERWRITE',
      podIdentityAssociation: options.podIdentity ? [{ roleArn: options.podIdentity.roleArn, serviceAccount: options.podIdentity.serviceAccount }] : undefined,
      dependsOn: options.dependsOn ? [...options.dependsOn] : undefined,
    });
  }

  /** Tags the EKS-created cluster security group (e.g. for Karpenter's discovery). */
  public tagClusterSecurityGroup(key: string, value: string): Ec2Tag {
    return new Ec2Tag(this, `cluster-security-group-tag-${key.replace(/[^a-zA-Z0-9]/g, '-')}`, {
      resourceId: this.clusterSecurityGroupId,
      key,
      value,
    });
  }
}

export interface AddonOptions {
  /** Add-on configuration values (the add-on's JSON schema). @default - none */
  readonly configuration?: Record<string, unknown>;
  /** IAM role the add-on's service account assumes through Pod Identity. @default - none */
  readonly podIdentity?: { readonly roleArn: string; readonly serviceAccount: string };
  /** Resources that must exist first (e.g. nodes for add-ons that run Deployments). @default [] */
  readonly dependsOn?: readonly ITerraformDependable[];
}

function validate(id: string, props: EksClusterProps): void {
  if (!/^[0-9A-Za-z][A-Za-z0-9_-]{0,99}$/.test(props.name)) {
    throw new Error(`EksCluster ${id}: name = ${props.name}: must be 1-100 letters, digits, hyphens or underscores, starting with a letter or digit (AWS rule)`);
  }
  if (!/^1\.\d{2}$/.test(props.kubernetesVersion)) {
    throw new Error(`EksCluster ${id}: kubernetesVersion = ${props.kubernetesVersion}: must be a Kubernetes minor version such as 1.33`);
  }
  if (props.subnetIds.length < 2) {
    throw new Error(`EksCluster ${id}: subnetIds has ${props.subnetIds.length} subnet(s): EKS needs subnets in at least two availability zones`);
  }
  for (const cidr of props.publicAccessCidrs ?? []) {
    const parsed = parseCidr(cidr);
    if (!parsed) throw new Error(`EksCluster ${id}: publicAccessCidrs contains ${cidr}: must be an IPv4 CIDR with no host bits set`);
    if (parsed.prefix === 0) {
      throw new Error(`EksCluster ${id}: publicAccessCidrs contains ${cidr}: opens the API to the whole internet; list your office or VPN ranges, or leave it empty for a private endpoint`);
    }
  }
}

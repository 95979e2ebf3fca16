import { integerRule, isDnsLabel } from '../config/checks';
import { Size } from 'cdk8s';
import { Construct } from 'constructs';
import * as aws from '../../imports/karpenter-karpenter.k8s.aws';

/** AMI families this platform runs Karpenter nodes on. */
export type AmiFamily = 'al2023' | 'bottlerocket';

/** Pinned release versions per family, as their release tags name them. */
export const AMI_RELEASE_TAG: Readonly<Record<AmiFamily, { readonly pattern: RegExp; readonly example: string }>> = {
  al2023: { pattern: /^v\d{8}$/, example: 'v20251120' },
  bottlerocket: { pattern: /^v?\d+\.\d+\.\d+$/, example: 'v1.50.0' },
};

// Tag keys Karpenter manages itself (the EC2NodeClass CRD rejects them).
const RESTRICTED_TAG = /^(eks:eks-cluster-name|kubernetes\.io\/cluster\/.*|karpenter\.sh\/nodepool|karpenter\.sh\/nodeclaim|karpenter\.k8s\.aws\/ec2nodeclass)$/;

export interface Ec2NodeClassProps {
  /** EC2NodeClass name (NodePools refer to it by object, see `NodePool`). */
  readonly name: string;
  /** AMI family, selected through a Karpenter alias. */
  readonly amiFamily: AmiFamily;
  /**
   * AMI release the alias pins (`v20251120` for AL2023, `v1.50.0` for Bottlerocket), or `latest`,
   * which rolls every new AMI onto the nodes as soon as it is published.
   */
  readonly amiVersion: string;
  /** IAM role the nodes run with (Karpenter creates the instance profile). */
  readonly role: string;
  /** Tags subnets carry to be picked for nodes (ANDed). */
  readonly subnetSelectorTags: Readonly<Record<string, string>>;
  /** Tags security groups carry to be attached to nodes (ANDed). */
  readonly securityGroupSelectorTags: Readonly<Record<string, string>>;
  /**
   * Size of the volume that holds kubelet, images and logs (the root volume on AL2023, the data
   * volume on Bottlerocket).
   * @default Size.gibibytes(50)
   */
  readonly volumeSize?: Size;
  /**
   * KMS key (id, alias or ARN) encrypting the node volumes.
   * @default - the account's default EBS encryption key
   */
  readonly kmsKeyId?: string;
  /**
   * Tags on every instance, volume and network interface Karpenter launches.
   * @default {}
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * Kubelet settings.
   * @default - image garbage collection from 85 % to 80 % disk, hard eviction below 5 % memory /
   *   10 % disk, and a small system reservation
   */
  readonly kubelet?: aws.Ec2NodeClassSpecKubelet;
}

/**
 * The EC2 side of Karpenter nodes: AMI by alias, subnets and security groups by discovery tag,
 * node role, IMDSv2 only with a hop limit of 1 (pods cannot reach the node's credentials; they use
 * Pod Identity), encrypted gp3 volumes laid out for the AMI family, and cost tags.
 */
export class Ec2NodeClass extends Construct {
  /** API group and kind NodePools reference. */
  public static readonly GROUP = 'karpenter.k8s.aws';
  public static readonly KIND = 'EC2NodeClass';

  public readonly name: string;
  public readonly amiFamily: AmiFamily;
  /** The amiSelectorTerms alias, e.g. `al2023@v20251120`. */
  public readonly amiAlias: string;
  /** Whether the AMI is pinned to a release (not `latest`). */
  public readonly amiPinned: boolean;
  public readonly volumeSize: Size;

  constructor(scope: Construct, id: string, props: Ec2NodeClassProps) {
    super(scope, id);
    const where = `Ec2NodeClass ${props.name}`;
    if (!isDnsLabel(props.name)) throw new Error(`${where}: name = ${props.name}: must be a DNS label`);
    const version = AMI_RELEASE_TAG[props.amiFamily];
    if (!version) throw new Error(`${where}: amiFamily = ${props.amiFamily}: must be one of ${Object.keys(AMI_RELEASE_TAG).join(', ')}`);
    if (props.amiVersion !== 'latest' && !version.pattern.test(props.amiVersion)) {
      throw new Error(`${where}: amiVersion = ${props.amiVersion}: must be 'latest' or a ${props.amiFamily} release tag such as ${version.example}`);
    }
    if (!props.role) throw new Error(`${where}: role = ${JSON.stringify(props.role)}: must name the node IAM role`);
    for (const [field, tags] of [['subnetSelectorTags', props.subnetSelectorTags], ['securityGroupSelectorTags', props.securityGroupSelectorTags]] as const) {
      if (Object.keys(tags).length === 0 || Object.entries(tags).some(([k, v]) => !k || !v)) {
        throw new Error(`${where}: ${field} = ${JSON.stringify(tags)}: must name at least one tag, with non-empty keys and values`);
      }
    }
    const restricted = Object.keys(props.tags ?? {}).filter((k) => RESTRICTED_TAG.test(k) || !k);
    if (restricted.length > 0) throw new Error(`${where}: tags = ${restricted.join(', ')}: Karpenter sets these tags itself; choose other keys`);

    this.name = props.name;
    this.amiFamily = props.amiFamily;
    this.amiAlias = `${props.amiFamily}@${props.amiVersion}`;
    this.amiPinned = props.amiVersion !== 'latest';
    this.volumeSize = props.volumeSize ?? Size.gibibytes(50);
    const volumeGiB = this.volumeSize.toGibibytes();
    if (integerRule(volumeGiB, 20, 16384) !== undefined) {
      throw new Error(`${where}: volumeSize = ${volumeGiB}Gi: must be a whole number of GiB from 20 to 16384`);
    }

    new aws.Ec2NodeClass(this, 'Resource', {
      metadata: { name: props.name },
      spec: {
        amiSelectorTerms: [{ alias: this.amiAlias }],
        role: props.role,
        subnetSelectorTerms: [{ tags: { ...props.subnetSelectorTags } }],
        securityGroupSelectorTerms: [{ tags: { ...props.securityGroupSelectorTags } }],
        // Nodes live in private subnets; a public address would bypass the NAT and its egress controls.
        associatePublicIpAddress: false,
        metadataOptions: {
          httpEndpoint: aws.Ec2NodeClassSpecMetadataOptionsHttpEndpoint.ENABLED,
          httpProtocolIPv6: aws.Ec2NodeClassSpecMetadataOptionsHttpProtocolIPv6.DISABLED,
          httpPutResponseHopLimit: 1,
          httpTokens: aws.Ec2NodeClassSpecMetadataOptionsHttpTokens.REQUIRED,
        },
        blockDeviceMappings: this.blockDevices(volumeGiB, props.kmsKeyId),
        kubelet: props.kubelet ?? {
          imageGcHighThresholdPercent: 85,
          imageGcLowThresholdPercent: 80,
          evictionHard: { 'memory.available': '5%', 'nodefs.available': '10%', 'nodefs.inodesFree': '10%' },
          systemReserved: { cpu: '100m', memory: '100Mi', 'ephemeral-storage': '1Gi' },
        },
        tags: props.tags ? { ...props.tags } : undefined,
      },
    });
  }

  /**
   * Setting blockDeviceMappings replaces Karpenter's defaults, so the layout follows the family:
   * AL2023 boots and runs from /dev/xvda; Bottlerocket keeps a small OS volume on /dev/xvda and
   * puts kubelet, images and logs on the data volume /dev/xvdb.
   */
  private blockDevices(volumeGiB: number, kmsKeyId: string | undefined): aws.Ec2NodeClassSpecBlockDeviceMappings[] {
    const ebs = (size: string): aws.Ec2NodeClassSpecBlockDeviceMappingsEbs => ({
      volumeSize: size,
      volumeType: aws.Ec2NodeClassSpecBlockDeviceMappingsEbsVolumeType.GP3,
      encrypted: true,
      deleteOnTermination: true,
      kmsKeyId,
    });
    if (this.amiFamily === 'bottlerocket') {
      return [
        { deviceName: '/dev/xvda', ebs: ebs('4Gi') },
        { deviceName: '/dev/xvdb', ebs: ebs(`${volumeGiB}Gi`), rootVolume: true },
      ];
    }
    return [{ deviceName: '/dev/xvda', ebs: ebs(`${volumeGiB}Gi`), rootVolume: true }];
  }
}

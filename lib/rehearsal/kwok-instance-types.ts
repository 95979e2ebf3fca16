import { INSTANCE_TYPES, type InstanceTypeLabels } from '../capacity/instance-types';

/** One offering of Karpenter's kwok provider: a capacity type in a zone, at a price. */
export interface KwokOffering {
  readonly Price: number;
  readonly Available: boolean;
  readonly Requirements: readonly { key: string; operator: 'In'; values: readonly string[] }[];
}

/** An entry of the kwok provider's instance-type list (`--instance-types-file-path`). */
export interface KwokInstanceType {
  readonly name: string;
  readonly offerings: readonly KwokOffering[];
  readonly architecture: string;
  readonly operatingSystems: readonly string[];
  readonly resources: Readonly<Record<'cpu' | 'memory' | 'pods' | 'ephemeral-storage', string>>;
}

export interface KwokInstanceTypeOptions {
  readonly zones: readonly string[];
  /** Root volume of the nodes (the EC2NodeClass's), reported as ephemeral storage. */
  readonly ephemeralStorage: string;
  /** Share of the on-demand price a spot offering costs. @default 0.4 */
  readonly spotPriceFactor?: number;
}

/** On-demand $/h per vCPU and per GiB, Graviton about 20 % cheaper, as list prices roughly are. */
const VCPU_HOUR = { amd64: 0.0316, arm64: 0.0252 } as const;
const GIB_HOUR = { amd64: 0.0042, arm64: 0.0034 } as const;

/**
 * Pods per node as EKS sets max-pods without prefix delegation (ENIs × (IPs per ENI − 1) + 2), by
 * instance size of these families; large families cap at EKS's recommended 110 for ≤ 30 vCPUs and
 * 250 above.
 */
export function maxPodsOf(size: string, vcpus: number): number {
  if (size === 'medium') return 8;
  if (size === 'large') return 29;
  if (size === 'xlarge' || size === '2xlarge') return 58;
  return vcpus > 30 ? 250 : 110;
}

/**
 * The kwok provider's instance types from the committed instance-type table: each with a spot and
 * an on-demand offering in every zone, its vCPUs, memory, pods and ephemeral storage. Names keep
 * the AWS form (`m7g.large`), from which the provider derives `karpenter.kwok.sh/instance-family`
 * and `-size`.
 */
export function kwokInstanceTypes(options: KwokInstanceTypeOptions, table: readonly InstanceTypeLabels[] = INSTANCE_TYPES): KwokInstanceType[] {
  const spotFactor = options.spotPriceFactor ?? 0.4;
  return table.map((t) => {
    const arch = t['kubernetes.io/arch'] as 'amd64' | 'arm64';
    const vcpus = Number(t['karpenter.k8s.aws/instance-cpu']);
    const memoryGib = Number(t['karpenter.k8s.aws/instance-memory']) / 1024;
    const onDemand = round(vcpus * VCPU_HOUR[arch] + memoryGib * GIB_HOUR[arch]);
    const offerings = options.zones.flatMap((zone) =>
      (['spot', 'on-demand'] as const).map((capacityType) => ({
        Price: capacityType === 'spot' ? round(onDemand * spotFactor) : onDemand,
        Available: true,
        Requirements: [
          { key: 'karpenter.sh/capacity-type', operator: 'In' as const, values: [capacityType] },
          { key: 'topology.kubernetes.io/zone', operator: 'In' as const, values: [zone] },
        ],
      })),
    );
    return {
      name: t['node.kubernetes.io/instance-type'],
      offerings,
      architecture: arch,
      operatingSystems: [t['kubernetes.io/os']],
      resources: {
        cpu: String(vcpus),
        memory: `${memoryGib}Gi`,
        pods: String(maxPodsOf(t['karpenter.k8s.aws/instance-size'], vcpus)),
        'ephemeral-storage': options.ephemeralStorage,
      },
    };
  });
}

function round(n: number): number {
  return Math.round(n * 10000) / 10000;
}

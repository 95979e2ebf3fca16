/**
 * A committed table of the general-purpose EC2 instance families (categories c, m and r,
 * generations 5 to 8, Intel, AMD and Graviton) with their sizes, bare metal left out. It is not a
 * live EC2 listing and ignores regional availability: it exists so NodePool requirements can be
 * checked at synth time for how many instance types they leave eligible.
 */

export type CpuArchitecture = 'amd64' | 'arm64';
type CpuManufacturer = 'intel' | 'amd' | 'aws';

interface InstanceFamily {
  readonly family: string;
  readonly manufacturer: CpuManufacturer;
  readonly sizes: readonly string[];
}

/** vCPUs by size name (identical across these families). */
const VCPUS: Record<string, number> = {
  medium: 1, large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '9xlarge': 36, '12xlarge': 48,
  '16xlarge': 64, '18xlarge': 72, '24xlarge': 96, '32xlarge': 128, '48xlarge': 192,
};

/** GiB of memory per vCPU by category. */
const MEMORY_PER_VCPU_GIB: Record<string, number> = { c: 2, m: 4, r: 8 };

const GEN5_C5 = ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '12xlarge', '18xlarge', '24xlarge'];
const GEN5 = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'];
const GEN6_INTEL = [...GEN5, '32xlarge'];
const GEN6_AMD = [...GEN6_INTEL, '48xlarge'];
const GRAVITON = ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'];
const GEN7_INTEL = [...GEN5, '48xlarge'];
const GEN7_AMD = ['medium', ...GEN6_AMD];
const GRAVITON4 = [...GRAVITON, '24xlarge', '48xlarge'];

const FAMILIES: readonly InstanceFamily[] = [
  { family: 'c5', manufacturer: 'intel', sizes: GEN5_C5 },
  { family: 'c5a', manufacturer: 'amd', sizes: GEN5 },
  { family: 'm5', manufacturer: 'intel', sizes: GEN5 },
  { family: 'm5a', manufacturer: 'amd', sizes: GEN5 },
  { family: 'r5', manufacturer: 'intel', sizes: GEN5 },
  { family: 'r5a', manufacturer: 'amd', sizes: GEN5 },
  ...['c6i', 'm6i', 'r6i'].map((family) => ({ family, manufacturer: 'intel' as const, sizes: GEN6_INTEL })),
  ...['c6a', 'm6a', 'r6a'].map((family) => ({ family, manufacturer: 'amd' as const, sizes: GEN6_AMD })),
  ...['c6g', 'm6g', 'r6g'].map((family) => ({ family, manufacturer: 'aws' as const, sizes: GRAVITON })),
  ...['c7i', 'm7i', 'r7i'].map((family) => ({ family, manufacturer: 'intel' as const, sizes: GEN7_INTEL })),
  ...['c7a', 'm7a', 'r7a'].map((family) => ({ family, manufacturer: 'amd' as const, sizes: GEN7_AMD })),
  ...['c7g', 'm7g', 'r7g'].map((family) => ({ family, manufacturer: 'aws' as const, sizes: GRAVITON })),
  ...['c8g', 'm8g', 'r8g'].map((family) => ({ family, manufacturer: 'aws' as const, sizes: GRAVITON4 })),
];

/** The well-known node labels an instance type of the table carries, as Karpenter sets them. */
export type InstanceTypeLabels = Readonly<Record<string, string>>;

/** Label keys the table describes; requirements on other keys cannot be evaluated against it. */
export const INSTANCE_TYPE_LABEL_KEYS = [
  'node.kubernetes.io/instance-type',
  'kubernetes.io/arch',
  'kubernetes.io/os',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-memory',
  'karpenter.k8s.aws/instance-cpu-manufacturer',
] as const;

/** Every instance type of the table, as its node labels. */
export const INSTANCE_TYPES: readonly InstanceTypeLabels[] = FAMILIES.flatMap(({ family, manufacturer, sizes }) => {
  const category = family[0];
  const generation = family.match(/^[a-z]+(\d+)/)![1];
  return sizes.map((size) => {
    const cpu = VCPUS[size];
    return {
      'node.kubernetes.io/instance-type': `${family}.${size}`,
      'kubernetes.io/arch': manufacturer === 'aws' ? 'arm64' : 'amd64',
      'kubernetes.io/os': 'linux',
      'karpenter.k8s.aws/instance-category': category,
      'karpenter.k8s.aws/instance-family': family,
      'karpenter.k8s.aws/instance-generation': generation,
      'karpenter.k8s.aws/instance-size': size,
      'karpenter.k8s.aws/instance-cpu': String(cpu),
      'karpenter.k8s.aws/instance-memory': String(cpu * MEMORY_PER_VCPU_GIB[category] * 1024),
      'karpenter.k8s.aws/instance-cpu-manufacturer': manufacturer,
    };
  });
});

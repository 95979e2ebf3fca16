import type { k8s } from 'cdk8s-plus-29';
import { ARCH_LABEL, CAPACITY_TYPE_LABEL, GRAVITON_PREFERENCE, ON_DEMAND_NODE_SELECTOR, SPOT_TOLERATION } from '../scheduling';

/** CPU architectures an image is built for (`kubernetes.io/arch` values). */
export type CpuArchitecture = 'amd64' | 'arm64';

const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** Weight of the spot preference of interruption-tolerant pods (above the Graviton preference). */
const SPOT_PREFERENCE_WEIGHT = 100;

export interface PlacementOptions {
  /** Architectures the image supports; pods are kept off nodes of any other. */
  readonly architectures: readonly CpuArchitecture[];
  /** Prefer Graviton (arm64) nodes when the image is multi-arch. */
  readonly preferArm64: boolean;
  /** Interruption-tolerant: tolerate the spot taint. Otherwise pinned to on-demand capacity. */
  readonly spot: boolean;
  /** Spread these pods over zones (label selector of the workload's own pods). @default - no spread */
  readonly spreadSelector?: Readonly<Record<string, string>>;
}

/** Node affinity, tolerations, node selector and zone spread of one pod template. */
export function placement(owner: string, options: PlacementOptions): Pick<k8s.PodSpec, 'affinity' | 'tolerations' | 'nodeSelector' | 'topologySpreadConstraints'> {
  const archs = [...new Set(options.architectures)].sort();
  if (archs.length === 0) throw new Error(`${owner}: architectures is empty: list the CPU architectures the image is built for (amd64, arm64)`);
  const preferGraviton = options.preferArm64 && archs.length > 1 && archs.includes('arm64');
  const preferences = [
    // Interruption-tolerant pods go to spot nodes whenever one has room, on-demand only as fallback.
    ...(options.spot ? [{ weight: SPOT_PREFERENCE_WEIGHT, preference: { matchExpressions: [{ key: CAPACITY_TYPE_LABEL, operator: 'In', values: ['spot'] }] } }] : []),
    ...(preferGraviton ? [{ weight: GRAVITON_PREFERENCE.weight, preference: { matchExpressions: GRAVITON_PREFERENCE.preference.matchExpressions.map((e) => ({ ...e, values: [...e.values] })) } }] : []),
  ];
  return {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: ARCH_LABEL, operator: 'In', values: archs }] }] },
        preferredDuringSchedulingIgnoredDuringExecution: preferences.length > 0 ? preferences : undefined,
      },
    },
    // Only interruption-tolerant pods may land on spot; everything else is pinned to on-demand.
    tolerations: options.spot ? [{ ...SPOT_TOLERATION }] : undefined,
    nodeSelector: options.spot ? undefined : { ...ON_DEMAND_NODE_SELECTOR },
    topologySpreadConstraints: options.spreadSelector
      ? // Hard: replicas left in one zone would all go with it; Karpenter launches nodes in the zones the spread needs.
        [{ maxSkew: 1, topologyKey: ZONE_LABEL, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { ...options.spreadSelector } } }]
      : undefined,
  };
}

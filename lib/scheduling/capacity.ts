/**
 * The scheduling contract between capacity (Karpenter NodePools) and workloads. Both sides import
 * these values, so a pool's taint and the toleration that admits a workload cannot drift apart.
 */

/** Label Karpenter sets on every node: `spot` or `on-demand`. */
export const CAPACITY_TYPE_LABEL = 'karpenter.sh/capacity-type';

/** Taint on spot nodes: only workloads that declare themselves interruptible land there. */
export const SPOT_TAINT = { key: 'platform.example.com/spot', value: 'true', effect: 'NoSchedule' } as const;

/** The toleration a stateless, interruption-tolerant workload carries for `SPOT_TAINT`. */
export const SPOT_TOLERATION = { key: SPOT_TAINT.key, operator: 'Equal', value: SPOT_TAINT.value, effect: SPOT_TAINT.effect } as const;

/**
 * Label a workload (and its pod template) carries when it keeps state that must not be lost to a
 * spot interruption, even without a PVC (e.g. an in-memory cache with warm-up cost).
 */
export const STATEFUL_LABEL = 'platform.example.com/stateful';

/** Names of the NodePools every environment gets. */
export const NODE_POOLS = { spotStateless: 'spot-stateless', onDemand: 'on-demand' } as const;

/** Node selector a stateful workload carries so it never lands on spot capacity. */
export const ON_DEMAND_NODE_SELECTOR = { [CAPACITY_TYPE_LABEL]: 'on-demand' } as const;

/** Label carrying a node's CPU architecture (`amd64` or `arm64`). */
export const ARCH_LABEL = 'kubernetes.io/arch';

/**
 * Preferred node affinity term of a workload whose image is multi-arch: both NodePools allow amd64
 * and arm64, and Karpenter (preferencePolicy `Respect`) first tries to satisfy preferences, so such
 * a workload gets Graviton nodes and falls back to amd64 only when arm64 cannot be launched.
 * Never add it to an amd64-only image (the architecture check fails the render).
 */
export const GRAVITON_PREFERENCE = {
  weight: 50,
  preference: { matchExpressions: [{ key: ARCH_LABEL, operator: 'In', values: ['arm64'] }] },
} as const;

/**
 * Taint of the EKS managed system node group the bootstrap creates: only controllers that tolerate
 * it (Karpenter, which cannot run on nodes it manages, Argo CD, CoreDNS) land there.
 */
export const SYSTEM_NODE_TAINT = { key: 'CriticalAddonsOnly', value: 'true', effect: 'NoSchedule' } as const;

/** The toleration a system controller carries for `SYSTEM_NODE_TAINT`. */
export const SYSTEM_NODE_TOLERATION = { key: SYSTEM_NODE_TAINT.key, operator: 'Exists', effect: SYSTEM_NODE_TAINT.effect } as const;

/**
 * Label EKS sets on the nodes of a managed node group, valued with the group name: a controller
 * that must stay off Karpenter capacity selects `awsNames(env).systemNodeGroup` with it.
 */
export const MANAGED_NODE_GROUP_LABEL = 'eks.amazonaws.com/nodegroup';

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

import { CAPACITY_TYPE_LABEL } from '../scheduling/capacity';
import { admittingTolerations, canLandOn, poolPlacements, type PoolPlacement } from './pod-placement';
import { statefulReasons } from './stateful-workload';
import { workloadPod, type RenderedObject } from './workload-pods';

/** A stateful workload that a spot NodePool could take (and a spot interruption take away). */
export interface SpotExposure {
  readonly object: RenderedObject;
  /** Why the workload is stateful. */
  readonly stateful: readonly string[];
  /** The spot pool it could be placed on. */
  readonly pool: string;
  /** The tolerations that admit it to that pool. */
  readonly tolerations: readonly object[];
}

const SPOT_NODE = [{ key: CAPACITY_TYPE_LABEL, operator: 'In', values: ['spot'] }];

/**
 * Every stateful workload among `objects` that could be scheduled onto spot capacity of a NodePool
 * among `objects`: it tolerates the pool's taints and is not pinned away from spot (e.g. by
 * `nodeSelector: karpenter.sh/capacity-type: on-demand`).
 */
export function findSpotExposures(objects: readonly RenderedObject[]): SpotExposure[] {
  const spotPools = poolPlacements(objects).filter(launchesSpot);
  const exposures: SpotExposure[] = [];
  for (const object of objects) {
    const pod = workloadPod(object);
    if (!pod) continue;
    const stateful = statefulReasons(object, pod);
    if (stateful.length === 0) continue;
    const pool = spotPools.find((p) => canLandOn(pod, p, SPOT_NODE));
    if (pool) exposures.push({ object, stateful, pool: pool.name, tolerations: admittingTolerations(pod, pool) ?? [] });
  }
  return exposures;
}

/** Whether the pool launches spot at all: a pod tolerating everything could get a spot node from it. */
function launchesSpot(pool: PoolPlacement): boolean {
  return canLandOn({ labels: {}, spec: { tolerations: [{ operator: 'Exists' }] } }, pool, SPOT_NODE);
}

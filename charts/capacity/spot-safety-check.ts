import { findSpotExposures } from '../../lib/capacity';
import { CAPACITY_TYPE_LABEL, SPOT_TAINT } from '../../lib/scheduling';
import type { PlatformCheck } from '../component';
import { describeObject, renderedObjects } from './rendered-objects';

/**
 * Spot safety: no stateful workload (StatefulSet, PVC, volumeClaimTemplates or
 * `STATEFUL_LABEL: "true"`) of any chart may be schedulable onto spot capacity, where an
 * interruption would take its state with it.
 */
export const spotSafetyCheck: PlatformCheck = (app, env) => {
  const rendered = renderedObjects(app);
  const chartOf = new Map(rendered.map(({ chart, object }) => [object, chart]));
  return findSpotExposures(rendered.map((r) => r.object)).map((exposure) => ({
    env: env.name,
    path: `chart ${chartOf.get(exposure.object)}: ${describeObject(exposure.object)}`,
    value: exposure.tolerations,
    rule:
      `${exposure.stateful.join(', ')}, yet can be scheduled onto spot NodePool ${exposure.pool}, where an interruption loses its state: ` +
      `remove its toleration of ${SPOT_TAINT.key}, or pin it with nodeSelector ${CAPACITY_TYPE_LABEL}: on-demand (ON_DEMAND_NODE_SELECTOR)`,
  }));
};

import { findUnsafeChaosTargets, type WorkloadTarget } from '../../lib/chaos';
import { renderedObjects } from '../capacity/rendered-objects';
import type { PlatformCheck } from '../component';
import { ChaosChart } from './chaos-chart';

/**
 * Production guard: in a prod-tier environment (where chaos needs `chaos.allowInProd`) every
 * workload a drill targets must run at least two replicas under a PodDisruptionBudget, so a drill
 * degrades the service instead of taking it down.
 */
export const chaosTargetCheck: PlatformCheck = (app, env) => {
  if (env.tier !== 'prod') return [];
  const charts = app.node.children.filter((c): c is ChaosChart => ChaosChart.isChaosChart(c));
  const targets = charts.flatMap((chart) => chart.drills.filter((d) => d.target).map((d) => ({ drill: d.name, target: d.target as WorkloadTarget })));
  if (targets.length === 0) return [];
  const objects = renderedObjects(app).map((r) => r.object);
  return targets.flatMap(({ drill, target }) =>
    findUnsafeChaosTargets([target], objects).map((unsafe) => ({
      env: env.name,
      path: `chaos drill ${drill}: ${target.appKind} ${target.namespace}/${target.name} ${unsafe.field}`,
      value: unsafe.value,
      rule: `${unsafe.rule}; fix the workload, or switch chaos off in prod (components.chaos)`,
    })),
  );
};

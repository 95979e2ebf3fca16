import { unschedulableReason, nodePoolShape, type NodeShape } from '../node-shape';
import type { PlanContext } from '../plan-context';
import { podTemplatesOf } from '../pod-templates';
import type { SyncPlan } from '../sync-plan';
import type { PlanViolation } from '../violation';

const KARPENTER_CHART = 'karpenter';

/**
 * The wave from which Karpenter can add capacity: both its controller (the `karpenter` chart) and
 * its NodePools have been applied in an earlier wave. Infinity when either is missing.
 */
export function capacityWave(plan: SyncPlan): number {
  const controller = plan.applications.filter((a) => a.chart?.name === KARPENTER_CHART).map((a) => a.wave);
  const pools = plan.entries.filter((e) => e.object.kind === 'NodePool' && e.object.apiVersion.startsWith('karpenter.sh/')).map((e) => e.application.wave);
  if (controller.length === 0 || pools.length === 0) return Infinity;
  return Math.max(Math.min(...controller), Math.min(...pools)) + 1;
}

/**
 * Pods can be scheduled when their Application syncs. Everything synced before Karpenter can add
 * capacity (Applications of a wave before `capacityWave`), and Karpenter itself, must fit the
 * system node group (tolerate its taint, match its labels); every other pod must fit at least one
 * NodePool, or deliberately the system node group. DaemonSets are not checked: they run where they
 * fit and block nothing.
 */
export function schedulingRule(plan: SyncPlan, context: PlanContext): PlanViolation[] {
  const pools: NodeShape[] = plan.entries
    .filter((e) => e.object.kind === 'NodePool' && e.object.apiVersion.startsWith('karpenter.sh/'))
    .map((e) => nodePoolShape(e.object, context.maxNodesOf(e.object)));
  const fromWave = capacityWave(plan);
  const violations: PlanViolation[] = [];
  for (const entry of plan.entries) {
    for (const pod of podTemplatesOf(entry.object).filter((p) => p.role !== 'daemon')) {
      const app = entry.application;
      const early = app.wave < fromWave || app.chart?.name === KARPENTER_CHART || app === plan.root;
      const onSystem = unschedulableReason(pod.spec, context.systemNodes);
      if (early) {
        if (onSystem !== undefined) {
          violations.push({ rule: 'scheduling', application: app.name, object: entry.label, message: `runs before Karpenter can add nodes (wave ${app.wave} < ${fromWave === Infinity ? 'never' : fromWave}) but cannot run on the ${context.systemNodes.name}: ${onSystem}` });
        }
        continue;
      }
      if (onSystem === undefined) continue;
      const reasons = pools.map((p) => [p.name, unschedulableReason(pod.spec, p)] as const);
      if (!reasons.some(([, r]) => r === undefined)) {
        const why = reasons.length === 0 ? 'no NodePool is rendered' : reasons.map(([n, r]) => `${n}: ${r}`).join('; ');
        violations.push({ rule: 'scheduling', application: app.name, object: entry.label, message: `fits no NodePool (${why})` });
      }
    }
  }
  return violations;
}

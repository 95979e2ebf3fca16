import { findArm64Exposures } from '../../capacity/arm64-exposure';
import { unschedulableReason } from '../node-shape';
import type { PlanContext } from '../plan-context';
import { podTemplatesOf } from '../pod-templates';
import type { PlanEntry, SyncPlan } from '../sync-plan';
import type { PlanViolation } from '../violation';

const ARCH = 'kubernetes.io/arch';

/**
 * Pods run on nodes of their image's architecture: a pod whose image is declared amd64-only
 * (`amd64OnlyImages`) must not be able to land on arm64 — not on a NodePool that may launch arm64
 * for it (it must pin amd64), and not on an arm64 system node group. Covers every workload Argo CD
 * applies, the rendered Helm releases included.
 */
export function architectureRule(plan: SyncPlan, context: PlanContext): PlanViolation[] {
  if (context.amd64OnlyImages.length === 0) return [];
  const byObject = new Map<unknown, PlanEntry>(plan.entries.map((e) => [e.object, e]));
  const violations: PlanViolation[] = findArm64Exposures(plan.entries.map((e) => e.object) as never, context.amd64OnlyImages).map((exposure) => {
    const entry = byObject.get(exposure.object)!;
    return { rule: 'architecture', application: entry.application.name, object: entry.label, message: `runs ${exposure.image}, an amd64-only image, but ${exposure.how}` };
  });
  const system = context.systemNodes.labels[ARCH];
  const systemArm64Only = Array.isArray(system) && !system.includes('amd64');
  if (!systemArm64Only) return violations;
  for (const entry of plan.entries) {
    for (const pod of podTemplatesOf(entry.object)) {
      const image = [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]
        .map((c) => String(c.image ?? ''))
        .find((i) => context.amd64OnlyImages.some((repo) => i === repo || i.startsWith(`${repo}:`) || i.startsWith(`${repo}@`)));
      if (image && unschedulableReason(pod.spec, context.systemNodes) === undefined) {
        violations.push({ rule: 'architecture', application: entry.application.name, object: entry.label, message: `runs ${image}, an amd64-only image, but fits the ${context.systemNodes.name}, whose nodes are ${(system as string[]).join(', ')}` });
      }
    }
  }
  return violations;
}

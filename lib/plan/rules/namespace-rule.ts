import { hasSyncOption } from '../../desired/argo-application';
import type { PlanContext } from '../plan-context';
import { appliedBefore, type PlanEntry, type SyncPlan } from '../sync-plan';
import type { PlanViolation } from '../violation';

/**
 * Every namespaced object's namespace exists when it is applied: it existed before the sync
 * (Kubernetes' own, the bootstrap's), a Namespace object comes from an earlier wave or the same
 * Application (gitops-engine moves it first), or the object's Application creates its
 * destination namespace (`CreateNamespace=true`).
 */
export function namespaceRule(plan: SyncPlan, context: PlanContext): PlanViolation[] {
  const namespaces = new Map<string, PlanEntry[]>();
  for (const e of plan.entries.filter((x) => x.object.kind === 'Namespace' && x.object.apiVersion === 'v1')) {
    const name = String(e.object.metadata?.name);
    namespaces.set(name, [...(namespaces.get(name) ?? []), e]);
  }
  const violations: PlanViolation[] = [];
  const reported = new Set<string>();
  for (const entry of plan.entries) {
    const ns = entry.namespace;
    if (ns === undefined || entry.namespaced !== true || context.preexistingNamespaces.includes(ns)) continue;
    const app = entry.application;
    if (ns === app.destinationNamespace && hasSyncOption(app.syncOptions, 'CreateNamespace=true')) continue;
    if ((namespaces.get(ns) ?? []).some((n) => appliedBefore(plan, n, entry))) continue;
    const key = `${app.name}/${ns}`;
    if (reported.has(key)) continue;
    reported.add(key);
    const later = (namespaces.get(ns) ?? []).map((n) => `${n.application.name} (wave ${n.application.wave})`);
    violations.push({
      rule: 'namespace-order',
      application: app.name,
      object: entry.label,
      message: `namespace ${ns} does not exist yet in wave ${app.wave}${later.length > 0 ? `: it is created by ${later.join(', ')}` : ': nothing creates it'}`,
    });
  }
  return violations;
}

import { apiGroupOf } from '../../argocd/resource-ref';
import { isBuiltInGroup } from '../kind-scope';
import type { PlanContext } from '../plan-context';
import { appliedBefore, groupKind, type PlanEntry, type SyncPlan } from '../sync-plan';
import type { PlanViolation } from '../violation';

const SKIP_DRY_RUN = 'SkipDryRunOnMissingResource=true';

/**
 * Every custom resource's CRD is applied before it: by an Application of an earlier wave, or by
 * the same Application (gitops-engine moves a CRD ahead of the custom resources of its kind in
 * one sync, and skips their dry run), or installed by the bootstrap. An object annotated
 * `argocd.argoproj.io/sync-options: SkipDryRunOnMissingResource=true` still needs its CRD before
 * it is applied, so it does not excuse a CRD that comes later.
 */
export function crdRule(plan: SyncPlan, context: PlanContext): PlanViolation[] {
  const crds = new Map<string, PlanEntry[]>();
  for (const e of plan.entries.filter((x) => x.object.kind === 'CustomResourceDefinition')) {
    const spec = e.object.spec as { group?: string; names?: { kind?: string } };
    const key = `${spec.group}/${spec.names?.kind}`;
    crds.set(key, [...(crds.get(key) ?? []), e]);
  }
  const violations: PlanViolation[] = [];
  for (const entry of plan.entries) {
    const group = apiGroupOf(entry.object.apiVersion);
    if (isBuiltInGroup(group)) continue;
    const key = groupKind(entry.object);
    if (context.preinstalledKinds.includes(key)) continue;
    const defining = crds.get(key) ?? [];
    if (defining.length === 0) {
      violations.push({ rule: 'crd-order', application: entry.application.name, object: entry.label, message: `no Application installs the CRD of ${key}` });
    } else if (!defining.some((crd) => appliedBefore(plan, crd, entry))) {
      const where = defining.map((c) => `${c.application.name} (wave ${c.application.wave})`).join(', ');
      const hint = entry.object.metadata?.annotations?.['argocd.argoproj.io/sync-options']?.includes(SKIP_DRY_RUN) ? ' (SkipDryRunOnMissingResource only skips the dry run)' : '';
      violations.push({ rule: 'crd-order', application: entry.application.name, object: entry.label, message: `applied in wave ${entry.application.wave}, but the CRD of ${key} comes from ${where}${hint}: move the CRD to an earlier wave` });
    }
  }
  return violations;
}

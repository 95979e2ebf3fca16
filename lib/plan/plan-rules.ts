import type { PlanContext } from './plan-context';
import { architectureRule } from './rules/architecture-rule';
import { crdRule } from './rules/crd-rule';
import { namespaceRule } from './rules/namespace-rule';
import { projectRule } from './rules/project-rule';
import { quotaRule } from './rules/quota-rule';
import { referenceRule } from './rules/reference-rule';
import { schedulingRule } from './rules/scheduling-rule';
import type { SyncPlan } from './sync-plan';
import type { PlanViolation } from './violation';

export type PlanRule = (plan: SyncPlan, context: PlanContext) => PlanViolation[];

/** Every rule of the sync-plan gate, in report order. */
const PLAN_RULES: readonly PlanRule[] = [projectRule, crdRule, namespaceRule, schedulingRule, architectureRule, referenceRule, quotaRule];

/** All violations of `plan`, in rule order, each rule's sorted. */
export function checkSyncPlan(plan: SyncPlan, context: PlanContext, rules: readonly PlanRule[] = PLAN_RULES): PlanViolation[] {
  return rules.flatMap((rule) => rule(plan, context));
}

import type { WorkloadTarget } from './chaos-target';

/** A rendered object, as far as this check reads it. */
export interface ManifestLike {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
  readonly spec?: unknown;
}

/** One reason a chaos target cannot take a drill without an outage. */
export interface UnsafeTarget {
  readonly target: WorkloadTarget;
  readonly rule: string;
}

/** Fewest replicas a target must keep so deleting or evicting some still leaves one serving. */
export const MIN_SAFE_REPLICAS = 2;

interface BudgetSpec {
  readonly selector?: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: readonly unknown[] };
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
}

/**
 * Targets that a drill would take down: fewer than MIN_SAFE_REPLICAS replicas, or no
 * PodDisruptionBudget among `objects` that protects their pods (one whose selector the pods
 * match and that keeps at least one of them).
 */
export function findUnsafeChaosTargets(targets: readonly WorkloadTarget[], objects: readonly ManifestLike[]): UnsafeTarget[] {
  const budgets = objects.filter((o) => o.apiVersion === 'policy/v1' && o.kind === 'PodDisruptionBudget');
  const unsafe: UnsafeTarget[] = [];
  for (const target of targets) {
    if (target.minReplicas < MIN_SAFE_REPLICAS) {
      unsafe.push({ target, rule: `runs ${target.minReplicas} replica(s): a chaos target needs at least ${MIN_SAFE_REPLICAS}, so losing pods never loses the service` });
    }
    const protecting = budgets.filter((b) => b.metadata?.namespace === target.namespace && protects(b.spec as BudgetSpec | undefined, target));
    if (protecting.length === 0) {
      unsafe.push({ target, rule: 'has no PodDisruptionBudget keeping at least one of its pods: a drain (spot interruption, node-drain drill) could evict all of them at once' });
    }
  }
  return unsafe;
}

function protects(spec: BudgetSpec | undefined, target: WorkloadTarget): boolean {
  const selector = spec?.selector;
  // Expressions are not evaluated here; such a budget is not counted (the check errs towards failing).
  if (!selector || (selector.matchExpressions?.length ?? 0) > 0) return false;
  const matches = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => target.selectorLabels[k] === v);
  if (!matches) return false;
  const { minAvailable, maxUnavailable } = spec;
  if (minAvailable !== undefined) return typeof minAvailable === 'number' ? minAvailable >= 1 : percent(minAvailable) > 0;
  if (maxUnavailable !== undefined) return typeof maxUnavailable === 'number' ? maxUnavailable < target.minReplicas : percent(maxUnavailable) < 100;
  return false;
}

function percent(value: string): number {
  const n = Number(value.replace(/%$/, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}

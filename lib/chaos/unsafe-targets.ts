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
  /** What is wrong: the replica floor, or the disruption budget. */
  readonly field: 'minReplicas' | 'podDisruptionBudget';
  /** The replica floor, or the names of the budgets selecting the pods (none: undefined). */
  readonly value: unknown;
  readonly rule: string;
}

/** Fewest replicas a target must keep so deleting or evicting some still leaves one serving. */
const MIN_SAFE_REPLICAS = 2;

interface BudgetSpec {
  readonly selector?: { readonly matchLabels?: Record<string, string>; readonly matchExpressions?: readonly unknown[] };
  readonly minAvailable?: number | string;
  readonly maxUnavailable?: number | string;
}

/**
 * Targets that a drill would take down: fewer than MIN_SAFE_REPLICAS replicas, or no
 * PodDisruptionBudget among `objects` whose selector their pods match and that keeps at least
 * one of them.
 */
export function findUnsafeChaosTargets(targets: readonly WorkloadTarget[], objects: readonly ManifestLike[]): UnsafeTarget[] {
  const budgets = objects.filter((o) => o.apiVersion === 'policy/v1' && o.kind === 'PodDisruptionBudget');
  const unsafe: UnsafeTarget[] = [];
  for (const target of targets) {
    if (target.minReplicas < MIN_SAFE_REPLICAS) {
      unsafe.push({
        target,
        field: 'minReplicas',
        value: target.minReplicas,
        rule: `a chaos target needs at least ${MIN_SAFE_REPLICAS} replicas, so losing pods never loses the service`,
      });
    }
    const selecting = budgets.filter((b) => b.metadata?.namespace === target.namespace && selects(b.spec as BudgetSpec | undefined, target));
    if (selecting.length === 0) {
      unsafe.push({
        target,
        field: 'podDisruptionBudget',
        value: undefined,
        rule: 'a chaos target needs a PodDisruptionBudget: without one a drain (spot interruption, node-drain drill) may evict all its pods at once',
      });
    } else if (!selecting.some((b) => keepsPods(b.spec as BudgetSpec, target))) {
      unsafe.push({
        target,
        field: 'podDisruptionBudget',
        value: selecting.map((b) => b.metadata?.name),
        rule: `lets every pod go at once (minAvailable 0, or maxUnavailable of at least the ${target.minReplicas} replicas): a chaos target's budget must keep at least one pod`,
      });
    }
  }
  return unsafe;
}

function selects(spec: BudgetSpec | undefined, target: WorkloadTarget): boolean {
  const selector = spec?.selector;
  // Expressions are not evaluated here; such a budget is not counted (the check errs towards failing).
  if (!selector || (selector.matchExpressions?.length ?? 0) > 0) return false;
  return Object.entries(selector.matchLabels ?? {}).every(([k, v]) => target.selectorLabels[k] === v);
}

function keepsPods(spec: BudgetSpec, target: WorkloadTarget): boolean {
  const { minAvailable, maxUnavailable } = spec;
  if (minAvailable !== undefined) return typeof minAvailable === 'number' ? minAvailable >= 1 : percent(minAvailable) > 0;
  if (maxUnavailable !== undefined) return typeof maxUnavailable === 'number' ? maxUnavailable < target.minReplicas : percent(maxUnavailable) < 100;
  return false;
}

function percent(value: string): number {
  const n = Number(value.replace(/%$/, ''));
  return Number.isFinite(n) ? n : Number.NaN;
}

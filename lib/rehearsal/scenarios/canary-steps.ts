/** The pure parts of the canary scenario: steps, the expected walk, and the rehearsal's copies. */

/** One entry of a Rollout's `spec.strategy.canary.steps`. */
export interface CanaryStep {
  readonly setWeight?: number;
  readonly pause?: { readonly duration?: string | number };
  readonly [other: string]: unknown;
}

function rolloutName(rollout: any): string {
  return `Rollout ${rollout?.metadata?.namespace ?? '?'}/${rollout?.metadata?.name ?? '?'}`;
}

/** The canary steps of a Rollout; throws when it has none (not a canary, or no steps). */
export function canaryStepsOf(rollout: any): CanaryStep[] {
  const steps = rollout?.spec?.strategy?.canary?.steps;
  if (!Array.isArray(steps) || steps.length === 0) {
    throw new Error(`${rolloutName(rollout)}: spec.strategy.canary.steps is empty or missing: the canary scenario needs a canary strategy with setWeight steps`);
  }
  return steps as CanaryStep[];
}

/** The traffic weights a Rollout walks: each `setWeight` in order, then 100 (promotion). */
export function weightWalkOf(rollout: any): number[] {
  const weights = canaryStepsOf(rollout).filter((s) => s.setWeight !== undefined).map((s) => Number(s.setWeight));
  if (weights.length === 0) throw new Error(`${rolloutName(rollout)}: spec.strategy.canary.steps has no setWeight step: nothing to walk`);
  return weights[weights.length - 1] === 100 ? weights : [...weights, 100];
}

/** `20 → 40 → 100` */
export function formatWalk(weights: readonly number[]): string {
  return weights.length === 0 ? '(none)' : weights.join(' → ');
}

/**
 * Why the weights observed do not match the walk expected (the environment's weights, then 100),
 * or undefined when they do: names each missing step, each step not expected, and wrong order.
 */
export function walkProblem(observed: readonly number[], expected: readonly number[]): string | undefined {
  if (observed.length === expected.length && observed.every((w, i) => w === expected[i])) return undefined;
  const missing = expected.filter((w) => !observed.includes(w));
  const unexpected = observed.filter((w) => !expected.includes(w));
  const parts = [
    ...missing.map((w) => `setWeight ${w} missing`),
    ...unexpected.map((w) => `setWeight ${w} not in the environment's canary`),
  ];
  if (parts.length === 0) parts.push('steps out of order');
  return `${parts.join(', ')}: observed ${formatWalk(observed)}, the environment's canary is ${formatWalk(expected)}`;
}

/**
 * The steps with every timed pause shortened to `duration` (the rehearsal's clock). A pause
 * without a duration waits for a person; the scenario cannot walk it, so it throws.
 */
export function withShortPauses(rollout: any, duration: string): CanaryStep[] {
  return canaryStepsOf(rollout).map((step, i) => {
    if (!step.pause) return step;
    if (step.pause.duration === undefined) {
      throw new Error(`${rolloutName(rollout)}: spec.strategy.canary.steps[${i}].pause has no duration: it waits for a person to promote, which the rehearsal does not do`);
    }
    return { ...step, pause: { duration } };
  });
}

/** Distinct values in order of first appearance after the previous one (20, 20, 40 → 20, 40). */
export function collapseRepeats(values: readonly number[]): number[] {
  return values.filter((v, i) => i === 0 || v !== values[i - 1]);
}

/** One metric of an AnalysisTemplate, as far as the rehearsal reads it. */
export interface AnalysisMetric {
  readonly name: string;
  readonly interval?: string;
  readonly initialDelay?: string;
  readonly failureLimit?: number | string;
  readonly provider: { readonly prometheus?: { readonly address: string; readonly query: string }; readonly [other: string]: unknown };
  readonly [other: string]: unknown;
}

/**
 * The AnalysisTemplate's metrics for the rehearsal: every Prometheus provider pointed at `address`
 * (the stand-in), measured every `interval` from the start (no initial delay). Conditions, limits
 * and queries stay as rendered. A metric of another provider cannot be answered: it throws.
 */
export function metricsForRehearsal(template: any, address: string, interval: string): AnalysisMetric[] {
  const name = `AnalysisTemplate ${template?.metadata?.namespace ?? '?'}/${template?.metadata?.name ?? '?'}`;
  const metrics = (template?.spec?.metrics ?? []) as AnalysisMetric[];
  if (metrics.length === 0) throw new Error(`${name}: spec.metrics is empty: nothing to analyse`);
  return metrics.map((m) => {
    if (!m.provider?.prometheus) {
      throw new Error(`${name}: metric ${m.name} uses provider ${Object.keys(m.provider ?? {}).join(', ') || '(none)'}: the rehearsal answers Prometheus queries only`);
    }
    const { initialDelay: _dropped, ...rest } = m;
    return { ...rest, interval, provider: { prometheus: { ...m.provider.prometheus, address } } };
  });
}

/** Largest `failureLimit` of the metrics (Argo Rollouts' default is 0). */
export function largestFailureLimit(metrics: readonly AnalysisMetric[]): number {
  return Math.max(0, ...metrics.map((m) => Number(m.failureLimit ?? 0)));
}

import { assertRule, integerRule } from '../config/checks';
import { k8s } from 'cdk8s-plus-29';
import type { Construct } from 'constructs';
import { APP_NAME_LABEL } from './labels';

/** How many pods of a workload voluntary disruptions (drains, consolidation) must leave running. */
export interface DisruptionBudgetOptions {
  /** Pods that must stay available. Mutually exclusive with `maxUnavailable`. @default - unset */
  readonly minAvailable?: number;
  /** Pods that may be down at once. @default 1 (when `minAvailable` is unset) */
  readonly maxUnavailable?: number;
}

/** Renders the PodDisruptionBudget of a workload; returns its `minAvailable` (0 when unset). */
export function disruptionBudget(
  scope: Construct,
  owner: string,
  target: { readonly name: string; readonly namespace: string; readonly selectorLabels: Readonly<Record<string, string>> },
  options: DisruptionBudgetOptions,
): number {
  if (options.minAvailable !== undefined && options.maxUnavailable !== undefined) {
    throw new Error(`${owner}: minAvailable = ${options.minAvailable} and maxUnavailable = ${options.maxUnavailable}: set only one (PodDisruptionBudget rule)`);
  }
  for (const [field, value] of [['minAvailable', options.minAvailable], ['maxUnavailable', options.maxUnavailable]] as const) {
    if (value !== undefined) assertRule(owner, field, value, integerRule(value, 0));
  }
  const maxUnavailable = options.minAvailable === undefined ? (options.maxUnavailable ?? 1) : undefined;
  new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: { name: target.name, namespace: target.namespace, labels: { [APP_NAME_LABEL]: target.name } },
    spec: {
      selector: { matchLabels: { ...target.selectorLabels } },
      minAvailable: options.minAvailable === undefined ? undefined : k8s.IntOrString.fromNumber(options.minAvailable),
      maxUnavailable: maxUnavailable === undefined ? undefined : k8s.IntOrString.fromNumber(maxUnavailable),
    },
  });
  return options.minAvailable ?? 0;
}

/** Fails when a workload that may scale to zero also promises `minAvailable` >= 1 pods. */
export function checkScaleToZeroBudget(owner: string, minAvailable: number, why: string): void {
  if (minAvailable >= 1) {
    throw new Error(
      `${owner}: minAvailable = ${minAvailable} contradicts scaling to zero (${why}): a budget that keeps pods available cannot hold at zero ` +
        'replicas and blocks node drains at one; use maxUnavailable instead',
    );
  }
}

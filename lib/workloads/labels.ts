import { Chart } from 'cdk8s';
import type { Construct } from 'constructs';

/** The label every workload, pod template and selector of this library is keyed by. */
export const APP_NAME_LABEL = 'app.kubernetes.io/name';

/** Ownership labels governance requires on every workload and pod template. */
export const REQUIRED_POD_LABELS = ['cost-center', 'team', APP_NAME_LABEL] as const;

/** The selector of a workload: only the name, because selectors are immutable. */
export function selectorLabels(name: string): Record<string, string> {
  return { [APP_NAME_LABEL]: name };
}

/**
 * Labels of a pod template: the chart's labels (ownership reaches the pods, which chart labels
 * alone do not), the caller's extra labels, and the name. Fails when an ownership label is missing.
 */
export function podLabels(scope: Construct, construct: string, name: string, extra: Record<string, string> = {}): Record<string, string> {
  const labels: Record<string, string> = { ...Chart.of(scope).labels, ...extra, [APP_NAME_LABEL]: name };
  for (const required of REQUIRED_POD_LABELS) {
    if (!labels[required]) {
      throw new Error(`${construct} ${name}: pod template has no '${required}' label: set it on the chart or in props.labels (governance requires ${REQUIRED_POD_LABELS.join(', ')})`);
    }
  }
  return labels;
}

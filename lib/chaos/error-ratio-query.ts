import type { Duration } from 'cdk8s';
import { HTTP_METRICS, TARGET_LABELS } from '../observability/metrics-contract';
import { formatDuration } from '../workloads/units';

/**
 * PromQL for the share of a workload's HTTP requests answered with a 5xx over `window`, from the
 * metrics contract (request counter, `workload` target label). Always one sample: 0 when the
 * workload served nothing, so a quiet service does not fail a probe with "no data".
 */
export function errorRatioQuery(workload: { readonly name: string; readonly namespace: string }, window: Duration): string {
  const selector = `namespace="${workload.namespace}",${TARGET_LABELS.workload}="${workload.name}"`;
  const range = formatDuration(window);
  const errors = `sum(rate(${HTTP_METRICS.requests}{${selector},${HTTP_METRICS.statusLabel}=~"5.."}[${range}]))`;
  const all = `sum(rate(${HTTP_METRICS.requests}{${selector}}[${range}]))`;
  return `((${errors} or vector(0)) / (${all} > 0)) or vector(0)`;
}
